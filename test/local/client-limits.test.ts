/**
 * Per-client limits: the limiter, and the local server applying the route table's limits (reports,
 * searches, reading a listing, the sign-in settings) as the WAF does on AWS: per client address,
 * so one address's flood leaves another's answers alone.
 */
import { Agent, request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema, tooManyRequestsBody } from '../../functions/contract/error.js';
import { managedLoginClientLimits, managedLoginLimitPage } from '../../functions/managed-login-limits.js';
import { type ClientLimit, routes } from '../../functions/routes.js';
import { createClientLimiter } from '../../local/client-limits.js';
import { type RunningFinder, startFinder } from '../../local/finder-server.js';

const limit: ClientLimit = { requests: 3, windowSeconds: 60 };

describe('createClientLimiter', () => {
  it('lets a client make as many requests as the limit, refuses the next until the oldest leaves the window, and forgets it after', () => {
    // Prepare
    let now = 0;
    const limiter = createClientLimiter(() => now);

    // Act
    const first = [1, 2, 3].map(() => limiter.take('POST /r', limit, '203.0.113.7').allowed);
    now = 20_000;
    const fourth = limiter.take('POST /r', limit, '203.0.113.7');
    const other = limiter.take('POST /r', limit, '198.51.100.1').allowed;
    now = 60_001;
    const later = limiter.take('POST /r', limit, '203.0.113.7').allowed;
    now = 200_000;
    limiter.take('POST /other', limit, '192.0.2.1');

    // Assess
    expect(first).toEqual([true, true, true]);
    expect(fourth).toEqual({ allowed: false, retryAfterSeconds: 40 });
    expect([other, later]).toEqual([true, true]);
    expect(limiter.size()).toBe(1);
  });
});

// One finder for the file: the functions read their configuration once, so one finder per process.
const siteDir = fileURLToPath(new URL('../fixtures/site/', import.meta.url));
let finder: RunningFinder;

beforeAll(async () => {
  finder = await startFinder({ port: 0, siteDir, seed: false });
});

afterAll(async () => {
  await finder?.close();
});

