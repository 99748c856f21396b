/**
 * Per-client limits for the local server, as a WAF rate-based rule applies them on AWS: at most so
 * many requests to a route from one client address in a sliding window. Addresses are never kept:
 * each is hashed with a salt made at start and never written anywhere, and a client's entry is
 * dropped once its window has passed.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ClientLimit } from '../functions/routes.js';

/** Whether a request may go ahead, and if not, in how many seconds it may. */
export type LimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface ClientLimiter {
  /** Counts a request from `address` to the route `key` and decides. */
  take(key: string, limit: ClientLimit, address: string): LimitDecision;
  /** How many clients are being tracked (for tests of forgetting). */
  size(): number;
}

/** A limiter with its own salt; `now` in milliseconds, for tests. */
export function createClientLimiter(now: () => number = Date.now): ClientLimiter {
  const salt = randomBytes(32);
  /** Per route and hashed client: the window, and the times of the requests still in it, oldest first. */
  const seen = new Map<string, { windowMs: number; times: number[] }>();
  const clientOf = (key: string, address: string) => `${key} ${createHash('sha256').update(salt).update(address).digest('base64url')}`;

  function forgetOld(at: number): void {
    for (const [client, entry] of seen) {
      while (entry.times.length > 0 && (entry.times[0] ?? 0) <= at - entry.windowMs) entry.times.shift();
      if (entry.times.length === 0) seen.delete(client);
    }
  }

  return {
    take(key, limit, address) {
      const at = now();
      forgetOld(at);
      const client = clientOf(key, address);
      const entry = seen.get(client) ?? { windowMs: limit.windowSeconds * 1000, times: [] };
      if (entry.times.length >= limit.requests) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(((entry.times[0] ?? at) + entry.windowMs - at) / 1000)) };
      }
      entry.times.push(at);
      seen.set(client, entry);
      return { allowed: true };
    },
    size: () => seen.size,
  };
}
