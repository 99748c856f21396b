/**
 * The local stand-in for the HTTP API's JWT authorizer: the local server asks it before running a
 * route that is not public, and it decides exactly as API Gateway does on AWS.
 *
 * - The token comes from the `Authorization` header, with or without `Bearer `.
 * - Its signature must verify with a key from the issuer's JWKS (fetched and cached, refetched for
 *   an unknown key id), and `iss`, `exp` and `nbf` must hold.
 * - Its `aud` must include the audience, or, when it has no `aud` (Cognito's access tokens), its
 *   `client_id` must be the audience.
 * - The claims reach the function as API Gateway passes them: every value a string, arrays written
 *   `[a b c]`.
 */
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';

/** What the authorizer checks tokens against: the API's JWT authorizer configuration. */
export interface JwtAuthorizerSettings {
  issuer: string;
  /** The app client id: API Gateway's `audience`. */
  audience: string;
  jwksUri: string;
}

/** Claims as API Gateway's JWT authorizer hands them to the function. */
export type AuthorizerClaims = Record<string, string>;

/** API Gateway's rendering of a claim value. */
export function claimAsApiGatewayGivesIt(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(String).join(' ')}]`;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Checks an `Authorization` header; the verified claims, or null when API Gateway would answer 401. */
export type JwtAuthorizer = (authorization: string | undefined) => Promise<AuthorizerClaims | null>;

export function createJwtAuthorizer(settings: JwtAuthorizerSettings): JwtAuthorizer {
  const keys = createRemoteJWKSet(new URL(settings.jwksUri), { cooldownDuration: 0 });
  return async (authorization) => {
    const token = authorization?.trim().replace(/^Bearer\s+/i, '');
    if (!token) return null;
    try {
      const { payload } = await jwtVerify(token, keys, { issuer: settings.issuer, algorithms: ['RS256', 'PS256', 'ES256'] });
      const audiences = payload.aud === undefined ? [] : Array.isArray(payload.aud) ? payload.aud : [payload.aud];
      const audienceMatches =
        audiences.length > 0 ? audiences.includes(settings.audience) : payload.client_id === settings.audience;
      if (!audienceMatches) return null;
      return Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, claimAsApiGatewayGivesIt(value)]));
    } catch (error) {
      // A bad token is a 401, not a crash; a JWKS the server cannot reach is a fault to see.
      if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout)) return null;
      throw error;
    }
  };
}
