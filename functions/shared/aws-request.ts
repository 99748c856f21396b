/**
 * The functions' one way to call an AWS service: a request signed with AWS Signature Version 4
 * (node:crypto), sent over a kept-alive connection, retried as the AWS SDK's standard mode retries,
 * and its error read into an `AwsServiceError` named as the SDK names them
 * (`ConditionalCheckFailedException`, `ThrottlingException`, …).
 *
 * Why not the AWS SDK: issue 11 asks for Lambda bundles of at most 300 KB that import in at most
 * 100 ms. The SDK's DynamoDB client alone put about 200 KB of shared Smithy runtime (every
 * protocol, event streams, endpoint rules) into every bundle, and its smallest piece, the signer,
 * still brings 140 KB of it. The functions need four JSON calls and one upload; this module is
 * those, and nothing else. The signature is checked against the SDK's own signer in the tests
 * (`test/functions/aws-request.test.ts`), and every DynamoDB call the functions make runs against
 * the embedded engine through it.
 *
 * On AWS the credentials are the function role's, which Lambda gives the process as environment
 * variables (read per request: they are set once per sandbox). A local stand-in (`DYNAMODB_ENDPOINT`,
 * `SES_ENDPOINT`, `COGNITO_ENDPOINT`) is called with placeholder credentials, as the SDK was.
 */
import { createHash, createHmac } from 'node:crypto';
import { Agent as HttpAgent, type IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
}

/** The function role's credentials, as the Lambda runtime sets them. */
export function credentialsFromEnvironment(env: NodeJS.ProcessEnv = process.env): AwsCredentials {
  const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN } = env;
  if (!AWS_ACCESS_KEY_ID || !AWS_SECRET_ACCESS_KEY) {
    throw new Error('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set (Lambda sets them from the function role)');
  }
  return { accessKeyId: AWS_ACCESS_KEY_ID, secretAccessKey: AWS_SECRET_ACCESS_KEY, sessionToken: AWS_SESSION_TOKEN || undefined };
}

/** What a local stand-in is called with: it checks nothing, as DynamoDB Local and dynalite do not. */
export const localCredentials: AwsCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface AwsRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The path, already split from the query; each segment is escaped here. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
}

export interface SigningScope {
  /** The name requests are signed for: `dynamodb`, `ses`, `s3`, `cognito-idp`, `secretsmanager`. */
  readonly signingName: string;
  readonly region: string;
  readonly credentials: AwsCredentials;
}

const sha256Hex = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 escaping as SigV4 wants it: everything but unreserved characters, `*` too. */
const escapeUri = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `20261201T051500Z` */
const amzDate = (date: Date): string => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** The path as sent and as signed: S3 keys are escaped once, every other service's path twice. */
function escapedPath(path: string, signingName: string): { sent: string; signed: string } {
  const segments = path.split('/').map(escapeUri);
  const sent = segments.join('/');
  return { sent, signed: signingName === 's3' ? sent : segments.map(escapeUri).join('/') };
}

const canonicalQuery = (query: Readonly<Record<string, string>>): string =>
  Object.keys(query)
    .sort()
    .map((key) => `${escapeUri(key)}=${escapeUri(query[key] as string)}`)
    .join('&');

/** Headers a proxy may change on the way, which the SDK's signer leaves out of the signature too. */
const unsignedHeaders = new Set(['authorization', 'cache-control', 'connection', 'content-length', 'expect', 'from', 'keep-alive', 'max-forwards', 'pragma', 'referer', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'x-amzn-trace-id']);

const signingKeys = new Map<string, Buffer>();

/** The day's key for a service in a region: four HMACs, kept for the rest of the day. */
function signingKey(secretAccessKey: string, day: string, region: string, signingName: string): Buffer {
  const cacheKey = `${secretAccessKey}\n${day}\n${region}\n${signingName}`;
  let key = signingKeys.get(cacheKey);
  if (!key) {
    key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), signingName), 'aws4_request');
    if (signingKeys.size > 20) signingKeys.clear();
    signingKeys.set(cacheKey, key);
  }
  return key;
}

/**
 * The headers a request is sent with, `authorization` included, signed with Signature Version 4
 * over every header given (but those a proxy may change) plus `host`, `x-amz-date`, `x-amz-content-sha256` and the session token.
 * Pure apart from the HMACs; `now` for the tests.
 */
