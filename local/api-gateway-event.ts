/**
 * Builds API Gateway HTTP API (payload format 2.0) events from Node requests, so the local server
 * runs the real Lambda handlers exactly as AWS would call them.
 */
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { routeKey } from '../functions/routes.js';
import type { RouteMatch } from '../functions/shared/match-route.js';

/** Query parameters as API Gateway gives them: repeated names joined with commas. */
function queryParameters(search: URLSearchParams): Record<string, string> | undefined {
  const result: Record<string, string> = {};
  for (const [name, value] of search) result[name] = name in result ? `${result[name]},${value}` : value;
  return Object.keys(result).length > 0 ? result : undefined;
}

/** Headers lower-cased, repeated ones joined with commas, as API Gateway does. */
function headers(request: IncomingMessage): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return result;
}

/**
 * The event API Gateway would send for this request. `claims` are the verified token's, as the
 * JWT authorizer passes them on routes that have one (`requestContext.authorizer.jwt`).
 */
export function toApiGatewayEvent(
  request: IncomingMessage,
  url: URL,
  match: RouteMatch,
  body: Buffer,
  claims?: Record<string, string>,
): APIGatewayProxyEventV2 {
  const requestHeaders = headers(request);
  const isText = body.length === 0 || /json|text|x-www-form-urlencoded/.test(requestHeaders['content-type'] ?? '');
  const now = new Date();
  return {
    version: '2.0',
    routeKey: routeKey(match.route),
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    cookies: requestHeaders.cookie?.split(/;\s*/),
    headers: requestHeaders,
    queryStringParameters: queryParameters(url.searchParams),
    pathParameters: Object.keys(match.pathParameters).length > 0 ? match.pathParameters : undefined,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: url.hostname,
      domainPrefix: url.hostname.split('.')[0] ?? url.hostname,
      http: {
        method: match.route.method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        // The finder never logs addresses; a fixed value keeps the event's shape without one.
        sourceIp: '127.0.0.1',
        userAgent: requestHeaders['user-agent'] ?? '',
      },
      requestId: crypto.randomUUID(),
      ...(claims ? { authorizer: { jwt: { claims, scopes: claims.scope ? claims.scope.split(' ') : null } } } : {}),
      routeKey: routeKey(match.route),
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    body: body.length > 0 ? (isText ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !isText,
  };
}
