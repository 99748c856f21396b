/**
 * The whole finder on one machine: the embedded DynamoDB, the real Lambda handlers behind a local
 * HTTP API adapter, and the built site, all on one port (as CloudFront puts them on one origin);
 * beside it, on a port of its own, the local sign-in service standing in for Cognito, and the
 * local outbox standing in for SES, shown at `/_local/outbox`.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { payloadTooLargeBody, smallBodyLimitBytes, tooManyRequestsBody, unauthorisedBody } from '../functions/contract/error.js';
import { apiPathAliases } from '../functions/contract/open-data.js';
import { originVerifyHeader } from '../functions/contract/origin-verify.js';
import {
  contentSecurityPolicy,
  defaultTileUrl,
  frameOptionsOf,
  framingOf,
  isApiPath,
  isPortalPath,
  originOf,
  portalCallbackPath,
  portalSignedOutPath,
} from '../functions/contract/web-policy.js';
import { type RouteDefinition, type RouteGroup, routeKey } from '../functions/routes.js';
import { createClientLimiter } from './client-limits.js';
import type { LambdaHandler } from '../functions/shared/http.js';
import { toApiGatewayEvent } from './api-gateway-event.js';
import { openLocalData } from './local-data.js';
import { type LocalIdentityProvider, identityDataDir, startLocalIdentityProvider } from './identity-provider.js';
import { type JwtAuthorizer, type JwtAuthorizerSettings, createJwtAuthorizer } from './jwt-authorizer.js';
import { localLambdaContext } from './lambda-context.js';
import { matchRoute } from '../functions/shared/match-route.js';
import { localOpenDataFiles } from './open-data-files.js';
import { pathForLog } from './request-log.js';
import { type Outbox, openOutbox } from './outbox.js';
import { outboxPath, serveOutbox } from './outbox-page.js';
import { serveSesStandIn, sesStandInPath } from './ses-stand-in.js';
import { cognitoStandInPath, localUserPoolId, serveCognitoStandIn } from './cognito-stand-in.js';
import { type LocalAccounts, openLocalAccounts } from './local-accounts.js';
import { PortInUseError } from './port-in-use.js';
import { serveSiteFile } from './static-site.js';
import type { ReadinessRun } from '../functions/core/readiness-job.js';
import { linkKeysDir, loadOrCreateLinkKeys } from './link-keys.js';
import { describeRun, readinessJobPath, serveReadinessJob } from './readiness-endpoint.js';
import { type ReadinessTimerOptions, startReadinessTimer } from './readiness-timer.js';

export { PortInUseError };

/**
 * Where people sign in and how tokens are checked: the local OpenID Provider's settings, given to
 * the portal's function (as the stack gives it Cognito's) and to the local JWT authorizer.
 */
export interface SignInSettings extends JwtAuthorizerSettings {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  logoutEndpoint: string;
}

export interface FinderOptions {
  /** Port to listen on; 0 picks a free one. */
  port: number;
  host?: string;
  /**
   * Folder for the embedded engine's data, with the sign-in service's key (`local-identity/`) and
   * the outbox (`local-outbox/`) beside the engine's files; omit to keep it all in memory.
   */
  dataPath?: string;
  /** The built site (`site/dist`). */
  siteDir: string;
  /** Load the demo data if the table has none yet (default true). */
  seed?: boolean;
  tableName?: string;
  /** Where progress lines go (default: nowhere). */
  log?: (line: string) => void;
  /**
   * The sign-in service the portal uses and the API's token check trusts. Omitted, the finder
   * starts the local one (`identity-provider.ts`) and stops it on `close()`; given, it is used as
   * it is.
   */
  signIn?: SignInSettings;
  /** The local sign-in service's port when the finder starts it. @default port + 1, or a free one when `port` is 0 */
  authPort?: number;
  /** The outbox the finder shows; omitted, it opens its own (in `dataPath` if given). */
  outbox?: Outbox;
  /**
   * Whether the routes' per-client limits apply (`clientLimit` in the route table), and the local
   * sign-in service's (`managed-login-limits.ts`), as WAF rules apply them on AWS. Tests that send
   * many requests from this one machine turn them off.
   * @default true
   */
  clientLimits?: boolean;
  /**
   * The local accounts: the demo users and the accounts approvals make through the Cognito
   * stand-in, which the local sign-in service signs in. Omitted, the finder opens its own (kept
   * with the signing key in `dataPath` if given).
   */
  accounts?: LocalAccounts;
  /**
   * The map tile URL template the site was built with: the pages' Content-Security-Policy allows
   * its origin. @default `PUBLIC_TILE_URL`, else the web policy's default
   */
  tileUrl?: string;
  /**
   * Runs the readiness job daily at 07:00 London time and once shortly after start, as the
   * schedule does on AWS (`npm start` turns it on). Off by default, so a test's table changes only
   * when the test says so. @default false
   */
  readinessTimer?: ReadinessTimerOptions | false;
  /** The site's address in reminder emails' links. @default the finder's own URL */
  siteUrl?: string;
  /**
   * The origin secret's accepted values, as the functions get them (`ORIGIN_VERIFY`); the server
   * sends the first in the origin header, as CloudFront sends the value it was deployed with.
   * @default one random value, made at start
   */
  originSecrets?: readonly string[];
}

