/**
 * The local static server as the CDN serves the site: fingerprinted assets kept for a year, and
 * nothing else; no path, however encoded, reaching outside the build output or through a link.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { type Server, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSiteFile } from '../../local/static-site.js';

let folder: string;
let server: Server;
let base: string;

/** A raw GET, so the target reaches the server exactly as written. */
function get(path: string): Promise<{ status: number; cacheControl: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = request(`${base}/`, { path }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, cacheControl: response.headers['cache-control'], body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    sent.on('error', reject);
    sent.end();
  });
}

beforeAll(async () => {
  // Prepare: a built site, a secret beside it, and links from inside the site to the secret
  folder = await mkdtemp(join(tmpdir(), 'static-site-'));
  const site = join(folder, 'dist');
  const outside = join(folder, 'outside');
  await mkdir(join(site, '_astro'), { recursive: true });
  await mkdir(outside);
  await writeFile(join(site, 'index.html'), '<h1>Home page</h1>');
  await writeFile(join(site, '404.html'), '<h1>Not found page</h1>');
  await writeFile(join(site, '_astro', 'app.abc123.js'), 'console.log("app")');
  await writeFile(join(outside, 'secret.txt'), 'the secret');
  await writeFile(join(outside, 'index.html'), 'the secret page');
  await symlink(join(outside, 'secret.txt'), join(site, '_astro', 'secret.txt'));
  await symlink(outside, join(site, 'linked'));

  server = createServer((incoming, response) => {
    const { pathname } = new URL(`http://localhost${incoming.url ?? '/'}`);
    void serveSiteFile(site, pathname, { method: 'GET', acceptEncoding: '' }, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(folder, { recursive: true, force: true });
});

describe('serveSiteFile', () => {
  it('keeps a fingerprinted asset for a year, and pages fresh', async () => {
    // Act
    const asset = await get('/_astro/app.abc123.js');
    const page = await get('/');

    // Assess
    expect([asset.status, asset.cacheControl]).toEqual([200, 'public, max-age=31536000, immutable']);
    expect([page.status, page.cacheControl, page.body]).toEqual([200, 'no-cache', '<h1>Home page</h1>']);
  });

  it('answers a missing asset with the 404 page, never marked immutable', async () => {
    // Act
    const missing = await get('/_astro/gone.def456.js');

    // Assess
    expect([missing.status, missing.cacheControl, missing.body]).toEqual([404, 'no-cache', '<h1>Not found page</h1>']);
  });

  it.each(['/_astro/..%2findex.html', '/_astro/..%2Findex.html', '/_astro/..%5cindex.html', '/%2e%2e/outside/secret.txt'])(
    'serves no page for %s, and keeps nothing',
    async (path) => {
      // Act
      const response = await get(path);

      // Assess
      expect([response.status, response.cacheControl, response.body]).toEqual([404, 'no-cache', '<h1>Not found page</h1>']);
    },
  );

  it.each(['/_astro/secret.txt', '/linked/secret.txt', '/linked/', '/linked'])('does not follow the link at %s', async (path) => {
    // Act
    const response = await get(path);

    // Assess
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('secret');
  });
});
