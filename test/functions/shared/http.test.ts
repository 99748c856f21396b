import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { notFound } from '../../../functions/shared/errors.js';
import { handled, json, parseBody, parseQuery } from '../../../functions/shared/http.js';

const event = (overrides: Partial<APIGatewayProxyEventV2>) => ({ routeKey: 'GET /x', ...overrides }) as APIGatewayProxyEventV2;
const bodyOf = (result: { body?: string }) => JSON.parse(result.body ?? '{}');

describe('handled', () => {
  it('answers a typed error with its status and message', async () => {
    const handler = handled('test', async () => {
      throw notFound('We could not find that outlet');
    });

    const result = await handler(event({}));

    expect(result.statusCode).toBe(404);
    expect(bodyOf(result)).toEqual({ error: 'not_found', message: 'We could not find that outlet', issues: [] });
  });

  it('answers anything else with a generic 500 that reveals nothing', async () => {
    const handler = handled('test', async () => {
      throw new Error('connection refused to table secret-table');
    });

    const result = await handler(event({}));

    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('secret-table');
    expect(bodyOf(result)).toMatchObject({ error: 'internal_error' });
  });

  it('passes a result through untouched', async () => {
    const result = await handled('test', async () => json(200, { ok: true }))(event({}));

    expect(result).toMatchObject({ statusCode: 200, headers: { 'cache-control': 'no-store' } });
  });
});

describe('parseQuery', () => {
  const schema = z.object({ n: z.coerce.number().int('Enter a whole number') });

  it('answers 400 with a message per field', async () => {
    const handler = handled('test', async (e) => json(200, parseQuery(schema, e)));

    const result = await handler(event({ queryStringParameters: { n: '1.5' } }));

    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).issues).toEqual([{ path: 'n', message: 'Enter a whole number' }]);
  });
});

describe('parseBody', () => {
  const schema = z.object({ name: z.string().min(1, 'Enter a name') });
  const handler = handled('test', async (e) => json(200, parseBody(schema, e)));
  const jsonEvent = (overrides: Partial<APIGatewayProxyEventV2>) =>
    event({ headers: { 'content-type': 'application/json; charset=utf-8' }, ...overrides });

  it('answers 415 when the body is not sent as JSON', async () => {
    const plain = await handler(event({ headers: { 'content-type': 'text/plain' }, body: '{"name":"Ann"}' }));
    const none = await handler(event({ body: '{"name":"Ann"}' }));

    expect([plain.statusCode, none.statusCode]).toEqual([415, 415]);
    expect(bodyOf(plain)).toMatchObject({ error: 'unsupported_media_type' });
  });

  it('answers 400 when the body is not JSON', async () => {
    const result = await handler(jsonEvent({ body: '{nope' }));

    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).issues).toEqual([{ path: '(body)', message: 'Send a JSON body' }]);
  });

  it('answers 422 with field messages when JSON breaks the contract', async () => {
    const result = await handler(jsonEvent({ body: JSON.stringify({ name: '' }) }));

    expect(result.statusCode).toBe(422);
    expect(bodyOf(result)).toMatchObject({ error: 'validation_failed', issues: [{ path: 'name', message: 'Enter a name' }] });
  });

  it('reads a base64-encoded body', async () => {
    const result = await handler(jsonEvent({ body: Buffer.from('{"name":"Ann"}').toString('base64'), isBase64Encoded: true }));

    expect(bodyOf(result)).toEqual({ name: 'Ann' });
  });
});
