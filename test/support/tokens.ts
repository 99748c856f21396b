/**
 * Access tokens for tests of signed-in routes:
 * - {@link tokenFor}: a real token for a demo user, from a running finder, through the real sign-in
 *   (the pages, the code from the outbox, the code exchange).
 * - {@link forgeAccessToken} and {@link forgedTokens}: tokens made here, with the claims a real one
 *   has, for the cases the sign-in service never issues: expired, from another issuer, for another
 *   client, signed with another key, or an ID token in place of an access token.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT, importJWK } from 'jose';
import { findDemoUser, subjectOf } from '../../local/demo-users.js';
import type { LocalIdentityProvider } from '../../local/identity-provider.js';
import { signInThroughPages } from '../../local/sign-in-flow.js';
import { newSigningKey } from '../../local/signing-keys.js';

const userOf = (handle: string) => {
  const user = findDemoUser(handle);
  if (!user) throw new Error(`No demo user "${handle}" (see local/demo-users.ts)`);
  return user;
};

/** A real access token for a demo user (`asha`, `ben`, `chloe`, `dami`, `tariq`) from the finder at `finderUrl`. */
export async function tokenFor(finderUrl: string, handle: string): Promise<string> {
  return (await signInThroughPages({ finderUrl, email: userOf(handle).email })).access_token;
}

export interface ForgeOptions {
  /** The demo user whose claims the token carries. */
  user: string;
  /** Claims to add or replace; a claim set to undefined is left out. */
  claims?: Record<string, unknown>;
  /** `provider` (default) signs with the provider's own key, so only the claims can be wrong; `stranger` with a new key under the same key id: a bad signature. */
  key?: 'provider' | 'stranger';
}

/** The claims the local provider puts in a demo user's access token, valid for an hour from now. */
export function accessClaimsFor(provider: Pick<LocalIdentityProvider, 'issuer' | 'clientId'>, handle: string): Record<string, unknown> {
  const user = userOf(handle);
  const subject = subjectOf(user.email);
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: provider.issuer,
    sub: subject,
    aud: provider.clientId,
    client_id: provider.clientId,
    token_use: 'access',
    'cognito:groups': user.groups,
    scope: 'openid email',
    username: subject,
    iat: now,
    exp: now + 3600,
    jti: randomUUID(),
  };
}

/** A token made here, signed RS256 with the provider's key id; see {@link ForgeOptions}. */
export async function forgeAccessToken(provider: LocalIdentityProvider, options: ForgeOptions): Promise<string> {
  const jwk = options.key === 'stranger' ? await newSigningKey() : provider.signingKey;
  const claims = Object.fromEntries(
    Object.entries({ ...accessClaimsFor(provider, options.user), ...options.claims }).filter(([, value]) => value !== undefined),
  );
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: provider.signingKey.kid })
    .sign(await importJWK(jwk, 'RS256'));
}

/** One of each kind of token, for a demo user; only `valid` should pass the API's authorizer and access check. */
export async function forgedTokens(provider: LocalIdentityProvider, user: string) {
  const hourAgo = Math.floor(Date.now() / 1000) - 3600;
  return {
    valid: await forgeAccessToken(provider, { user }),
    expired: await forgeAccessToken(provider, { user, claims: { iat: hourAgo - 60, exp: hourAgo } }),
    wrongIssuer: await forgeAccessToken(provider, { user, claims: { iss: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_elsewhere' } }),
    wrongAudience: await forgeAccessToken(provider, { user, claims: { aud: 'another-client', client_id: 'another-client' } }),
    badSignature: await forgeAccessToken(provider, { user, key: 'stranger' }),
    /** Passes the authorizer (as a Cognito ID token would), refused by the access check. */
    idToken: await forgeAccessToken(provider, { user, claims: { token_use: 'id' } }),
  };
}

/**
 * `token` with one character changed, so that it always decodes to something else: the first
 * character of its last dot-separated part (a JWT's signature, or the whole of a plain secret).
 * Not the last character: in base64url of 32 bytes only 16 values are possible there, so writing
 * "A" over it left 1 token in 16 unchanged.
 */
export function tampered(token: string): string {
  const at = token.lastIndexOf('.') + 1;
  return `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
}