describe('the local server', () => {

  it('answers reports over the route’s per-client limit with 429 and Retry-After, before any function runs', async () => {
    // Prepare
    const route = routes.find((each) => each.handler === 'createReport');
    const allowed = route && 'clientLimit' in route ? route.clientLimit.requests : 0;
    const send = () =>
      fetch(`${finder.url}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"outletId":"FA1","problem":"no_kits"}' });

    // Act
    const statuses: number[] = [];
    for (let n = 0; n < allowed; n += 1) statuses.push((await send()).status);
    const over = await send();

    // Assess
    expect(allowed).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 422)).toBe(true);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await over.json()).toMatchObject({ error: 'too_many_requests' });
  });
});

/** A request from a given local address (the whole of 127/8 is this machine), over kept-alive connections per address. */
function getFrom(agent: Agent, url: string, method: 'GET' | 'POST' = 'GET'): Promise<{ status: number; retryAfter: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent, method, ...(method === 'POST' ? { headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}) }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'], body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(method === 'POST' ? 'grant_type=authorization_code&code=made-up' : undefined);
  });
}

describe('the local server, one client flooding a limited read', () => {
  // Two clients with addresses of their own, as two people would reach the WAF from two addresses.
  const flooder = new Agent({ keepAlive: true, maxSockets: 8, localAddress: '127.0.0.1' });
  const neighbour = new Agent({ keepAlive: true, maxSockets: 1, localAddress: '127.0.0.2' });

  afterAll(() => {
    flooder.destroy();
    neighbour.destroy();
  });

  const limitedReads = [
    { handler: 'findOutlets', path: '/api/outlets?lat=53.4808&lng=-2.2426&limit=5', answered: 200 },
    { handler: 'getOutlet', path: '/api/outlets/FD532', answered: 404 },
    { handler: 'getSignInSettings', path: '/api/sign-in', answered: 200 },
  ] as const;

  it.each(limitedReads)('refuses $handler from the flooding address with 429, Retry-After and the error shape, and still answers another address', async ({ handler, path, answered }) => {
    // Prepare
    const route = routes.find((each) => each.handler === handler);
    const allowed = route && 'clientLimit' in route ? route.clientLimit.requests : 0;
    const url = `${finder.url}${path}`;

    // Act
    const statuses = new Map<number, number>();
    for (let sent = 0; sent < allowed; sent += 8) {
      const batch = await Promise.all(Array.from({ length: Math.min(8, allowed - sent) }, () => getFrom(flooder, url)));
      for (const { status } of batch) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    const over = await getFrom(flooder, url);
    const other = await getFrom(neighbour, url);

    // Assess
    expect(allowed).toBeGreaterThan(0);
    expect(Object.fromEntries(statuses)).toEqual({ [answered]: allowed });
    expect(over.status).toBe(429);
    expect(Number(over.retryAfter)).toBeGreaterThan(0);
    expect(Number(over.retryAfter)).toBeLessThanOrEqual(route && 'clientLimit' in route ? route.clientLimit.windowSeconds : 0);
    expect(errorBodySchema.parse(JSON.parse(over.body))).toEqual(tooManyRequestsBody);
    expect(other.status).toBe(answered);
  });
});

describe('the local sign-in service, one client flooding managed login', () => {
  const guesser = new Agent({ keepAlive: true, maxSockets: 8, localAddress: '127.0.0.3' });
  const crawler = new Agent({ keepAlive: true, maxSockets: 8, localAddress: '127.0.0.4' });
  const colleague = new Agent({ keepAlive: true, maxSockets: 1, localAddress: '127.0.0.5' });
  /** The service by address, not `localhost`, so the agents' IPv4 addresses can reach it. */
  const signInUrl = (path: string) => `http://127.0.0.1:${new URL(finder.identityProvider?.issuer ?? '').port}${path}`;

  afterAll(() => {
    for (const agent of [guesser, crawler, colleague]) agent.destroy();
  });

  async function sendMany(agent: Agent, count: number, url: string, method: 'GET' | 'POST'): Promise<Record<number, number>> {
    const statuses: Record<number, number> = {};
    for (let sent = 0; sent < count; sent += 8) {
      const batch = await Promise.all(Array.from({ length: Math.min(8, count - sent) }, () => getFrom(agent, url, method)));
      for (const { status } of batch) statuses[status] = (statuses[status] ?? 0) + 1;
    }
    return statuses;
  }

  it('refuses form posts over the limit with 429, Retry-After and the page, while the same address may still read and another may still post', async () => {
    // Prepare: token requests with a made-up code, which the service answers 400.
    const { posts } = managedLoginClientLimits;
    const token = signInUrl('/oauth2/token');

    // Act
    const statuses = await sendMany(guesser, posts.requests, token, 'POST');
    const over = await getFrom(guesser, token, 'POST');
    const read = await getFrom(guesser, signInUrl('/.well-known/jwks.json'));
    const other = await getFrom(colleague, token, 'POST');

    // Assess
    expect(statuses).toEqual({ 400: posts.requests });
    expect(over.status).toBe(429);
    expect(Number(over.retryAfter)).toBeGreaterThan(0);
    expect(Number(over.retryAfter)).toBeLessThanOrEqual(posts.windowSeconds);
    expect(over.body).toBe(managedLoginLimitPage);
    expect([read.status, other.status]).toEqual([200, 400]);
  });

  it('refuses any request over the limit of every request', async () => {
    // Prepare
    const { requests } = managedLoginClientLimits;
    const keys = signInUrl('/.well-known/jwks.json');

    // Act
    const statuses = await sendMany(crawler, requests.requests, keys, 'GET');
    const over = await getFrom(crawler, keys);
    const other = await getFrom(colleague, keys);

    // Assess
    expect(statuses).toEqual({ 200: requests.requests });
    expect(over.status).toBe(429);
    expect(over.body).toContain('<h1>Too many sign-in attempts</h1>');
    expect(other.status).toBe(200);
  });
});
