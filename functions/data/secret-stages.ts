/**
 * Reading one stage of a Secrets Manager secret (`AWSCURRENT`, `AWSPREVIOUS`): what the link keys
 * (`link-keys.ts`) and the origin secret (`origin-secret.ts`) both do. One JSON 1.1 call,
 * GetSecretValue, signed by `shared/aws-request.ts` rather than made through the SDK's client.
 */
import { AwsServiceError, type AwsServiceSettings, callAwsJson } from '../shared/aws-request.js';
import { awsService } from './aws-services.js';

export type SecretStage = 'AWSCURRENT' | 'AWSPREVIOUS';

/** Secrets Manager in a region, as the function role calls it. */
export const secretsManager = (region: string): AwsServiceSettings => awsService('secretsmanager', region, `https://secretsmanager.${region}.amazonaws.com`);

/**
 * The stage's string and version id; null when the secret has no string there, or (for
 * `AWSPREVIOUS`) when it has no such version: a secret never rotated has no previous version, and
 * Secrets Manager answers that with ResourceNotFoundException. Any other error is thrown.
 */
export async function readSecretStage(service: AwsServiceSettings, secretId: string, stage: SecretStage): Promise<{ value: string; versionId: string } | null> {
  try {
    const { SecretString, VersionId } = await callAwsJson<{ SecretString?: string; VersionId?: string }>(
      service,
      'secretsmanager.GetSecretValue',
      { SecretId: secretId, VersionStage: stage },
      '1.1',
    );
    return SecretString && VersionId ? { value: SecretString, versionId: VersionId } : null;
  } catch (error) {
    if (stage === 'AWSPREVIOUS' && error instanceof AwsServiceError && error.name === 'ResourceNotFoundException') return null;
    throw error;
  }
}
