/**
 * The DynamoDB client, built once at module load. On AWS it uses the function's role; locally and
 * in tests `DYNAMODB_ENDPOINT` points it at the embedded engine.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../shared/config.js';
import { unavailableIfTransient } from './transient-errors.js';

const { AWS_REGION, DYNAMODB_ENDPOINT, TABLE_NAME } = config();

export const dynamodb = new DynamoDBClient({
  region: AWS_REGION,
  ...(DYNAMODB_ENDPOINT
    ? { endpoint: DYNAMODB_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
    : {}),
});

// Around everything else, the SDK's retries included: what is still failing after them is
// "busy, try again", answered 503 with `Retry-After`, never a 500. The document client shares
// this client's middleware stack, so its commands pass here too.
dynamodb.middlewareStack.add(
  (next, context) => async (args) => {
    try {
      return await next(args);
    } catch (error) {
      throw unavailableIfTransient(error, context.commandName);
    }
  },
  { step: 'initialize', priority: 'high', name: 'transientErrorsAsUnavailable' },
);

export const documents = DynamoDBDocumentClient.from(dynamodb, {
  marshallOptions: { removeUndefinedValues: true },
});

export const tableName = TABLE_NAME;
