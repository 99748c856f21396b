/**
 * Where the data layer's DynamoDB calls go, and how long they may take. Pure, apart from the
 * module that builds the client at load (`client.ts`), so tests can build clients of their own.
 */
import { type AwsServiceSettings, credentialsFromEnvironment, localCredentials } from '../shared/aws-request.js';

/**
 * How long DynamoDB may take on AWS before a request is given up and retried (three attempts, with
 * backoff, stay well inside the API functions' 10 s): a stuck connection then answers 503 with
 * `Retry-After` instead of running into the function's time limit, which API Gateway would answer
 * outside the error shape. DynamoDB answers in milliseconds, and a 1 MB Query page in well under a
 * second. The embedded engine waits as long as it takes: on a busy test machine it can be slow,
 * and a local time-out would only make tests flaky.
 */
export const awsRequestTimeouts = { connectMs: 1_000, responseMs: 2_000 } as const;

/** The document client's settings for an environment: the embedded engine, or DynamoDB in the region with the function role's credentials. */
export function clientSettings(settings: { AWS_REGION: string; DYNAMODB_ENDPOINT?: string | undefined }): AwsServiceSettings {
  const region = settings.AWS_REGION;
  return settings.DYNAMODB_ENDPOINT
    ? { signingName: 'dynamodb', region, endpoint: settings.DYNAMODB_ENDPOINT, credentials: () => localCredentials }
    : { signingName: 'dynamodb', region, endpoint: `https://dynamodb.${region}.amazonaws.com`, credentials: () => credentialsFromEnvironment(), timeouts: awsRequestTimeouts };
}
