/**
 * Per-client limits: the limiter, and the local server applying the route table's limit to reports
 * as the WAF does on AWS.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.js';
import { createClientLimiter } from '../../local/client-limits.js';
import { type RunningFinder, startFinder } from '../../local/finder-server.js';

const limit = { requests: 3, windowSeconds: 60 };

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

describe('the local server', () => {
  const siteDir = fileURLToPath(new URL('../fixtures/site/', import.meta.url));
  let finder: RunningFinder;

  beforeAll(async () => {
    finder = await startFinder({ port: 0, siteDir, seed: false });
  });

  afterAll(async () => {
    await finder?.close();
  });

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
