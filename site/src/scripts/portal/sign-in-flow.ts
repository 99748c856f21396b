/**
 * Signing in with OAuth 2.0 authorization code + PKCE (S256) and `state`, as a public client (no
 * secret), with one library, oauth4webapi, whatever the sign-in service: Cognito's managed login on
 * AWS, the local OpenID Provider under `npm start`. The service is described by `GET /api/sign-in`;
 * nothing here knows which one it is.
 *
 * Loaded only when someone signs in, comes back from signing in, or needs a fresh token: the
 * library and zod stay out of the first load of every portal page.
 */
// First, before any schema is built: the portal's CSP forbids zod's eval probe.
import '../zod-without-eval.js';
import * as oauth from 'oauth4webapi';
import { signInSettingsSchema, type SignInSettings } from '@contract/me.js';
import { apiBaseUrl } from '../config.js';
import { callbackPath, safeReturnPath } from './portal-urls.js';
import { type PortalSession, forgetStored, readStored, saveSession, storagePrefix, writeStored } from './session.js';

/** The sign-in on its way: kept in this tab while the person is at the sign-in service. */
interface PendingSignIn {
  state: string;
  codeVerifier: string;
  returnTo: string;
  settings: SignInSettings;
}

const pendingKey = `${storagePrefix}pending-sign-in`;

/** How long the sign-in settings and token requests may take on a poor connection. */
const timeoutMs = 15_000;

/** Why a sign-in could not start or finish, in terms the page can word for a person. */
export type SignInProblem =
  /** The finder or the sign-in service did not answer. */
  | 'unavailable'
  /** The browser would not keep the sign-in's state (storage blocked). */
  | 'storage_blocked'
  /** The callback has no sign-in of this tab to finish: an old link, or another tab or browser. */
  | 'no_sign_in_started'
  /** The person or the service stopped the sign-in. */
  | 'denied'
  /** The answer did not check out (state, code or tokens). */
  | 'invalid';

