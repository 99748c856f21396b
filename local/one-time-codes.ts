/**
 * Email one-time codes, as Cognito's passwordless sign-in sends them: 6 digits, valid for 10
 * minutes, good for one sign-in, and void after 5 wrong tries, when a new code is needed.
 *
 * A code belongs to one sign-in attempt (the provider's interaction), never to the address alone,
 * so a code read from someone else's attempt is useless. Only a hash of each code is kept.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

export const codeLifetimeMs = 10 * 60 * 1000;
export const maxWrongTries = 5;

/** What checking a code found. */
export type CodeCheck =
  | { outcome: 'accepted'; email: string }
  | { outcome: 'wrong' | 'expired' | 'too_many_tries' | 'no_code' };

interface PendingCode {
  email: string;
  /** null when the address has no account: every code is then wrong, as for a wrong guess. */
  hash: Buffer | null;
  expiresAt: number;
  wrongTries: number;
}

const hashOf = (code: string) => createHash('sha256').update(code).digest();

/** A 6-digit code, leading zeros kept. */
export const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** The codes of sign-in attempts in progress, in memory. */
export class OneTimeCodes {
  readonly #pending = new Map<string, PendingCode>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Starts (or restarts) the attempt's code for `email`: the new code, to be sent, or null when the
   * address has no account. Either way any earlier code of the attempt is void.
   */
  issue(attempt: string, email: string, hasAccount: boolean): string | null {
    this.#forgetExpired();
    const code = hasAccount ? newCode() : null;
    this.#pending.set(attempt, { email, hash: code ? hashOf(code) : null, expiresAt: this.now() + codeLifetimeMs, wrongTries: 0 });
    return code;
  }

  /** The address the attempt's code went to, if one is pending (even if expired or used up). */
  emailOf(attempt: string): string | undefined {
    return this.#pending.get(attempt)?.email;
  }

  /** Checks a code; an accepted code is used up. */
  check(attempt: string, code: string): CodeCheck {
    const pending = this.#pending.get(attempt);
    if (!pending) return { outcome: 'no_code' };
    if (pending.wrongTries >= maxWrongTries) return { outcome: 'too_many_tries' };
    if (this.now() >= pending.expiresAt) return { outcome: 'expired' };
    const given = hashOf(code);
    if (pending.hash && timingSafeEqual(given, pending.hash)) {
      this.#pending.delete(attempt);
      return { outcome: 'accepted', email: pending.email };
    }
    pending.wrongTries += 1;
    return pending.wrongTries >= maxWrongTries ? { outcome: 'too_many_tries' } : { outcome: 'wrong' };
  }

  /** Ends an attempt (signed in, or given up). */
  forget(attempt: string): void {
    this.#pending.delete(attempt);
  }

  // Attempts abandoned in the browser would otherwise stay for the life of the process.
  #forgetExpired(): void {
    const now = this.now();
    for (const [attempt, pending] of this.#pending) if (now >= pending.expiresAt + codeLifetimeMs) this.#pending.delete(attempt);
  }
}
