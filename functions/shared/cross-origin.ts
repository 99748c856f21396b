/**
 * CORS for the routes that declare `crossOrigin: 'any'` in the route table (open data): every
 * answer carries `Access-Control-Allow-Origin: *`, errors included, so a page on another site can
 * read a 400's message as well as a 200; and each such route's OPTIONS twin answers the preflight a
 * browser sends before a request with headers of its own.
 *
 * The HTTP API itself has no CORS setting: that would apply to every route, the portal's included,
 * and API Gateway would then answer preflights itself and drop these headers.
 */
import { routeKey, routes } from '../routes.js';
import type { LambdaHandler } from './http.js';
import type { PublicHandler } from './request-pipeline.js';

/** The header on every answer of a route open to any origin. No credentials are ever allowed with it. */
export const anyOriginHeaders = { 'access-control-allow-origin': '*' } as const;

/** How long a browser may keep a preflight's answer: a day. */
const preflightMaxAgeSeconds = 86_400;

/** Request header names, as a browser lists them in `Access-Control-Request-Headers`. */
const headerList = /^[A-Za-z0-9-]+(?:\s*,\s*[A-Za-z0-9-]+)*$/;

const openRouteKeys = new Set(routes.filter((route) => 'crossOrigin' in route && route.crossOrigin === 'any').map(routeKey));

/** Adds {@link anyOriginHeaders} to every answer of the routes that declare `crossOrigin: 'any'`. */
export function withCrossOriginHeaders(handler: LambdaHandler): LambdaHandler {
  return async (event, context) => {
    const result = await handler(event, context);
    if (!openRouteKeys.has(event.routeKey)) return result;
    return { ...result, headers: { ...result.headers, ...anyOriginHeaders } };
  };
}

/**
 * The answer to a CORS preflight: any origin may GET, with whatever (well-formed) headers it asked
 * to send, since the answers are public and no credentials are allowed.
 */
export const answerPreflight: PublicHandler = async ({ event }) => {
  const requested = event.headers?.['access-control-request-headers']?.trim() ?? '';
  return {
    statusCode: 204,
    headers: {
      ...anyOriginHeaders,
      'access-control-allow-methods': 'GET, OPTIONS',
      ...(headerList.test(requested) ? { 'access-control-allow-headers': requested } : {}),
      'access-control-max-age': String(preflightMaxAgeSeconds),
      'cache-control': 'no-store',
    },
    body: '',
  };
};
