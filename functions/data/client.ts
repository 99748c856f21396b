/**
 * The DynamoDB client, built once at module load. On AWS it uses the function's role; locally and
 * in tests `DYNAMODB_ENDPOINT` points it at the embedded engine.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../shared/config.js';
import { unavailableIfTransient } from './transient-errors.js';

const { AWS_REGION, DYNAMODB_ENDPOINT, TABLE_NAME } = config();

/**
 * How long DynamoDB may take on AWS before a request is given up and retried (the SDK's three
 * attempts, with backoff, stay well inside the API functions' 10 s): a stuck connection then
 * answers 503 with `Retry-After` instead of running into the function's time limit, which API
 * Gateway would answer outside the error shape. DynamoDB answers in milliseconds, and a 1 MB Query
 * page in well under a second. The embedded engine keeps the SDK's defaults: on a busy test machine
 * it can be slow, and a local time-out would only make tests flaky.
 */
export const awsRequestTimeouts = { connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true } as const;

/** The client's settings for an environment. Pure. */
export function clientSettings(settings: { AWS_REGION: string; DYNAMODB_ENDPOINT?: string | undefined }): DynamoDBClientConfig {
  return settings.DYNAMODB_ENDPOINT
    ? { region: settings.AWS_REGION, endpoint: settings.DYNAMODB_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
    : { region: settings.AWS_REGION, requestHandler: { ...awsRequestTimeouts } };
}

export const dynamodb = new DynamoDBClient(clientSettings({ AWS_REGION, DYNAMODB_ENDPOINT }));

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
