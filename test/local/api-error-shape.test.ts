/**
 * Under the API's prefix the local server answers everything in the API's one error shape, as the
 * functions do: malformed paths, paths no route has, methods a path does not take. And a request
 * that fails half way leaves nothing of its target in the logs.
 */
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { errorBodySchema, payloadTooLargeBody } from '../../functions/contract/error.js';
import { type RunningFinder, startFinder } from '../../local/finder-server.js';

const siteDir = fileURLToPath(new URL('../fixtures/site/', import.meta.url));
const logLines: string[] = [];
let finder: RunningFinder;

/** A raw request, so the target reaches the server exactly as written (fetch would tidy it up). */
function send(method: string, path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = request(`${finder.url}/`, { method, path }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    sent.on('error', reject);
    sent.end();
  });
}

beforeAll(async () => {
  finder = await startFinder({ port: 0, siteDir, clientLimits: false, log: (line) => logLines.push(line) });
});

afterAll(async () => {
  await finder?.close();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the local server under /api/', () => {
  it.each([
    ['GET', '/api/outlets/%zz', 400, 'bad_request'],
    ['GET', '/api/outlets/%E0%A4%A', 400, 'bad_request'],
    ['GET', '/api/outlets/a/b', 404, 'not_found'],
    ['GET', '/api/reports/x', 404, 'not_found'],
    ['GET', '/api', 404, 'not_found'],
    ['POST', '/api/no-such-thing?postcode=M15%204AB', 404, 'not_found'],
  ])('answers %s %s with %i in the error shape', async (method, path, status, code) => {
    // Act
    const response = await send(method, path);

    // Assess
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(z.strictObject(errorBodySchema.shape).parse(JSON.parse(response.body))).toMatchObject({ error: code });
  });

  it.each([
    ['GET', '/api/reports', 'POST'],
    ['DELETE', '/api/outlets', 'GET'],
    ['OPTIONS', '/api/outlets/FEJ12', 'GET'],
    ['DELETE', '/api/portal/outlets/FEJ12', 'GET, PATCH'],
  ])('answers %s %s with 405 in the error shape, saying what is allowed', async (method, path, allow) => {
    // Act
    const response = await send(method, path);

    // Assess
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe(allow);
    expect(z.strictObject(errorBodySchema.shape).parse(JSON.parse(response.body))).toMatchObject({ error: 'method_not_allowed' });
  });

  it('answers a method the site does not take with 405 and what it does take', async () => {
    // Act
    const response = await send('POST', '/outlet/');

    // Assess
    expect([response.status, response.headers.allow]).toEqual([405, 'GET, HEAD']);
    expect(errorBodySchema.parse(JSON.parse(response.body)).error).toBe('method_not_allowed');
  });
});

describe('a request that fails half way', () => {
  it('is logged without its query string, and the server stays up', async () => {
    // Prepare: a report whose body never arrives, its target carrying a postcode and a point
    const consoleLines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void consoleLines.push(parts.map(String).join(' ')));
    logLines.length = 0;
    const secret = 'postcode=M15%204AB&lat=53.4712&lng=-2.2386';
    const failed = new Promise<void>((resolve) => {
      const sent = request(`${finder.url}/api/reports?${secret}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': '1000' },
      });
      sent.on('error', () => resolve());
      sent.on('close', () => resolve());
      sent.write('{"outletId":');
      setTimeout(() => sent.destroy(), 100);
    });

    // Act
    await failed;
    await vi.waitFor(() => expect(logLines.some((line) => line.startsWith('POST /api/reports '))).toBe(true), { timeout: 5_000 });
    const after = await send('GET', '/api/outlets/FEJ12');

    // Assess
    expect(after.status).toBe(200);
    const logged = [...consoleLines, ...logLines].join('\n');
    expect(consoleLines.join('\n')).toContain('Request failed');
    for (const fragment of ['M15', '4AB', '53.4712', '2.2386', 'postcode', '?']) expect(logged).not.toContain(fragment);
  });

  it('refuses a body over 8 KB with 413 where the route does not take large bodies, as the WAF does on AWS', async () => {
    // Prepare: the same 9 KB body to a report (small bodies only) and a registration check (large bodies).
    const body = JSON.stringify({ outletId: 'FEJ12', problem: 'no_kits', note: 'x'.repeat(9 * 1024) });
    const post = (path: string) => fetch(`${finder.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    // Act
    const report = await post('/api/reports');
    const check = await post('/api/registrations/checks');

    // Assess
    expect(report.status).toBe(413);
    expect(errorBodySchema.parse(await report.json())).toEqual(payloadTooLargeBody);
    expect(check.status).not.toBe(413);
  });
});
