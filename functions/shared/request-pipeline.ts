/**
 * The request pipeline: one Lambda serves one route group, and this turns the group's handlers into
 * the function's handler. For every request it finds the route by the event's route key, decides
 * access from the route table before any handler runs, hands the handler `{ event, actor,
 * requestId }`, and turns every outcome into a response, logging with the Lambda request id and
 * cold-start flag on every line. When the request ends it publishes its metrics (`metrics.ts`),
 * counting a write that succeeded by its handler's name.
 *
 * When the function holds the origin secret (`data/origin-secret.ts`), a request without one of its
 * values in CloudFront's origin header is refused (403) before anything else.
 *
 * Authentication happens before the function is called: API Gateway's JWT authorizer on AWS, the
 * local server's identical check locally. The claims it verified arrive in the event; the actor's
 * outlets and areas come from the membership records, read here on every request.
 */
import type { Context } from 'aws-lambda';
import { originVerifyHeader } from '../contract/origin-verify.js';
import { type Actor, type Memberships, actorOf, decideAccess, identityFromClaims } from '../core/access.js';
import { originCheck } from '../data/origin-secret.js';
import { type RouteDefinition, type RouteGroup, routeKey, routes } from '../routes.js';
import { DomainError, badRequest, forbidden, notFound, unauthorised } from './errors.js';
import { type ApiEvent, type ApiResult, type LambdaHandler, errorResponse, internalErrorResponse } from './http.js';
import { logger } from './logger.js';
import { matchRoute } from './match-route.js';
import { publishMetrics } from './metrics.js';

/** API Gateway's route key for a request that no route of the table matched. */
export const defaultRouteKey = '$default';

/** What a handler is given. `actor` is null exactly on public routes. */
export interface ApiRequest<A extends Actor | null = Actor | null> {
  event: ApiEvent;
  actor: A;
  /** The Lambda request id (locally, the local server's), also on every log line. */
  requestId: string;
  /** The Lambda context, for work that must know how long it has left (idempotency). */
  context: Context;
}

export type PublicHandler = (request: ApiRequest<null>) => Promise<ApiResult>;
export type SignedInHandler = (request: ApiRequest<Actor>) => Promise<ApiResult>;

/** The handlers a group's entry must give: one per route of the group, typed by the route's access. */
export type GroupHandlers<G extends RouteGroup> = {
  [R in Extract<RouteDefinition, { group: G }> as R['handler']]: R['access'] extends 'public' ? PublicHandler : SignedInHandler;
};

/** The lookups access decisions need; only groups with signed-in routes need them. */
export interface AccessLookups {
  /** The caller's membership records (one Query). */
  readMemberships(subject: string): Promise<Memberships>;
  /** The local authority of an outlet; null if it has none or does not exist. */
  outletAreaOf(outletId: string): Promise<string | null>;
  /** The local authority of a registration; null if it is not known or the registration does not exist. Needed by `area_moderator` routes. */
  registrationAreaOf?(registrationId: string): Promise<string | null>;
}

interface ResolvedRoute {
  route: RouteDefinition;
  handler: (request: ApiRequest) => Promise<ApiResult>;
}

const messages = {
  signIn: 'Sign in to do this. If you were signed in, your session has ended: sign in again.',
  notYours: 'You do not have access to this listing. Ask your commissioner or the finder team if it should be yours.',
  notAllowed: 'You do not have access to this.',
  notYourArea: 'You do not have access to this area. Ask the finder team if you should.',
  notYourRegistration: 'You do not have access to this registration. It is for the commissioner of its area, or an administrator.',
  notThroughSite: 'This address answers only through the finder’s own site.',
};

/**
 * The handler of one Lambda. `handlers` must name exactly the group's handlers in the route table;
 * `lookups` are required when any of the group's routes is not public.
 */
