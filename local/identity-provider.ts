/**
 * The local stand-in for Amazon Cognito: a real OpenID Provider (`oidc-provider`, certified) in this
 * process, so the portal signs in under `npm start` exactly as it does on AWS: authorization code
 * flow with PKCE from a public client, passwordless email one-time codes, and JWT access tokens the
 * API's JWT authorizer checks.
 *
 * Choices, and why:
 * - The issuer is `http://localhost:<port>`, not 127.0.0.1: the finder runs on 127.0.0.1 and
 *   cookies are scoped by host, not port, so the provider's session cookies never land on the
 *   public site's host. It listens on 127.0.0.1 and ::1, so `localhost` works whichever the client
 *   resolves first.
 * - Access tokens look like Cognito's: `sub`, `client_id`, `token_use: "access"`, `cognito:groups`,
 *   `scope`, `username` (the `sub`, as Cognito sets it for people who sign in with their email),
 *   `iat`, `exp` (1 hour), `jti`. They also carry `aud` = the client id: oidc-provider will not issue
 *   a JWT access token without an audience, and the authorizer accepts `aud` or `client_id` alike.
 * - Refresh tokens are issued, as Cognito does, for 30 days, rotated on every use (the provider's
 *   rule for public clients). As at Cognito, signing out (`/logout`) ends the sign-in session but
 *   not the refresh token; `/oauth2/revoke` ends that.
 * - The paths are Cognito's (`/oauth2/authorize`, `/oauth2/token`, `/oauth2/revoke`, `/logout`,
 *   `/.well-known/jwks.json`), and `/logout` takes Cognito's `logout_uri` as well as OpenID
 *   Connect's `post_logout_redirect_uri`. There is no userinfo endpoint: the portal reads who is
 *   signed in from `/api/me`.
 * - Sessions, codes and grants are in memory (a restart signs everyone out); the signing key is kept
 *   in `dataDir`, so tokens issued before a restart still verify.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js';
import { managedLoginClientLimits, managedLoginLimitPage } from '../functions/managed-login-limits.js';
import { createClientLimiter } from './client-limits.js';
import { type LocalAccounts, openLocalAccounts } from './local-accounts.js';
import { handleInteraction } from './identity-provider-interactions.js';
import { type PageContext, problemPage, signInStyles, signOutPage, signedOutPage, stylesPath } from './identity-provider-pages.js';
import { loadOidcProvider } from './oidc-provider-module.js';
import { closeServer, listenOnLoopback } from './loopback-server.js';
import { OneTimeCodes } from './one-time-codes.js';
import type { Outbox } from './outbox.js';
import { type SigningJwk, loadOrCreateSigningKeys } from './signing-keys.js';

export interface LocalIdentityProviderOptions {
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Where the portal may receive codes: the finder's origin + `/portal/callback/`. */
  redirectUris: string[];
  /** Where the portal may be sent after signing out: the finder's origin + `/portal/signed-out/`. */
  postLogoutRedirectUris: string[];
  /** Where the one-time codes go. */
  outbox: Outbox;
  /** The outbox page, linked from the sign-in pages for developers. */
  outboxUrl?: string;
  /** Folder for the signing key; omit to keep it in memory. */
  dataDir?: string;
  /**
   * Who can sign in: the demo users and the accounts the finder makes (`local-accounts.ts`), shared
   * with the finder's Cognito stand-in. @default the demo users only
   */
  accounts?: LocalAccounts;
  /** @default 'naloxone-finder-portal' */
  clientId?: string;
  /** The one-time codes' clock, in milliseconds: for tests of expiry. @default Date.now */
  now?: () => number;
  /** Where progress lines go (default: nowhere). */
  log?: (line: string) => void;
  /**
   * Whether managed login's per-client limits apply (`functions/managed-login-limits.ts`), as the
   * user pool's web ACL applies them on AWS. @default true
   */
  clientLimits?: boolean;
}

/** The running provider: its public settings (the shape `startFinder` takes as `signIn`) and `close`. */
export interface LocalIdentityProvider {
  issuer: string;
  clientId: string;
  /** What the API's authorizer expects in `aud` or `client_id`: the client id. */
  audience: string;
  jwksUri: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  logoutEndpoint: string;
  /** Revokes a refresh token (Cognito's `/oauth2/revoke`). */
  revocationEndpoint: string;
  /**
   * The provider's private signing key. For tests only, which forge tokens signed as the provider
   * would sign them (`test/support/tokens.ts`); nothing else may read it.
   */
  signingKey: SigningJwk;
  close(): Promise<void>;
}

