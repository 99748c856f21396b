/**
 * Only CloudFront reaches the API: a function holding the origin secret refuses a request without
 * one of its values (403, the error shape) before anything else, and the local server, playing
 * CloudFront, sends the current one. During a rotation the previous value is accepted too.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../functions/contract/error.js';
import { originVerifyHeader } from '../../functions/contract/origin-verify.js';
import type { ApiEvent, LambdaHandler } from '../../functions/shared/http.js';
import { type RunningFinder, startFinder } from '../../local/finder-server.js';
import { localLambdaContext } from '../../local/lambda-context.js';

const siteDir = fileURLToPath(new URL('../fixtures/site/', import.meta.url));
const current = 'current-origin-secret-for-the-test-0123456789';
const previous = 'previous-origin-secret-for-the-test-0123456789';
let finder: RunningFinder;
let publicApi: LambdaHandler;

/** The event API Gateway sends for a search, with the given headers. */
function searchEvent(headers: Record<string, string>): ApiEvent {
  return {
    version: '2.0',
    routeKey: 'GET /api/outlets',
    rawPath: '/api/outlets',
    rawQueryString: 'lat=53.4808&lng=-2.2426',
    headers,
    queryStringParameters: { lat: '53.4808', lng: '-2.2426' },
    requestContext: {
      accountId: 'test',
      apiId: 'test',
      domainName: 'api.example.test',
      domainPrefix: 'api',
      http: { method: 'GET', path: '/api/outlets', protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
      requestId: 'test-request',
      routeKey: 'GET /api/outlets',
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
  };
}

async function call(event: ApiEvent) {
  const result = await publicApi(event, localLambdaContext('public-api'));
  return { status: result.statusCode, body: JSON.parse(result.body ?? '{}') as unknown };
}

beforeAll(async () => {
  finder = await startFinder({ port: 0, siteDir, seed: false, originSecrets: [current, previous] });
  // Loaded as the finder loaded it, with the secret it was given.
  ({ handler: publicApi } = await import('../../functions/lambdas/public-api.js'));
});

afterAll(async () => {
  await finder?.close();
});

describe('a function holding the origin secret', () => {
  it('refuses a request without the origin header, or with a wrong value, with 403 in the error shape', async () => {
    // Act
    const answers = await Promise.all([
      call(searchEvent({})),
      call(searchEvent({ [originVerifyHeader]: '' })),
      call(searchEvent({ [originVerifyHeader]: `${current}-guess` })),
      call({ ...searchEvent({}), routeKey: '$default', rawPath: '/api/nothing-here' }),
    ]);

    // Assess
    for (const { status, body } of answers) {
      expect(status).toBe(403);
      expect(errorBodySchema.parse(body)).toMatchObject({ error: 'forbidden', message: expect.stringMatching(/through the finder/) });
    }
  });

  it('answers a request with the current value, and with the previous one while a rotation finishes', async () => {
    // Act
    const answers = await Promise.all([call(searchEvent({ [originVerifyHeader]: current })), call(searchEvent({ [originVerifyHeader]: previous }))]);

    // Assess
    expect(answers.map(({ status }) => status)).toEqual([200, 200]);
  });
});

describe('the local server, as CloudFront', () => {
  it('sends the current value, in place of any the client sent', async () => {
    // Act
    const plain = await fetch(`${finder.url}/api/outlets?lat=53.4808&lng=-2.2426`);
    const forged = await fetch(`${finder.url}/api/outlets?lat=53.4808&lng=-2.2426`, { headers: { [originVerifyHeader]: 'not-the-secret' } });

    // Assess
    expect([plain.status, forged.status]).toEqual([200, 200]);
  });
});
