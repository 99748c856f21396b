/**
 * The tokens in a reminder's links: signed (HS256, with jose), single-purpose JWTs for one listing
 * and one action, valid for `readinessRules.linkValidDays`. Keys and time come in from outside, so
 * this is pure apart from the crypto.
 *
 * - Single-purpose: their own `typ` header, audience and issuer, so no other token the finder or
 *   Cognito makes can pass for one, and one cannot pass for anything else.
 * - Rotatable: the header names the key (`kid`); the verifier finds it among the current and the
 *   previous keys (`data/link-keys.ts`).
 * - Single use is not the token's business: a used token is remembered by its `jti` (`data/used-links.ts`).
 */
import { SignJWT, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import * as z from 'zod';
import { type ListingAction, listingActionSchema } from '../contract/listing-actions.js';
import { outletIdSchema } from '../contract/outlet.js';
import { readinessRules } from '../contract/readiness.js';

/** A signing key: its id (in every token's header) and its secret bytes. */
export interface LinkKey {
  kid: string;
  secret: Uint8Array;
}

/** Finds the key a token names; null when the finder has no such key (any more). */
export type LinkKeyLookup = (kid: string) => Promise<Uint8Array | null>;

/** What a valid token says. */
export interface LinkClaims {
  outletId: string;
  action: ListingAction;
  /** The token's own id: what "used" is remembered by. */
  jti: string;
  issuedAt: Date;
  expiresAt: Date;
}

/** What a token turned out to be. Expired tokens are still authentic: their claims are known. */
export type LinkVerification = { kind: 'valid'; claims: LinkClaims } | { kind: 'expired'; claims: LinkClaims } | { kind: 'invalid' };

const tokenType = 'listing-action+jwt';
const audience = 'listing-action';
const issuer = 'naloxone-finder';
const daySeconds = 24 * 60 * 60;
const maxLifetimeSeconds = readinessRules.linkValidDays * daySeconds;

const seconds = (instant: Date) => Math.floor(instant.getTime() / 1000);

/** A token for `action` on `outletId`, issued at `now` and valid for `readinessRules.linkValidDays` days. */
export function signListingLink(
  key: LinkKey,
  request: { outletId: string; action: ListingAction },
  now: Date,
  newId: () => string = () => crypto.randomUUID(),
): Promise<string> {
  return new SignJWT({ act: request.action })
    .setProtectedHeader({ alg: 'HS256', typ: tokenType, kid: key.kid })
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject(request.outletId)
    .setJti(newId())
    .setIssuedAt(seconds(now))
    .setExpirationTime(seconds(now) + maxLifetimeSeconds)
    .sign(key.secret);
}

const claimsSchema = z
  .object({
    sub: outletIdSchema,
    act: listingActionSchema,
    jti: z.string().min(8).max(100),
    iat: z.number().int(),
    exp: z.number().int(),
  })
  // A token that claims a longer life than the finder gives was not made by it.
  .refine((claims) => claims.exp > claims.iat && claims.exp - claims.iat <= maxLifetimeSeconds);

function claimsOf(payload: unknown): LinkClaims | null {
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) return null;
  const { sub, act, jti, iat, exp } = parsed.data;
  return { outletId: sub, action: act, jti, issuedAt: new Date(iat * 1000), expiresAt: new Date(exp * 1000) };
}

/** Checks a token's header, signature, purpose and expiry as of `now`. Never throws. */
export async function verifyListingLink(token: string, keyFor: LinkKeyLookup, now: Date): Promise<LinkVerification> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    return { kind: 'invalid' };
  }
  const secret = kid ? await keyFor(kid) : null;
  if (!secret) return { kind: 'invalid' };
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      typ: tokenType,
      audience,
      issuer,
      currentDate: now,
      requiredClaims: ['sub', 'jti', 'iat', 'exp'],
    });
    const claims = claimsOf(payload);
    return claims ? { kind: 'valid', claims } : { kind: 'invalid' };
  } catch (error) {
    // jose checks the signature before the claims: an expired token's claims are authentic.
    if (error instanceof errors.JWTExpired) {
      const claims = claimsOf(error.payload);
      return claims ? { kind: 'expired', claims } : { kind: 'invalid' };
    }
    return { kind: 'invalid' };
  }
}
