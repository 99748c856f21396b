import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { errorCodeSchema } from '../../../functions/contract/error.js';
import { DomainError, notFound, preconditionFailed, serviceUnavailable } from '../../../functions/shared/errors.js';
import { errorResponse, json, parseBody, parseQuery, parseRequiredHeader, statusOfCode } from '../../../functions/shared/http.js';

const event = (overrides: Partial<APIGatewayProxyEventV2>) => ({ routeKey: 'GET /x', ...overrides }) as APIGatewayProxyEventV2;
const bodyOf = (result: { body?: string }) => JSON.parse(result.body ?? '{}');

/** The error a function throws, or fails the test. */
function thrownBy(act: () => unknown): DomainError {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('Expected a DomainError');
}

describe('statusOfCode', () => {
  it('gives every error code a 4xx status but internal_error (500) and service_unavailable (503)', () => {
    // Act
    const statuses = errorCodeSchema.options.map((code) => [code, statusOfCode[code]] as const);

    // Assess
    for (const [code, status] of statuses) {
      if (code === 'internal_error') expect(status).toBe(500);
      else if (code === 'service_unavailable') expect(status).toBe(503);
      else expect(status, code).toBeGreaterThanOrEqual(400);
      if (code !== 'internal_error' && code !== 'service_unavailable') expect(status, code).toBeLessThan(500);
    }
  });
});

describe('errorResponse', () => {
  it('tells the client when to try again after the database was too busy', () => {
    // Act
    const result = errorResponse(serviceUnavailable(new Error('ProvisionedThroughputExceededException')));

    // Assess
    expect(result.statusCode).toBe(503);
    expect(result.headers?.['retry-after']).toBe('2');
    expect(bodyOf(result)).toEqual({ error: 'service_unavailable', message: 'The finder is busy. Please try again in a moment.', issues: [] });
  });

  it('answers a coded error with the status from the table and the one error body', () => {
    // Act
    const result = errorResponse(notFound('We could not find that outlet'));

    // Assess
    expect(result.statusCode).toBe(404);
    expect(bodyOf(result)).toEqual({ error: 'not_found', message: 'We could not find that outlet', issues: [] });
  });

  it('adds an error’s details to the body, never over its code or message', () => {
    // Act
    const result = errorResponse(preconditionFailed('Changed', { current: { version: 3 }, error: 'overwritten?' }));

    // Assess
    expect(result.statusCode).toBe(412);
    expect(bodyOf(result)).toEqual({ error: 'precondition_failed', message: 'Changed', issues: [], current: { version: 3 } });
  });

  it('asks for a bearer token with a 401', () => {
    // Act
    const result = errorResponse(new DomainError('unauthorised', 'Sign in'));

    // Assess
    expect(result.headers).toMatchObject({ 'www-authenticate': 'Bearer' });
  });

  it('keeps JSON answers out of every cache', () => {
    // Act
    const result = json(200, { ok: true });

    // Assess
    expect(result).toMatchObject({ statusCode: 200, headers: { 'cache-control': 'no-store' } });
  });
});

describe('parseQuery', () => {
  const schema = z.object({ n: z.coerce.number().int('Enter a whole number') });

  it('throws bad_request with a message per field', () => {
    // Act
    const error = thrownBy(() => parseQuery(schema, event({ queryStringParameters: { n: '1.5' } })));

    // Assess
    expect(error.code).toBe('bad_request');
    expect(error.issues).toEqual([{ path: 'n', message: 'Enter a whole number' }]);
  });
});

describe('parseRequiredHeader', () => {
  const schema = z.string().regex(/^\d+$/, 'Use digits');

  it('throws precondition_required when the header is missing, naming it', () => {
    // Act
    const error = thrownBy(() => parseRequiredHeader('If-Match', schema, event({ headers: {} }), 'Send If-Match'));

    // Assess
    expect(error.code).toBe('precondition_required');
    expect(error.issues).toEqual([{ path: '(header) If-Match', message: 'Send If-Match' }]);
  });

  it('throws bad_request when the header is malformed', () => {
    // Act
    const error = thrownBy(() => parseRequiredHeader('If-Match', schema, event({ headers: { 'if-match': 'x' } }), 'Send If-Match'));

    // Assess
    expect(error.code).toBe('bad_request');
    expect(error.issues).toEqual([{ path: '(header) If-Match', message: 'Use digits' }]);
  });
});

describe('parseBody', () => {
  const schema = z.object({ name: z.string().min(1, 'Enter a name') });
  const jsonEvent = (overrides: Partial<APIGatewayProxyEventV2>) =>
    event({ headers: { 'content-type': 'application/json; charset=utf-8' }, ...overrides });

  it('refuses a body not sent as JSON', () => {
    // Act
    const plain = thrownBy(() => parseBody(schema, event({ headers: { 'content-type': 'text/plain' }, body: '{"name":"Ann"}' })));
    const none = thrownBy(() => parseBody(schema, event({ body: '{"name":"Ann"}' })));

    // Assess
    expect([plain.code, none.code]).toEqual(['unsupported_media_type', 'unsupported_media_type']);
  });

  it('refuses a body that is not JSON', () => {
    // Act
    const error = thrownBy(() => parseBody(schema, jsonEvent({ body: '{nope' })));

    // Assess
    expect(error.code).toBe('bad_request');
    expect(error.issues).toEqual([{ path: '(body)', message: 'Send a JSON body' }]);
  });

  it('refuses JSON that breaks the contract with field messages', () => {
    // Act
    const error = thrownBy(() => parseBody(schema, jsonEvent({ body: JSON.stringify({ name: '' }) })));

    // Assess
    expect(error.code).toBe('validation_failed');
    expect(error.issues).toEqual([{ path: 'name', message: 'Enter a name' }]);
  });

  it('reads a base64-encoded body', () => {
    // Act
    const body = parseBody(schema, jsonEvent({ body: Buffer.from('{"name":"Ann"}').toString('base64'), isBase64Encoded: true }));

    // Assess
    expect(body).toEqual({ name: 'Ann' });
  });
});
