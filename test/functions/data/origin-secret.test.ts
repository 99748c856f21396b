/**
 * The origin secret's values and the check kept over them: read once, read again for an unknown
 * value at most once a minute, a failed read answered 503 and tried again.
 */
import { describe, expect, it } from 'vitest';
import { createOriginCheck, localOriginValues, valuesFromSecret } from '../../../functions/data/origin-secret.js';
import { DomainError } from '../../../functions/shared/errors.js';

const first = 'first-origin-secret-value-0123456789';
const second = 'second-origin-secret-value-0123456789';

describe('valuesFromSecret', () => {
  it('accepts the current version, and the previous one once the secret was rotated', async () => {
    // Act
    const never = await valuesFromSecret(async (stage) => (stage === 'AWSCURRENT' ? first : null));
    const rotated = await valuesFromSecret(async (stage) => (stage === 'AWSCURRENT' ? second : first));

    // Assess
    expect(never).toEqual([first]);
    expect(rotated).toEqual([second, first]);
  });

  it('refuses a secret without a current value', async () => {
    await expect(valuesFromSecret(async () => null)).rejects.toThrow(/no current value/);
  });
});

describe('createOriginCheck', () => {
  it('reads the values once, and again for an unknown value only once the last read is a minute old', async () => {
    // Prepare
    let now = 0;
    let secret = [first];
    let reads = 0;
    const check = createOriginCheck(
      async () => {
        reads += 1;
        return secret;
      },
      { now: () => now },
    );

    // Act
    const before = [await check(first), await check(second), await check(undefined)];
    secret = [second, first];
    now = 30_000;
    const tooSoon = await check(second);
    now = 61_000;
    const rotated = [await check(second), await check(first)];
    now = 200_000;
    const missing = await check(undefined);

    // Assess
    expect(before).toEqual([true, false, false]);
    expect(tooSoon).toBe(false);
    expect(rotated).toEqual([true, true]);
    expect(missing).toBe(false);
    expect(reads).toBe(2);
  });

  it('answers a failed read as the service being unavailable, and reads again on the next request', async () => {
    // Prepare
    let fail = true;
    const check = createOriginCheck(async () => {
      if (fail) throw new Error('Secrets Manager is down');
      return [first];
    });

    // Act
    const failed = await check(first).catch((error: unknown) => error);
    fail = false;
    const next = await check(first);

    // Assess
    expect(failed).toBeInstanceOf(DomainError);
    expect((failed as DomainError).code).toBe('service_unavailable');
    expect(next).toBe(true);
  });
});

describe('localOriginValues', () => {
  it('reads a JSON array of values and refuses anything else', () => {
    expect(localOriginValues(JSON.stringify([first, second]))).toEqual([first, second]);
    for (const bad of ['[]', '"one"', '["short"]', `[${JSON.stringify(first)}, 3]`]) expect(() => localOriginValues(bad)).toThrow(/ORIGIN_VERIFY/);
  });
});
