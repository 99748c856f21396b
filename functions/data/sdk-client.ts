/**
 * The AWS SDK's DynamoDB client, for what still needs the SDK itself: the idempotency store (the
 * Powertools persistence layer takes an SDK client) and table administration run from scripts and
 * tests (`create-table.ts`, `table-dump.ts`). The data layer's own reads and writes go through
 * `dynamodb-documents.ts`, which keeps the SDK out of the Lambda bundles (issue 11).
 *
 * Built by a call marked pure, so a bundle that never uses `dynamodb` drops it together with the
 * SDK (whose packages declare no side effects).
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { config } from '../shared/config.js';
import { awsRequestTimeouts } from './client-settings.js';
import { unavailableIfTransient } from './transient-errors.js';

/** The SDK client's settings for an environment, the same region, endpoint and time-outs as the document client's. Pure. */
export function sdkClientSettings(settings: { AWS_REGION: string; DYNAMODB_ENDPOINT?: string | undefined }): DynamoDBClientConfig {
  return settings.DYNAMODB_ENDPOINT
    ? { region: settings.AWS_REGION, endpoint: settings.DYNAMODB_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
    : {
        region: settings.AWS_REGION,
        requestHandler: { connectionTimeout: awsRequestTimeouts.connectMs, requestTimeout: awsRequestTimeouts.responseMs, throwOnRequestTimeout: true },
      };
}

function sdkClient(): DynamoDBClient {
  const { AWS_REGION, DYNAMODB_ENDPOINT } = config();
  const client = new DynamoDBClient(sdkClientSettings({ AWS_REGION, DYNAMODB_ENDPOINT }));
  // Around everything else, the SDK's retries included: what is still failing after them is
  // "busy, try again", answered 503 with `Retry-After`, never a 500 – as the document client does.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        throw unavailableIfTransient(error, context.commandName);
      }
    },
    { step: 'initialize', priority: 'high', name: 'transientErrorsAsUnavailable' },
  );
  return client;
}

export const dynamodb = /* @__PURE__ */ sdkClient();
