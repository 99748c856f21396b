/**
 * Runs before every test file: points the functions' configuration at the embedded engine, with a
 * table of the file's own.
 */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';

process.env.DYNAMODB_ENDPOINT = inject('dynamodbEndpoint');
process.env.TABLE_NAME = `test-${randomUUID()}`;
process.env.AWS_REGION = 'eu-west-2';
process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'SILENT';
process.env.METRICS_OUTPUT = process.env.METRICS_OUTPUT ?? 'off';
// The SDK warns that Node 20 support ends; Lambda runs Node 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