/** The API, as a resource indicator: every access token is for it, so every access token is a JWT. */
const apiResource = 'urn:naloxone-finder:api';
const scopes = 'openid email profile';
const routes = {
  authorization: '/oauth2/authorize',
  token: '/oauth2/token',
  revocation: '/oauth2/revoke',
  end_session: '/logout',
  jwks: '/.well-known/jwks.json',
} as const;

const hour = 60 * 60;
const day = 24 * hour;

/** The CSP of every page the provider shows: no scripts, styles from itself, forms to itself and back to the portal. */
function pageHeaders(formTargets: string[]): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': `default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self' ${formTargets.join(' ')}; frame-ancestors 'none'; base-uri 'none'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}

/** Starts the provider; `close()` stops it. */
export async function startLocalIdentityProvider(options: LocalIdentityProviderOptions): Promise<LocalIdentityProvider> {
  const log = options.log ?? (() => {});
  const clientId = options.clientId ?? 'naloxone-finder-portal';
  const page: PageContext = options.outboxUrl ? { outboxUrl: options.outboxUrl } : {};
  const formTargets = [...new Set([...options.redirectUris, ...options.postLogoutRedirectUris].map((uri) => new URL(uri).origin))];
  const headers = pageHeaders(formTargets);
  const signingKeys = await loadOrCreateSigningKeys(options.dataDir);
  const codes = new OneTimeCodes(options.now);
  const { Provider, errors } = await loadOidcProvider();

  // Listening comes first, since the issuer names the port; until the provider exists, 503.
  let handle = async (_request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(503, { 'retry-after': '1' });
    response.end();
  };
  const { port, servers } = await listenOnLoopback((request, response) => void handle(request, response), options.port, '--auth-port');
  const issuer = `http://localhost:${port}`;

  const accounts = options.accounts ?? (await openLocalAccounts());
  const accountOf = (subject: string) => accounts.findBySubject(subject);

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_name: 'Naloxone finder portal',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris,
      },
    ],
    // Sessions, interactions, codes and grants in memory, one store per provider.
    adapter: createMemoryAdapter(),
    jwks: { keys: signingKeys },
    responseTypes: ['code'],
    clientAuthMethods: ['none'],
    // Signs the provider's cookies; new on every start, as the sessions they sign are in memory.
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: scopes.split(' '),
    claims: {
      openid: ['sub', 'token_use', 'cognito:username', 'cognito:groups'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    async findAccount(_ctx, subject) {
      const user = accountOf(subject);
      if (!user) return undefined;
      return {
        accountId: subject,
        // What Cognito puts in its ID tokens; the provider keeps the claims of the granted scopes.
        claims: () => ({
          sub: subject,
          token_use: 'id',
          'cognito:username': subject,
          'cognito:groups': user.groups,
          email: user.email,
          email_verified: true,
          ...(user.name ? { name: user.name } : {}),
        }),
      };
    },
    // Cognito's access token claims; oidc-provider adds sub, iss, aud, client_id, scope, iat, exp, jti.
    async extraTokenClaims(_ctx, token) {
      if (token.kind !== 'AccessToken' || !token.accountId) return undefined;
      return { token_use: 'access', 'cognito:groups': accountOf(token.accountId)?.groups ?? [], username: token.accountId };
    },
    // A first-party client: signing in is consent, so there is never a consent screen.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
      const existing = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
      if (existing) return existing;
      return ctx.oidc.provider.Grant.find(await grantFor(ctx.oidc.session!.accountId!, ctx.oidc.client!.clientId));
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    routes,
    features: {
      devInteractions: { enabled: false },
      // Cognito has neither; the portal uses neither.
      dPoP: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      userinfo: { enabled: false },
      revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => apiResource,
        // Without this an `openid` request would get an opaque token for userinfo instead of a JWT.
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, indicator, client) {
          if (indicator !== apiResource) throw new errors.InvalidTarget();
          return { scope: scopes, audience: client.clientId, accessTokenTTL: hour, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource(ctx, form) {
          ctx.set(headers);
          ctx.body = signOutPage(page, form);
        },
        postLogoutSuccessSource(ctx) {
          ctx.set(headers);
          ctx.body = signedOutPage(page);
        },
      },
    },
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // Cognito's refresh tokens outlive the managed login session, and its logout leaves them alone.
    expiresWithSession: () => false,
    clientBasedCORS: (_ctx, origin, client) => client.redirectUris!.some((uri) => new URL(uri).origin === origin),
    ttl: {
      AccessToken: hour,
      AuthorizationCode: 5 * 60,
      IdToken: hour,
      RefreshToken: 30 * day,
      Grant: 30 * day,
      Interaction: hour,
      Session: hour,
    },
    async renderError(ctx, out) {
      ctx.set(headers);
      const paragraphs = [`The sign-in service said: ${out.error}${out.error_description ? `: ${out.error_description}` : ''}.`];
      if (/redirect_uri/.test(String(out.error_description))) paragraphs.push(`The portal must be opened at ${formTargets.join(' or ')}.`);
      ctx.body = problemPage(page, { title: 'Sorry, there is a problem with the sign-in service', paragraphs });
    },
  });

  async function grantFor(accountId: string, forClient: string): Promise<string> {
    const grant = new provider.Grant({ accountId, clientId: forClient });
    grant.addOIDCScope(scopes);
    grant.addResourceScope(apiResource, scopes);
    return grant.save();
  }

  const callback = provider.callback();
  const settings = {
    provider,
    accounts,
    codes,
    outbox: options.outbox,
    page,
    grantFor,
    log,
    sendPage(response: ServerResponse, status: number, html: string) {
      response.writeHead(status, headers);
      response.end(html);
    },
  };

  const limiter = createClientLimiter();
  /** Counts the request against managed login's limits; false (with a 429 sent) when the client is over one. */
  const withinLimits = (request: IncomingMessage, response: ServerResponse): boolean => {
    if (options.clientLimits === false) return true;
    const address = request.socket.remoteAddress ?? '';
    const { posts, requests } = managedLoginClientLimits;
    // In the web ACL's order: a post refused by the first rule never reaches the second.
    const post = request.method === 'POST' ? limiter.take('posts', posts, address) : null;
    const decision = post && !post.allowed ? post : limiter.take('requests', requests, address);
    if (decision.allowed) return true;
    response.writeHead(429, { ...headers, 'retry-after': String(decision.retryAfterSeconds) });
    response.end(managedLoginLimitPage);
    return false;
  };

  handle = async (request, response) => {
    const url = new URL(request.url ?? '/', issuer);
    if (!withinLimits(request, response)) return;
    try {
      if (url.pathname === stylesPath) {
        response.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache' });
        response.end(signInStyles);
      } else if (url.pathname.startsWith('/interaction/')) {
        await handleInteraction(settings, request, response, url);
      } else {
        // Cognito's logout takes `logout_uri`; OpenID Connect's takes `post_logout_redirect_uri`.
        if (url.pathname === routes.end_session && url.searchParams.has('logout_uri') && !url.searchParams.has('post_logout_redirect_uri')) {
          url.searchParams.set('post_logout_redirect_uri', url.searchParams.get('logout_uri') ?? '');
          url.searchParams.delete('logout_uri');
          request.url = `${url.pathname}${url.search}`;
        }
        callback(request, response);
      }
    } catch (error) {
      console.error(error);
      if (!response.headersSent) settings.sendPage(response, 500, problemPage(page, { title: 'Sorry, there is a problem with the sign-in service', paragraphs: ['Try again later.'] }));
      else response.end();
    }
  };

  return {
    issuer,
    clientId,
    audience: clientId,
    jwksUri: `${issuer}${routes.jwks}`,
    authorizationEndpoint: `${issuer}${routes.authorization}`,
    tokenEndpoint: `${issuer}${routes.token}`,
    logoutEndpoint: `${issuer}${routes.end_session}`,
    revocationEndpoint: `${issuer}${routes.revocation}`,
    signingKey: signingKeys[0]!,
    close: async () => {
      await Promise.all(servers.map(closeServer));
    },
  };
}

/** Where a finder's provider keeps its files inside the finder's data folder. */
export const identityDataDir = (dataPath: string) => join(dataPath, 'local-identity');
