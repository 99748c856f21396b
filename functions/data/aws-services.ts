/**
 * The settings of the AWS services the data layer calls besides DynamoDB (SES, Cognito, Secrets
 * Manager, S3), for `shared/aws-request.ts`: the service's regional endpoint signed with the
 * function role's credentials on AWS, or a local stand-in (`SES_ENDPOINT`, `COGNITO_ENDPOINT`)
 * called with placeholder credentials, as the SDK clients were.
 */
import { type AwsServiceSettings, credentialsFromEnvironment, localCredentials } from '../shared/aws-request.js';

/**
 * `endpoint` is the service's address on AWS (`https://email.eu-west-2.amazonaws.com`);
 * `localEndpoint`, when set, replaces it.
 */
export function awsService(signingName: string, region: string, endpoint: string, localEndpoint?: string | undefined): AwsServiceSettings {
  return localEndpoint
    ? { signingName, region, endpoint: localEndpoint, credentials: () => localCredentials }
    : { signingName, region, endpoint, credentials: () => credentialsFromEnvironment() };
}
