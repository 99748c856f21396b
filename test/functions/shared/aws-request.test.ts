/**
 * The functions' AWS requests: signed exactly as the AWS SDK's own signer signs them (the SDK's
 * `@smithy/signature-v4` is the reference here, a test-only dependency), sent to a real HTTP
 * server on a free port, retried as the SDK's standard mode retries, and errors named as the SDK
 * names them.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AwsServiceError,
  type AwsRequest,
  type AwsServiceSettings,
  callAwsJson,
  credentialsFromEnvironment,
  retryDelayMs,
  sendAwsRequest,
  signedHeaders,
} from '../../../functions/shared/aws-request.js';

type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytesOf = (data: SourceData): string | Uint8Array =>
  typeof data === 'string' ? data : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);

/** The SDK's hash interface over node:crypto, for the reference signer. */
class ReferenceSha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytesOf(secret));
  }
  update(data: SourceData) {
    this.hash.update(bytesOf(data));
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'session/token+value=' };
const now = new Date('2026-12-01T05:15:30.123Z');

/** The Authorization header the SDK's signer gives the same request. */
async function referenceAuthorization(url: URL, request: AwsRequest, signingName: string, region: string, withToken: boolean) {
  const signer = new SignatureV4({
    service: signingName,
    region,
    credentials: withToken ? credentials : { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey },
    sha256: ReferenceSha256,
    uriEscapePath: signingName !== 's3',
  });
  const body = request.body ?? '';
  const headers: Record<string, string> = { host: url.host, 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex') };
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  const escapedPath = request.path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
  const signed = await signer.sign(
    { method: request.method, protocol: url.protocol, hostname: url.hostname, path: escapedPath, query: { ...request.query }, headers, body },
    { signingDate: now },
  );
  return signed.headers.authorization;
}

describe('signedHeaders', () => {
  const cases: { name: string; endpoint: string; signingName: string; region: string; request: AwsRequest; withToken: boolean }[] = [
    {
      name: 'a DynamoDB call with a session token',
      endpoint: 'https://dynamodb.eu-west-2.amazonaws.com',
      signingName: 'dynamodb',
      region: 'eu-west-2',
      withToken: true,
      request: { method: 'POST', path: '/', headers: { 'content-type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'DynamoDB_20120810.GetItem' }, body: '{"TableName":"T","Key":{"pk":{"S":"OUTLET#FA1"}}}' },
    },
    {
      name: 'an SES v2 call to a REST path',
      endpoint: 'https://email.eu-west-2.amazonaws.com',
      signingName: 'ses',
      region: 'eu-west-2',
      withToken: false,
      request: { method: 'POST', path: '/v2/email/outbound-emails', headers: { 'content-type': 'application/json' }, body: '{"Content":{"Simple":{"Subject":{"Data":"Hello – é"}}}}' },
    },
    {
      name: 'an S3 upload whose key needs escaping, once',
      endpoint: 'https://bucket.s3.eu-west-2.amazonaws.com',
      signingName: 's3',
      region: 'eu-west-2',
      withToken: true,
      request: { method: 'PUT', path: '/open data/outlets (all).json', headers: { 'content-type': 'application/json', 'cache-control': 'public,  max-age=300' }, body: new TextEncoder().encode('[1,2]') },
    },
    {
      name: 'a query string in a us-east-1 call',
      endpoint: 'https://secretsmanager.us-east-1.amazonaws.com',
      signingName: 'secretsmanager',
      region: 'us-east-1',
      withToken: false,
      request: { method: 'GET', path: '/a:b/c', query: { 'b key': 'x*y', a: '1' } },
    },
  ];

  it.each(cases)('signs $name as the AWS SDK does', async ({ endpoint, signingName, region, request, withToken }) => {
    // Arrange
    const url = new URL(request.path, endpoint);
    const scopeCredentials = withToken ? credentials : { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey };

    // Act
    const headers = signedHeaders(url, request, { signingName, region, credentials: scopeCredentials }, now);

    // Assess
    expect(headers.authorization).toBe(await referenceAuthorization(url, request, signingName, region, withToken));
    expect(headers['x-amz-date']).toBe('20261201T051530Z');
    expect(headers['x-amz-security-token']).toBe(withToken ? credentials.sessionToken : undefined);
  });

  it('gives a different signature for a different body', () => {
    // Arrange
    const url = new URL('https://dynamodb.eu-west-2.amazonaws.com/');
    const scope = { signingName: 'dynamodb', region: 'eu-west-2', credentials };

    // Act
    const first = signedHeaders(url, { method: 'POST', path: '/', body: '{"a":1}' }, scope, now);
    const second = signedHeaders(url, { method: 'POST', path: '/', body: '{"a":2}' }, scope, now);

    // Assess
    expect(first.authorization).not.toBe(second.authorization);
  });
});

describe('credentialsFromEnvironment', () => {
  it("reads the role's credentials Lambda sets, and says which are missing", () => {
    expect(credentialsFromEnvironment({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b', AWS_SESSION_TOKEN: 'c' })).toEqual({ accessKeyId: 'a', secretAccessKey: 'b', sessionToken: 'c' });
    expect(credentialsFromEnvironment({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' }).sessionToken).toBeUndefined();
    expect(() => credentialsFromEnvironment({ AWS_ACCESS_KEY_ID: 'a' })).toThrow(/AWS_SECRET_ACCESS_KEY/);
  });
});

describe('retryDelayMs', () => {
  const half = () => 0.5;

  it("retries throttling with the SDK's 500 ms base and other passing failures with 100 ms, doubling each attempt", () => {
    expect(retryDelayMs(new AwsServiceError('ProvisionedThroughputExceededException', 'slow down', 400), 0, half)).toBe(250);
    expect(retryDelayMs(new AwsServiceError('ThrottlingException', 'slow down', 400), 2, half)).toBe(1000);
    expect(retryDelayMs(new AwsServiceError('InternalServerError', 'oops', 500), 1, half)).toBe(100);
    expect(retryDelayMs(Object.assign(new Error('reset'), { code: 'ECONNRESET' }), 0, half)).toBe(50);
  });

  it('never retries what would fail the same way again', () => {
    expect(retryDelayMs(new AwsServiceError('ConditionalCheckFailedException', 'no', 400), 0)).toBeNull();
    expect(retryDelayMs(new AwsServiceError('ValidationException', 'bad', 400), 0)).toBeNull();
    expect(retryDelayMs('not an error', 0)).toBeNull();
  });
});

describe('sendAwsRequest against an HTTP server', () => {
  let server: Server;
  let endpoint: string;
  /** What the server answers next, in order; then 200 `{}`. */
  let answers: { status: number; body: string; headers?: Record<string, string>; delayMs?: number }[] = [];
  let received: { headers: IncomingMessage['headers']; body: string; url: string }[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), url: request.url ?? '' });
        const answer = answers.shift() ?? { status: 200, body: '{}' };
        setTimeout(() => {
          if (response.destroyed) return;
          response.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0', ...answer.headers });
          response.end(answer.body);
        }, answer.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const settings = (overrides: Partial<AwsServiceSettings> = {}): AwsServiceSettings => ({
    signingName: 'dynamodb',
    region: 'eu-west-2',
    endpoint,
    credentials: () => credentials,
    ...overrides,
  });
  const reset = (next: typeof answers) => {
    answers = next;
    received = [];
  };

  it('sends the JSON call signed, with its target, and returns the parsed answer', async () => {
    // Arrange
    reset([{ status: 200, body: '{"Item":{"pk":{"S":"a"}}}' }]);

    // Act
    const answer = await callAwsJson<{ Item: unknown }>(settings(), 'DynamoDB_20120810.GetItem', { TableName: 'T' }, '1.0');

    // Assess
    expect(answer).toEqual({ Item: { pk: { S: 'a' } } });
    expect(received).toHaveLength(1);
    expect(received[0]?.body).toBe('{"TableName":"T"}');
    expect(received[0]?.headers).toMatchObject({
      'x-amz-target': 'DynamoDB_20120810.GetItem',
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-security-token': credentials.sessionToken,
    });
    expect(received[0]?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-2\/dynamodb\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-amz-target, Signature=[0-9a-f]{64}$/);
  });

  it("names a service's error from its __type, keeps its other fields, and does not retry it", async () => {
    // Arrange
    reset([{ status: 400, body: '{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed","Item":{"pk":{"S":"a"}}}' }]);

    // Act
    const error = await callAwsJson(settings(), 'DynamoDB_20120810.PutItem', {}, '1.0').catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(AwsServiceError);
    expect(error).toMatchObject({ name: 'ConditionalCheckFailedException', message: 'The conditional request failed', $metadata: { httpStatusCode: 400 }, details: { Item: { pk: { S: 'a' } } } });
    expect(received).toHaveLength(1);
  });

  it('reads the name from x-amzn-errortype when the body has none', async () => {
    // Arrange
    reset([{ status: 404, body: '{"message":"No such secret"}', headers: { 'x-amzn-errortype': 'ResourceNotFoundException:http://internal.amazon.com/coral/' } }]);

    // Act
    const error = await sendAwsRequest(settings({ signingName: 'secretsmanager' }), { method: 'POST', path: '/' }).catch((caught: unknown) => caught);

    // Assess
    expect(error).toMatchObject({ name: 'ResourceNotFoundException', message: 'No such secret' });
  });

  it('retries throttling and a 500, then answers', async () => {
    // Arrange
    reset([
      { status: 400, body: '{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"slow down"}' },
      { status: 500, body: '{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError"}' },
      { status: 200, body: '{"Count":0}' },
    ]);

    // Act
    const answer = await callAwsJson(settings(), 'DynamoDB_20120810.Query', {}, '1.0');

    // Assess
    expect(answer).toEqual({ Count: 0 });
    expect(received).toHaveLength(3);
  });

  it('gives up after three attempts with the last error', async () => {
    // Arrange
    const throttled = { status: 400, body: '{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"Rate exceeded"}' };
    reset([throttled, throttled, throttled, { status: 200, body: '{}' }]);

    // Act
    const error = await callAwsJson(settings(), 'DynamoDB_20120810.Query', {}, '1.0').catch((caught: unknown) => caught);

    // Assess
    expect(error).toMatchObject({ name: 'ThrottlingException' });
    expect(received).toHaveLength(3);
  });

  it('gives up on an answer that takes longer than its time-out, as a TimeoutError', async () => {
    // Arrange
    reset([{ status: 200, body: '{}', delayMs: 400 }]);

    // Act
    const error = await sendAwsRequest(settings({ timeouts: { connectMs: 1_000, responseMs: 50 }, maxAttempts: 1 }), { method: 'POST', path: '/' }).catch((caught: unknown) => caught);

    // Assess
    expect(error).toMatchObject({ name: 'TimeoutError' });
  });

  it('sends a path and query escaped as signed', async () => {
    // Arrange
    reset([{ status: 200, body: '' }]);

    // Act
    await sendAwsRequest(settings({ signingName: 's3' }), { method: 'PUT', path: '/open data/a+b.json', query: { 'x-id': 'PutObject' }, body: 'x' });

    // Assess
    expect(received[0]?.url).toBe('/open%20data/a%2Bb.json?x-id=PutObject');
    expect(received[0]?.headers['content-length']).toBe('1');
  });
});
