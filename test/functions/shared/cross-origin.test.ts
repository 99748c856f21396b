/**
 * CORS as the route table declares it: which routes any site may read, their preflights, and the
 * header on every answer of the open data function, errors included.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from '../../../functions/lambdas/open-data.js';
import { routeKey, routes } from '../../../functions/routes.js';
import { localLambdaContext } from '../../../local/lambda-context.js';

const event = (key: string, extra: Partial<APIGatewayProxyEventV2> = {}) =>
  ({ routeKey: key, rawPath: key.split(' ')[1], headers: {}, requestContext: { requestId: 'test' }, ...extra }) as unknown as APIGatewayProxyEventV2;

describe('the routes open to any origin', () => {
  it('are the public open data routes alone, each GET with an OPTIONS twin for its preflight', () => {
    // Act
    const open = routes.filter((route) => 'crossOrigin' in route);

    // Assess
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((route) => route.access === 'public' && route.group === 'open-data')).toBe(true);
    const gets = open.filter((route) => route.method === 'GET').map((route) => route.path);
    const preflights = open.filter((route) => route.method === 'OPTIONS').map((route) => route.path);
    expect(preflights).toEqual(gets);
    expect(routes.filter((route) => route.group === 'open-data' && !('crossOrigin' in route))).toEqual([]);
  });
});

describe('the open data function', () => {
  it('answers every open data route, errors included, with Access-Control-Allow-Origin: *', async () => {
    // Prepare
    const calls = [
      event('GET /api/hsds'),
      event('GET /api/hsds/services', { queryStringParameters: { page: '0' } }),
      event('GET /api/hsds/services/{id}', { pathParameters: { id: 'not-a-uuid' } }),
    ];

    // Act
    const answers = await Promise.all(calls.map((call) => handler(call, localLambdaContext('open-data'))));

    // Assess
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 400, 400]);
    for (const answer of answers) expect(answer.headers?.['access-control-allow-origin']).toBe('*');
  });

  it('answers a preflight with the methods and the headers asked for, for a day, with no credentials', async () => {
    // Prepare
    const preflight = event(routeKey({ method: 'OPTIONS', path: '/api/hsds/service_at_locations' }), {
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-requested-with, accept' },
    });

    // Act
    const answer = await handler(preflight, localLambdaContext('open-data'));

    // Assess
    expect(answer.statusCode).toBe(204);
    expect(answer.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, OPTIONS',
      'access-control-allow-headers': 'x-requested-with, accept',
      'access-control-max-age': '86400',
    });
    expect(answer.headers).not.toHaveProperty('access-control-allow-credentials');
  });

  it('does not echo a requested header list that is not one', async () => {
    // Prepare
    const preflight = event('OPTIONS /api/hsds', { headers: { 'access-control-request-headers': 'x-a\r\nset-cookie: y' } });

    // Act
    const answer = await handler(preflight, localLambdaContext('open-data'));

    // Assess
    expect(answer.statusCode).toBe(204);
    expect(answer.headers).not.toHaveProperty('access-control-allow-headers');
  });
});
