/**
 * The accepted values of the origin header (`contract/origin-verify.ts`), and the check the
 * request pipeline runs on every request when the function has them.
 *
 * On AWS they are the current and previous versions of the Secrets Manager secret the stack makes
 * (`ORIGIN_VERIFY_SECRET_ARN`): CloudFront sends the value it was deployed with, so during a
 * rotation (a new value put, then a deploy that gives CloudFront the new one, README "Rotating the
 * origin secret") both are accepted. The secret is read once, on first use, and kept; a value this
 * process does not know makes it read the secret again, at most once a minute, so a rotation
 * reaches warm functions without waiting for them to be replaced, and a caller sending made-up
 * values cannot make it read more often than that. A request with no value at all never does.
 *
 * Under `npm start` and in tests the values themselves come in `ORIGIN_VERIFY` (JSON), from the
 * local server, which sends the first as CloudFront would. With neither set there is no check.
 */
import type { AwsServiceSettings } from '../shared/aws-request.js';
import { matchesAnyValue } from '../core/origin-verify.js';
import { originVerifyConfig } from '../shared/config.js';
import { serviceUnavailable } from '../shared/errors.js';
import { readSecretStage, secretsManager } from './secret-stages.js';

/** Reads one stage of the secret: its string, or null when it has no such version. */
export type SecretStageReader = (stage: 'AWSCURRENT' | 'AWSPREVIOUS') => Promise<string | null>;

/** The accepted values from a secret: its current version, and its previous one when it was ever rotated. */
export async function valuesFromSecret(read: SecretStageReader): Promise<string[]> {
  const [current, previous] = await Promise.all([read('AWSCURRENT'), read('AWSPREVIOUS')]);
  if (!current) throw new Error('The origin secret has no current value');
  return previous && previous !== current ? [current, previous] : [current];
}

/** The stage reader of a real secret (a secret never rotated reads null for AWSPREVIOUS). */
export function secretsManagerReader(service: AwsServiceSettings, arn: string): SecretStageReader {
  return async (stage) => (await readSecretStage(service, arn, stage))?.value ?? null;
}

/** Decides whether a request's origin header value is accepted. */
export type OriginCheck = (value: string | undefined) => Promise<boolean>;

/**
 * A check over values read by `load`: read on first use and kept (a failed read is tried again on
 * the next request, and answered 503 meanwhile), read again for an unknown value once the last read
 * is `reloadAfterMs` old.
 */
export function createOriginCheck(load: () => Promise<string[]>, { reloadAfterMs = 60_000, now = Date.now } = {}): OriginCheck {
  let values: Promise<string[]> | undefined;
  let loadedAt = 0;
  const read = () => {
    if (!values) {
      loadedAt = now();
      values = load().catch((error: unknown) => {
        values = undefined;
        throw serviceUnavailable(error);
      });
    }
    return values;
  };
  return async (value) => {
    if (!value) return false;
    if (matchesAnyValue(value, await read())) return true;
    if (now() - loadedAt < reloadAfterMs) return false;
    values = undefined;
    return matchesAnyValue(value, await read());
  };
}

/** `ORIGIN_VERIFY`: a JSON array of the accepted values. */
export function localOriginValues(json: string): string[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((value) => typeof value === 'string' && value.length >= 16)) {
    throw new Error('ORIGIN_VERIFY must be a JSON array of origin secret values, each of at least 16 characters');
  }
  return parsed as string[];
}

const settings = originVerifyConfig();
// Checked now, so a bad local setting stops the function at start rather than refusing requests.
const localValues = settings.ORIGIN_VERIFY ? localOriginValues(settings.ORIGIN_VERIFY) : null;

/** This function's check; null when it was given no origin secret (then every request goes ahead). */
export const originCheck: OriginCheck | null = settings.ORIGIN_VERIFY_SECRET_ARN
  ? createOriginCheck(() =>
      valuesFromSecret(secretsManagerReader(secretsManager(settings.AWS_REGION), settings.ORIGIN_VERIFY_SECRET_ARN as string)),
    )
  : localValues
    ? createOriginCheck(async () => localValues)
    : null;
