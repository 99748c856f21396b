/**
 * The DynamoDB client, built once at module load. On AWS it uses the function's role; locally and
 * in tests `DYNAMODB_ENDPOINT` points it at the embedded engine.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../shared/config.js';

const { AWS_REGION, DYNAMODB_ENDPOINT, TABLE_NAME } = config();

export const dynamodb = new DynamoDBClient({
  region: AWS_REGION,
  ...(DYNAMODB_ENDPOINT
    ? { endpoint: DYNAMODB_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
    : {}),
});

export const documents = DynamoDBDocumentClient.from(dynamodb, {
  marshallOptions: { removeUndefinedValues: true },
});

export const tableName = TABLE_NAME;