export interface RunningFinder {
  url: string;
  /** The sign-in settings in use: the local provider's when the finder started it. */
  signIn: SignInSettings;
  /** The local sign-in service the finder started; undefined when `signIn` was given. */
  identityProvider?: LocalIdentityProvider;
  /** The local outbox (`/_local/outbox`): the sign-in codes, and later other emails. */
  outbox: Outbox;
  /** The local accounts, as the Cognito stand-in and the local sign-in service share them. */
  accounts: LocalAccounts;
  /** Runs the readiness job now, or as if at `now`. */
  runReadinessJob(now?: Date): Promise<ReadinessRun>;
  close(): Promise<void>;
}

/** Each group's Lambda entry, loaded as AWS would load it. Adding a group to the route table makes this fail to compile until it is listed. */
const lambdaEntries: Record<RouteGroup, () => Promise<{ handler: LambdaHandler }>> = {
  'public-api': () => import('../functions/lambdas/public-api.js'),
  'public-reports': () => import('../functions/lambdas/public-reports.js'),
  portal: () => import('../functions/lambdas/portal.js'),
  area: () => import('../functions/lambdas/area.js'),
  'public-registrations': () => import('../functions/lambdas/public-registrations.js'),
  'listing-actions': () => import('../functions/lambdas/listing-actions.js'),
  'open-data': () => import('../functions/lambdas/open-data.js'),
};

/** The most a `largeBody` route takes (the listing import); every other route takes `smallBodyLimitBytes`, as the WAF allows. */
const maxBodyBytes = 1024 * 1024;

/**
 * The request's path and query, read as an origin-form target (`/path?query`) on this server; null
 * when it cannot be read. `new URL(target, base)` would take `//host/…` for another host, or throw.
 */
function requestUrl(target: string | undefined): URL | null {
  if (!target?.startsWith('/')) return null;
  try {
    return new URL(`http://localhost${target}`);
  } catch {
    return null;
  }
}

/** Who local email comes from: an address on a domain reserved never to exist. */
const localSender = 'naloxone-finder@example.invalid';

async function readBody(request: IncomingMessage, limitBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  response.end(JSON.stringify(body));
}

const methodNotAllowedBody = { error: 'method_not_allowed', message: 'That method is not allowed here', issues: [] };

/** Whether every `%` in a path starts a valid escape of UTF-8: a path that is not cannot name anything. */
function isWellEncoded(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * What reaches the console when a request fails: the error's name, message and stack. Never the
 * request (its target can hold a postcode or a place), nor the error's own fields, which a
 * library may fill with the request it was given.
 */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return `Request failed: ${typeof error}`;
  return `Request failed: ${error.stack ?? `${error.name}: ${error.message}`}`;
}

/**
 * Starts the finder. The functions read their configuration from the environment once, so this
 * sets it before loading them: start one finder per process.
 *
 * The server listens first, so the sign-in service can be told the finder's origin (its redirect
 * URIs) even on a free port; requests wait until everything is loaded.
 */