export function groupEntry<G extends RouteGroup>(group: G, handlers: GroupHandlers<G>, lookups?: AccessLookups): LambdaHandler {
  const byRouteKey = new Map<string, ResolvedRoute>();
  for (const route of routes) {
    if (route.group !== group) continue;
    const handler = (handlers as Record<string, ResolvedRoute['handler'] | undefined>)[route.handler];
    if (!handler) throw new Error(`Group ${group} has no handler ${route.handler}`);
    if (route.access !== 'public' && !lookups) throw new Error(`Group ${group} serves signed-in routes but was given no access lookups`);
    if (route.access === 'area_moderator' && !lookups?.registrationAreaOf) {
      throw new Error(`Group ${group} serves registration routes but was given no registration lookup`);
    }
    byRouteKey.set(routeKey(route), { route, handler });
  }

  return async (event, context) => {
    logger.addContext(context);
    logger.appendKeys({ group, routeKey: event.routeKey, apiRequestId: event.requestContext?.requestId });
    let write: { kind: string } | undefined;
    try {
      // First of all: a request that did not come through CloudFront (the execute-api address
      // called directly, around the CDN and its WAF) gets nothing else, not even a 404.
      if (originCheck && !(await originCheck(event.headers?.[originVerifyHeader]))) throw forbidden(messages.notThroughSite);
      if (event.routeKey === defaultRouteKey) return unmatchedResponse(event);
      const resolved = byRouteKey.get(event.routeKey);
      if (!resolved) throw notFound('There is no such page');
      const actor = await authorize(resolved.route, event, lookups);
      const result = await resolved.handler({ event, actor, requestId: context.awsRequestId, context });
      if (writeMethods.has(resolved.route.method) && isSuccess(result)) write = { kind: resolved.route.handler };
      return result;
    } catch (error) {
      if (error instanceof DomainError) return errorResponse(error);
      logger.error('Unhandled error', { error: error as Error });
      return internalErrorResponse();
    } finally {
      publishMetrics(write);
      logger.resetKeys();
    }
  };
}

/** The methods that write: a CORS preflight (OPTIONS) or a read is never counted as a write. */
const writeMethods: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A 2xx answer: the write it answers took place (a 304 or 4xx wrote nothing). */
const isSuccess = (result: ApiResult): boolean => (result.statusCode ?? 200) >= 200 && (result.statusCode ?? 200) < 300;

/**
 * The answer to a request no route took, in the API's error shape (API Gateway's own would be
 * `{"message":"Not Found"}`): 405 with `Allow` when the path has routes for other methods, 400
 * when the path is not valid percent-encoding, 404 otherwise.
 */
function unmatchedResponse(event: ApiEvent): ApiResult {
  const method = event.requestContext?.http?.method ?? '';
  const path = event.rawPath ?? '';
  const match = matchRoute(method, path);
  if (match && 'allow' in match) {
    const response = errorResponse(new DomainError('method_not_allowed', 'That method is not allowed here'));
    return { ...response, headers: { ...response.headers, allow: match.allow.join(', ') } };
  }
  try {
    decodeURIComponent(path);
  } catch {
    return errorResponse(badRequest('That address is not valid'));
  }
  return errorResponse(notFound('There is no such page'));
}

/** The actor if the route's access allows the call; throws `unauthorised` or `forbidden` otherwise. */
async function authorize(route: RouteDefinition, event: ApiEvent, lookups: AccessLookups | undefined): Promise<Actor | null> {
  if (route.access === 'public' || !lookups) return null;
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } }).authorizer?.jwt?.claims;
  const identity = identityFromClaims(claims);
  if (!identity) throw unauthorised(messages.signIn);
  const actor = actorOf(identity, await lookups.readMemberships(identity.subject));
  logger.appendKeys({ subject: actor.subject });

  if (route.access === 'moderator' || route.access === 'area_moderator') {
    const registrationId = event.pathParameters?.id;
    let decision = decideAccess(route.access, actor);
    if (decision === 'needs_registration_area' && registrationId !== undefined && lookups.registrationAreaOf) {
      decision = decideAccess(route.access, actor, { registrationArea: await lookups.registrationAreaOf(registrationId) });
    }
    if (decision === 'allowed') return actor;
    throw forbidden(registrationId === undefined ? messages.notAllowed : messages.notYourRegistration);
  }

  const outletId = event.pathParameters?.id;
  const areaCode = event.pathParameters?.code;
  let decision = decideAccess(route.access, actor, { outletId, ...(areaCode === undefined ? {} : { areaCode }) });
  if (decision === 'needs_outlet_area' && outletId !== undefined) {
    decision = decideAccess(route.access, actor, { outletId, outletArea: await lookups.outletAreaOf(outletId) });
  }
  if (decision === 'allowed') return actor;
  if (decision === 'unauthorised') throw unauthorised(messages.signIn);
  throw forbidden(outletId !== undefined ? messages.notYours : areaCode !== undefined ? messages.notYourArea : messages.notAllowed);
}