/** `GET /api/sign-in`, checked against the contract. */
async function fetchSignInSettings(): Promise<SignInSettings | null> {
  try {
    const response = await fetch(`${apiBaseUrl}/sign-in`, {
      headers: { accept: 'application/json' },
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return null;
    const parsed = signInSettingsSchema.safeParse(await response.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The sign-in service as oauth4webapi describes one, from our settings (no discovery request). */
function authorizationServer(settings: SignInSettings): oauth.AuthorizationServer {
  return {
    issuer: settings.issuer,
    authorization_endpoint: settings.authorizationEndpoint,
    token_endpoint: settings.tokenEndpoint,
    end_session_endpoint: settings.logoutEndpoint,
    // The ID token comes straight from the token endpoint; these are the algorithms either service signs with.
    id_token_signing_alg_values_supported: ['RS256', 'PS256', 'ES256'],
  };
}

const clientOf = (settings: SignInSettings): oauth.Client => ({ client_id: settings.clientId, token_endpoint_auth_method: 'none' });

/**
 * The local OpenID Provider runs on plain http on this machine; oauth4webapi refuses http unless
 * told. It is told only for a loopback host, so a misconfigured deployment fails rather than sends
 * a code over an unencrypted connection.
 */
export function isLoopbackHttp(endpoint: string): boolean {
  const url = new URL(endpoint);
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

function requestOptions(settings: SignInSettings): oauth.TokenEndpointRequestOptions {
  return {
    signal: AbortSignal.timeout(timeoutMs),
    ...(isLoopbackHttp(settings.tokenEndpoint) ? { [oauth.allowInsecureRequests]: true } : {}),
  };
}

/** The session a token response stands for; a refresh that brings no new refresh token keeps the old one. */
function sessionFrom(tokens: oauth.TokenEndpointResponse, settings: SignInSettings, previous?: PortalSession): PortalSession {
  const claims = oauth.getValidatedIdTokenClaims(tokens);
  const email = typeof claims?.email === 'string' ? claims.email : null;
  return {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token ?? previous?.refreshToken ?? null,
    // Cognito and OpenID providers always say; five minutes is a cautious guess if one does not.
    expiresAt: Date.now() + (tokens.expires_in ?? 300) * 1000,
    label: previous?.label ?? email,
    settings,
  };
}

/**
 * Sends the person to the sign-in service, to come back to `returnTo`. With `loginHint` (their
 * email) the service skips asking for it and sends the code at once. Resolves only when the sign-in
 * could not start; otherwise the page is leaving.
 */
export async function startSignIn({ returnTo, loginHint }: { returnTo: string; loginHint?: string }): Promise<SignInProblem> {
  const settings = await fetchSignInSettings();
  if (!settings) return 'unavailable';
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const pending: PendingSignIn = { state, codeVerifier, returnTo: safeReturnPath(returnTo), settings };
  if (!writeStored(pendingKey, pending)) return 'storage_blocked';

  const url = new URL(settings.authorizationEndpoint);
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('redirect_uri', new URL(callbackPath, location.origin).href);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', settings.scopes.join(' '));
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  if (loginHint) url.searchParams.set('login_hint', loginHint);
  location.assign(url.href);
  // The page is unloading; never resolve, so nothing on it reacts in the meantime.
  return new Promise<never>(() => {});
}

function isPendingSignIn(value: unknown): value is PendingSignIn {
  if (value === null || typeof value !== 'object') return false;
  const pending = value as Record<string, unknown>;
  return typeof pending.state === 'string' && typeof pending.codeVerifier === 'string' && typeof pending.returnTo === 'string' && typeof pending.settings === 'object';
}

/**
 * Finishes the sign-in the service sent the person back from (`callbackUrl` holds `code` and
 * `state`, or `error`): checks the state, swaps the code for tokens and keeps them.
 */
export async function finishSignIn(callbackUrl: URL): Promise<{ kind: 'signed_in'; returnTo: string } | { kind: 'failed'; problem: SignInProblem }> {
  const stored = readStored(pendingKey);
  // Used once: a reload of the callback page must not try the same code again.
  forgetStored(pendingKey);
  if (!isPendingSignIn(stored)) return { kind: 'failed', problem: 'no_sign_in_started' };
  const parsedSettings = signInSettingsSchema.safeParse(stored.settings);
  if (!parsedSettings.success) return { kind: 'failed', problem: 'no_sign_in_started' };
  const settings = parsedSettings.data;
  const as = authorizationServer(settings);
  const client = clientOf(settings);

  let parameters: URLSearchParams;
  try {
    parameters = oauth.validateAuthResponse(as, client, callbackUrl, stored.state);
  } catch (error) {
    return { kind: 'failed', problem: error instanceof oauth.AuthorizationResponseError ? 'denied' : 'invalid' };
  }
  try {
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.None(),
      parameters,
      new URL(callbackPath, location.origin).href,
      stored.codeVerifier,
      requestOptions(settings),
    );
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
    saveSession(sessionFrom(tokens, settings));
    return { kind: 'signed_in', returnTo: safeReturnPath(stored.returnTo) };
  } catch (error) {
    // The service said no (an expired or used code) or its answer did not check out; else it was unreachable.
    const refused = error instanceof oauth.ResponseBodyError || error instanceof oauth.OperationProcessingError;
    return { kind: 'failed', problem: refused ? 'invalid' : 'unavailable' };
  }
}

/** The outcome of asking for a fresh access token. */
export type RefreshOutcome = { kind: 'refreshed'; session: PortalSession } | { kind: 'ended' } | { kind: 'unavailable' };

/**
 * A fresh access token from the refresh token, where the service issued one. `ended` means the
 * person has to sign in again; `unavailable` that the service could not be reached (try later).
 */
export async function refreshSession(session: PortalSession): Promise<RefreshOutcome> {
  if (!session.refreshToken) return { kind: 'ended' };
  const as = authorizationServer(session.settings);
  const client = clientOf(session.settings);
  try {
    const response = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), session.refreshToken, requestOptions(session.settings));
    const tokens = await oauth.processRefreshTokenResponse(as, client, response);
    const refreshed = sessionFrom(tokens, session.settings, session);
    saveSession(refreshed);
    return { kind: 'refreshed', session: refreshed };
  } catch (error) {
    const refused = error instanceof oauth.ResponseBodyError || error instanceof oauth.OperationProcessingError;
    return refused ? { kind: 'ended' } : { kind: 'unavailable' };
  }
}
