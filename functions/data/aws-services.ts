/**
 * The settings of every AWS service the data layer calls (DynamoDB, SES, Cognito, Secrets Manager,
 * S3), for `shared/aws-request.ts`: the service's regional endpoint signed with the function role's
 * credentials on AWS, or a local stand-in (`DYNAMODB_ENDPOINT`, `SES_ENDPOINT`, `COGNITO_ENDPOINT`)
 * called with placeholder credentials. Pure, so tests can build settings of their own.
 */
import { type AwsServiceSettings, credentialsFromEnvironment, localCredentials } from '../shared/aws-request.js';

/**
 * How long a service may take on AWS before a request is given up and retried (three attempts, with
 * backoff, stay well inside the API functions' 10 s): a stuck connection then answers 503 with
 * `Retry-After` instead of running into the function's time limit, which API Gateway would answer
 * outside the error shape. DynamoDB answers in milliseconds and a 1 MB Query page in well under a
 * second; a secret, an email handed to SES or a Cognito admin call in a few hundred. A local
 * stand-in waits as long as it takes: on a busy test machine it can be slow, and a local time-out
 * would only make tests flaky.
 */
export const awsRequestTimeouts = { connectMs: 1_000, responseMs: 2_000 } as const;

/**
 * `endpoint` is the service's address on AWS (`https://email.eu-west-2.amazonaws.com`);
 * `localEndpoint`, when set, replaces it.
 */
export function awsService(signingName: string, region: string, endpoint: string, localEndpoint?: string | undefined): AwsServiceSettings {
  return localEndpoint
    ? { signingName, region, endpoint: localEndpoint, credentials: () => localCredentials }
    : { signingName, region, endpoint, credentials: () => credentialsFromEnvironment(), timeouts: awsRequestTimeouts };
}

/** DynamoDB's settings for an environment: the embedded engine, or DynamoDB in the region. */
export function clientSettings(settings: { AWS_REGION: string; DYNAMODB_ENDPOINT?: string | undefined }): AwsServiceSettings {
  return awsService('dynamodb', settings.AWS_REGION, `https://dynamodb.${settings.AWS_REGION}.amazonaws.com`, settings.DYNAMODB_ENDPOINT);
}
