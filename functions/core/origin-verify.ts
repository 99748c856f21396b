/**
 * Whether a request's origin header holds one of the accepted values. Pure.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * True when `value` is one of `accepted`. Compared as SHA-256 digests in constant time, against
 * every accepted value, so neither the answer's timing nor its length tells a caller how close a
 * guess came. An empty or missing value never matches.
 */
export function matchesAnyValue(value: string | undefined, accepted: readonly string[]): boolean {
  if (!value) return false;
  const given = digest(value);
  let matched = false;
  for (const candidate of accepted) {
    if (candidate !== '' && timingSafeEqual(given, digest(candidate))) matched = true;
  }
  return matched;
}