export function signedHeaders(url: URL, request: AwsRequest, scope: SigningScope, now = new Date()): Record<string, string> {
  const body = request.body ?? '';
  const stamp = amzDate(now);
  const day = stamp.slice(0, 8);
  const payloadHash = sha256Hex(body);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  headers.host = url.host;
  headers['x-amz-date'] = stamp;
  headers['x-amz-content-sha256'] = payloadHash;
  if (scope.credentials.sessionToken) headers['x-amz-security-token'] = scope.credentials.sessionToken;

  const names = Object.keys(headers)
    .filter((name) => !unsignedHeaders.has(name))
    .sort();
  const canonicalHeaders = names.map((name) => `${name}:${(headers[name] as string).trim().replace(/\s+/g, ' ')}\n`).join('');
  const signedNames = names.join(';');
  const canonicalRequest = [
    request.method,
    escapedPath(request.path, scope.signingName).signed,
    canonicalQuery(request.query ?? {}),
    canonicalHeaders,
    signedNames,
    payloadHash,
  ].join('\n');
  const credentialScope = `${day}/${scope.region}/${scope.signingName}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', stamp, credentialScope, sha256Hex(canonicalRequest)].join('\n');
  const signature = createHmac('sha256', signingKey(scope.credentials.secretAccessKey, day, scope.region, scope.signingName))
    .update(stringToSign, 'utf8')
    .digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${scope.credentials.accessKeyId}/${credentialScope}, SignedHeaders=${signedNames}, Signature=${signature}`;
  return headers;
}

/** An error answered by an AWS service, named as the SDK names it. */
export class AwsServiceError extends Error {
  /** The HTTP status, and how many attempts were made (set once the retries are over), where the SDK keeps them. */
  readonly $metadata: { readonly httpStatusCode: number; attempts?: number };
  /** The error body's other fields (DynamoDB's `Item` for `ReturnValuesOnConditionCheckFailure`). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(name: string, message: string, httpStatusCode: number, details: Readonly<Record<string, unknown>> = {}) {
    super(message);
    this.name = name;
    this.$metadata = { httpStatusCode };
    this.details = details;
  }
}

/** The error's name from `x-amzn-errortype` or the body's `__type` (`com.amazonaws.dynamodb.v20120810#ThrottlingException`). */
export function serviceErrorOf(status: number, headers: IncomingHttpHeaders, text: string): AwsServiceError {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    // Not JSON. S3 answers in XML (`<Error><Code>SlowDown</Code><Message>…</Message>`), named by its
    // Code as the SDK names it; anything else (a load balancer's page) is named by its status.
    const element = (tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(text)?.[1];
    const code = element('Code');
    if (code) body = { code, message: element('Message') };
  }
  const typeHeader = headers['x-amzn-errortype'];
  const rawType = (typeof typeHeader === 'string' ? typeHeader : undefined) ?? (typeof body.__type === 'string' ? body.__type : undefined) ?? (typeof body.code === 'string' ? body.code : undefined);
  const name = rawType?.split('#').pop()?.split(':')[0] || (status >= 500 ? 'ServiceUnavailable' : `Http${status}Error`);
  const message = [body.message, body.Message].find((value): value is string => typeof value === 'string') ?? `${name} (HTTP ${status})`;
  const { __type: _type, message: _message, Message: _Message, ...details } = body;
  return new AwsServiceError(name, message, status, details);
}

/** A request that took too long, named as the SDK names it (a transient error). */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** Error names the SDK's standard retry mode retries, throttling ones with a longer backoff. */
const throttlingNames = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);
const transientNames = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'InternalServerError', 'ServiceUnavailable']);
const socketCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNABORTED']);

/** How long to wait before attempt `attempt + 1`, or null when the error is not worth retrying. */
export function retryDelayMs(error: unknown, attempt: number, random = Math.random): number | null {
  if (!(error instanceof Error)) return null;
  const { code } = error as Error & { code?: string };
  const status = error instanceof AwsServiceError ? error.$metadata.httpStatusCode : undefined;
  const throttled = throttlingNames.has(error.name) || status === 429;
  const transient = throttled || transientNames.has(error.name) || (code !== undefined && socketCodes.has(code)) || (status !== undefined && status >= 500);
  if (!transient) return null;
  // The SDK's standard mode: full jitter over 2^attempt times a base of 100 ms (500 ms when throttled), at most 20 s.
  return Math.floor(Math.min(20_000, random() * 2 ** attempt * (throttled ? 500 : 100)));
}

