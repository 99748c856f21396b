/**
 * The "change your registration" link: a single-purpose secret, emailed to the registrant when
 * changes are asked for, that lets its holder read that one registration and send it again, once,
 * for 30 days. The registrant has no account, so this stands in for signing in.
 *
 * Why a stored secret and not a signed token: it needs no signing key to keep, rotate or share
 * between functions; only its SHA-256 is stored, so a copy of the table cannot forge a link; and it
 * can be withdrawn (a new request, a decision) by replacing or clearing the hash. Readiness
 * reminders (another branch) sign one-tap links with a key instead; when both exist, they should
 * be compared and one way kept.
 *
 * The secret travels in the link's fragment (`#token=…`), which browsers never send to a server or
 * put in a Referer, and the page sends it to the API in the `X-Registration-Token` header, so it is
 * never in an address that a log could keep.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a link works after it is sent. */
export const changeLinkLifetimeDays = 30;

/** A new secret (32 random bytes, base64url) and what is stored of it. */
export function newChangeLink(now: Date): { token: string; stored: { hash: string; expiresAt: string } } {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + changeLinkLifetimeDays * 24 * 60 * 60 * 1000).toISOString();
  return { token, stored: { hash: hashOf(token), expiresAt } };
}

const hashOf = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Whether `token` is the stored link's secret and the link still works at `now`. Compared in constant time. */
export function isValidChangeLink(stored: { hash: string; expiresAt: string } | null, token: string | undefined, now: Date): boolean {
  if (!stored || !token || token.length > 100) return false;
  if (now.getTime() >= Date.parse(stored.expiresAt)) return false;
  const given = Buffer.from(hashOf(token), 'hex');
  const expected = Buffer.from(stored.hash, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The link the registrant is emailed: the change page, the registration, and the secret in the fragment. */
export const changeLinkUrl = (siteUrl: string, id: string, token: string): string =>
  `${siteUrl.replace(/\/+$/, '')}/register/change/?${new URLSearchParams({ id })}#token=${token}`;