export async function startFinder(options: FinderOptions): Promise<RunningFinder> {
  const log = options.log ?? (() => {});
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const handlers = new Map<RouteGroup, LambdaHandler>();
  let authorize: JwtAuthorizer = async () => null;
  let runReadiness: (now?: Date) => Promise<ReadinessRun> = async () => {
    throw new Error('The finder is not ready');
  };
  const limiter = createClientLimiter();
  /** Applies the route's per-client limit; false (with a 429 sent) when the client is over it. */
  const limitClient = (route: RouteDefinition, request: IncomingMessage, response: ServerResponse): boolean => {
    if (!('clientLimit' in route) || options.clientLimits === false) return true;
    const decision = limiter.take(routeKey(route), route.clientLimit, request.socket.remoteAddress ?? '');
    if (decision.allowed) return true;
    sendJson(response, 429, tooManyRequestsBody, { 'retry-after': String(decision.retryAfterSeconds) });
    return false;
  };
  const originSecrets = options.originSecrets ?? [randomBytes(32).toString('base64url')];
  const openDataFiles = localOpenDataFiles();
  const outbox = options.outbox ?? (await openOutbox(options.dataPath ? { dir: join(options.dataPath, 'local-outbox') } : {}));
  const accounts = options.accounts ?? (await openLocalAccounts(options.dataPath ? { dir: identityDataDir(options.dataPath) } : {}));
  // The pages' Content-Security-Policy, sent as a header as the CDN sends it; the portal's reaches
  // the sign-in service, known once it has started.
  const pagePolicy = { tileUrl: options.tileUrl ?? (process.env.PUBLIC_TILE_URL || defaultTileUrl), apiOrigin: originOf(process.env.PUBLIC_API_URL) };
  const publicPolicy = contentSecurityPolicy(pagePolicy);
  let portalPolicy = publicPolicy;
  // The embeddable finder's page alone may be framed by other sites, as CloudFront's `/embed/` behaviour allows.
  const embedPolicy = contentSecurityPolicy({ ...pagePolicy, framing: 'any' });

  const server = createServer(async (request, response) => {
    await ready;
    const started = performance.now();
    const method = request.method ?? 'GET';
    const url = requestUrl(request.url);
    if (!url) {
      // Nothing of it is logged: a request line can hold a postcode or a place.
      sendJson(response, 400, { error: 'bad_request', message: 'That address is not valid', issues: [] });
      log(`${method} (unreadable address) 400`);
      return;
    }
    // As the CDN does before the API sees the path (HSDS's root endpoint `/api/hsds/`).
    url.pathname = apiPathAliases[url.pathname] ?? url.pathname;
    let match: ReturnType<typeof matchRoute> = null;
    try {
      match = matchRoute(method, url.pathname);
      if (match && 'allow' in match) {
        sendJson(response, 405, methodNotAllowedBody, { allow: match.allow.join(', ') });
      } else if (match && !limitClient(match.route, request, response)) {
        // Refused by the per-client limit (as the WAF would on AWS): already answered.
      } else if (match) {
        const body = await readBody(request, 'largeBody' in match.route ? maxBodyBytes : smallBodyLimitBytes);
        // As API Gateway does: the JWT authorizer runs first, and the function never sees a request it refused.
        const claims = match.route.access === 'public' ? undefined : await authorize(request.headers.authorization);
        if (body === null) {
          sendJson(response, 413, payloadTooLargeBody);
        } else if (claims === null) {
          sendJson(response, 401, unauthorisedBody, { 'www-authenticate': 'Bearer' });
        } else {
          const handler = handlers.get(match.route.group);
          if (!handler) throw new Error(`No Lambda for group ${match.route.group}`);
          const event = toApiGatewayEvent(request, url, match, body, claims);
          // As CloudFront does on its way to the API: its value replaces any the client sent.
          event.headers[originVerifyHeader] = originSecrets[0] ?? '';
          const result = await handler(event, localLambdaContext(match.route.group));
          response.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
          response.end(result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''));
        }
      } else if (await openDataFiles.serve(method, url.pathname, response)) {
        // An open data file, as CloudFront serves the job's output on AWS: already answered.
      } else if (url.pathname.startsWith(sesStandInPath)) {
        await serveSesStandIn(outbox, request, url.pathname, (await readBody(request, maxBodyBytes)) ?? Buffer.alloc(0), response);
      } else if (url.pathname.startsWith(cognitoStandInPath)) {
        if (!(await serveCognitoStandIn(accounts, request, url.pathname, (await readBody(request, maxBodyBytes)) ?? Buffer.alloc(0), response))) {
          sendJson(response, 404, { message: 'Not found' });
        }
      } else if (url.pathname === readinessJobPath) {
        await serveReadinessJob(request, url, response, runReadiness);
      } else if (isApiPath(url.pathname)) {
        // Under the API's prefix every answer is the API's: JSON, never the site's 404 page.
        if (isWellEncoded(url.pathname)) sendJson(response, 404, { error: 'not_found', message: 'There is no such page', issues: [] });
        else sendJson(response, 400, { error: 'bad_request', message: 'That address is not valid', issues: [] });
      } else if (method === 'GET' || method === 'HEAD') {
        if (!serveOutbox(outbox, request, url.pathname, response)) {
          const policy = {
            'content-security-policy': isPortalPath(url.pathname) ? portalPolicy : framingOf(url.pathname) === 'any' ? embedPolicy : publicPolicy,
            'x-frame-options': frameOptionsOf(url.pathname),
          };
          await serveSiteFile(options.siteDir, url.pathname, { method, acceptEncoding: String(request.headers['accept-encoding'] ?? '') }, response, policy);
        }
      } else {
        sendJson(response, 405, methodNotAllowedBody, { allow: 'GET, HEAD' });
      }
    } catch (error) {
      console.error(describeFailure(error));
      if (!response.headersSent) sendJson(response, 500, { error: 'internal_error', message: 'Something went wrong. Please try again.', issues: [] });
      else response.end();
    }
    // Never the query string, nor a path the client made up: either can hold a postcode or a place.
    log(`${method} ${pathForLog(match, url.pathname, response.statusCode)} ${response.statusCode} ${Math.round(performance.now() - started)}ms`);
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(options.port);
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  // Undone in reverse if a later step fails, and by close().
  const cleanups: (() => Promise<void>)[] = [
    async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  ];
  const closeAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };

  try {
    let identityProvider: LocalIdentityProvider | undefined;
    if (!options.signIn) {
      identityProvider = await startLocalIdentityProvider({
        port: options.authPort ?? (options.port === 0 ? 0 : options.port + 1),
        redirectUris: [`${url}${portalCallbackPath}`],
        postLogoutRedirectUris: [`${url}${portalSignedOutPath}`],
        outbox,
        outboxUrl: `${url}${outboxPath}`,
        accounts,
        ...(options.dataPath ? { dataDir: identityDataDir(options.dataPath) } : {}),
        clientLimits: options.clientLimits !== false,
        log,
      });
      cleanups.push(identityProvider.close);
    }
    const signIn: SignInSettings = options.signIn ?? identityProvider!;
    portalPolicy = contentSecurityPolicy({ ...pagePolicy, signInOrigin: originOf(signIn.tokenEndpoint) });

    // What the stack sets on the portal's function for Cognito.
    process.env.AUTH_ISSUER = signIn.issuer;
    process.env.AUTH_CLIENT_ID = signIn.audience;
    process.env.AUTH_AUTHORIZATION_ENDPOINT = signIn.authorizationEndpoint;
    process.env.AUTH_TOKEN_ENDPOINT = signIn.tokenEndpoint;
    process.env.AUTH_LOGOUT_ENDPOINT = signIn.logoutEndpoint;
    // Email goes to the local outbox through the same SES client the functions use on AWS.
    process.env.SES_ENDPOINT = `${url}${sesStandInPath}`;
    process.env.EMAIL_FROM ??= localSender;
    // Accounts are made through the same Cognito client as on AWS, at the local stand-in.
    process.env.USER_POOL_ID = localUserPoolId;
    process.env.COGNITO_ENDPOINT = `${url}${cognitoStandInPath}`;
    // The reminder links' keys, and the site that links in emails open, as the stack gives them on AWS.
    process.env.LINK_KEYS = await loadOrCreateLinkKeys(options.dataPath ? linkKeysDir(options.dataPath) : undefined);
    process.env.SITE_URL = options.siteUrl ?? url;
    // The functions refuse requests without the origin header, as they do on AWS.
    process.env.ORIGIN_VERIFY = JSON.stringify(originSecrets);
    authorize = createJwtAuthorizer(signIn);

    const engine = await openLocalData({
      ...(options.dataPath ? { dataPath: options.dataPath } : {}),
      ...(options.tableName ? { tableName: options.tableName } : {}),
      seed: options.seed !== false,
      log,
    });
    cleanups.push(engine.close);
    for (const [group, load] of Object.entries(lambdaEntries) as [RouteGroup, () => Promise<{ handler: LambdaHandler }>][]) {
      handlers.set(group, (await load()).handler);
    }
    const readinessJob = await import('../functions/lambdas/readiness-job.js');
    runReadiness = readinessJob.runReadiness;
    if (options.readinessTimer) {
      const timer = startReadinessTimer(async (now) => describeRun(await readinessJob.runReadiness(now)), { log, ...options.readinessTimer });
      cleanups.push(timer.stop);
    }
    markReady();
    return { url, signIn, identityProvider, outbox, accounts, runReadinessJob: (now) => runReadiness(now), close: closeAll };
  } catch (error) {
    markReady();
    await closeAll();
    throw error;
  }
}