export interface AwsServiceSettings {
  /** The name requests are signed for. */
  readonly signingName: string;
  readonly region: string;
  /** `https://dynamodb.eu-west-2.amazonaws.com`, or a local stand-in's `http://127.0.0.1:…`. */
  readonly endpoint: string;
  readonly credentials: () => AwsCredentials;
  /** Give up a connection not made, or an answer not complete, in this long. @default none (wait) */
  readonly timeouts?: { readonly connectMs: number; readonly responseMs: number } | undefined;
  /** @default 3, the SDK's standard mode */
  readonly maxAttempts?: number | undefined;
}

export interface AwsResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

// One pool of kept-alive connections per protocol for the sandbox's life: a TLS handshake per
// request would cost more than DynamoDB's answer.
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 50 });
const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 50 });

/** One attempt: the signed request sent, its whole answer read. */
function sendOnce(settings: AwsServiceSettings, request: AwsRequest): Promise<AwsResponse> {
  const base = new URL(settings.endpoint);
  const path = `${base.pathname.replace(/\/$/, '')}${request.path}`;
  const url = new URL(path, base);
  const headers = signedHeaders(url, { ...request, path }, { signingName: settings.signingName, region: settings.region, credentials: settings.credentials() });
  const body = request.body ?? '';
  headers['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
  const query = canonicalQuery(request.query ?? {});
  const secure = base.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const outgoing = (secure ? httpsRequest : httpRequest)({
      protocol: base.protocol,
      hostname: base.hostname,
      port: base.port || undefined,
      method: request.method,
      path: `${escapedPath(path, settings.signingName).sent}${query ? `?${query}` : ''}`,
      headers,
      agent: secure ? httpsAgent : httpAgent,
    });
    const timeouts = settings.timeouts;
    const timers: NodeJS.Timeout[] = [];
    const fail = (error: Error) => {
      timers.forEach(clearTimeout);
      outgoing.destroy();
      reject(error);
    };
    if (timeouts) {
      timers.push(setTimeout(() => fail(new TimeoutError(`No complete answer from ${settings.signingName} within ${timeouts.responseMs} ms`)), timeouts.responseMs));
      outgoing.on('socket', (socket) => {
        if (!socket.connecting) return;
        const connect = setTimeout(() => fail(new TimeoutError(`No connection to ${settings.signingName} within ${timeouts.connectMs} ms`)), timeouts.connectMs);
        timers.push(connect);
        socket.once('connect', () => clearTimeout(connect));
      });
    }
    outgoing.on('error', fail);
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', fail);
      response.on('end', () => {
        timers.forEach(clearTimeout);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    outgoing.end(body);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends `request`, retrying what the SDK would retry, and returns a 2xx answer; any other answer
 * is thrown as an `AwsServiceError`.
 */
export async function sendAwsRequest(settings: AwsServiceSettings, request: AwsRequest): Promise<AwsResponse> {
  const maxAttempts = settings.maxAttempts ?? 3;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const response = await sendOnce(settings, request);
      if (response.status >= 200 && response.status < 300) return response;
      throw serviceErrorOf(response.status, response.headers, response.text);
    } catch (error) {
      const delay = retryDelayMs(error, attempt);
      if (delay === null || attempt + 1 >= maxAttempts) {
        // The data layer tells a write proved not applied (one attempt, refused) from one that may have landed.
        if (error instanceof AwsServiceError) error.$metadata.attempts = attempt + 1;
        throw error;
      }
      await sleep(delay);
    }
  }
}

/**
 * A call to an AWS JSON-protocol API (DynamoDB, Cognito, Secrets Manager): `target` is the
 * operation (`DynamoDB_20120810.GetItem`), `input` its JSON body. Returns the parsed answer.
 */
export async function callAwsJson<T>(settings: AwsServiceSettings, target: string, input: unknown, jsonVersion: '1.0' | '1.1'): Promise<T> {
  const { text } = await sendAwsRequest(settings, {
    method: 'POST',
    path: '/',
    headers: { 'content-type': `application/x-amz-json-${jsonVersion}`, 'x-amz-target': target },
    body: JSON.stringify(input),
  });
  return (text ? JSON.parse(text) : {}) as T;
}
