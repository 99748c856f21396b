/**
 * Serves the built site the way the CloudFront distribution does: `/` and folder paths get their
 * `index.html`, unknown paths the site's 404 page.
 */
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.woff2': 'font/woff2',
};

/** Security headers that the CDN's response headers policy sets in production. */
export const siteSecurityHeaders = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

async function fileAt(path: string): Promise<string | null> {
  try {
    const info = await stat(path);
    if (info.isFile()) return path;
    if (info.isDirectory()) return fileAt(join(path, 'index.html'));
  } catch {
    // Not there: the caller falls back to the 404 page.
  }
  return null;
}

/** Text compresses well; the CDN compresses it in production, so the local server does too. */
const compressible = /^(text\/|application\/(json|manifest\+json|xml)|image\/svg)/;

/**
 * Answers a GET or HEAD for a site path from `siteDir`, gzipped when the browser accepts it, with
 * the security headers and any `headers` given (the page's Content-Security-Policy).
 */
export async function serveSiteFile(
  siteDir: string,
  pathname: string,
  request: { method: string; acceptEncoding: string },
  response: ServerResponse,
  headers: Record<string, string> = {},
): Promise<void> {
  const root = resolve(siteDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', ...siteSecurityHeaders });
    response.end('That address is not valid.');
    return;
  }
  const candidate = normalize(join(root, decoded));
  const inside = candidate === root || candidate.startsWith(root + sep);
  const found = inside ? await fileAt(candidate) : null;
  const file = found ?? (await fileAt(join(root, '404.html')));
  const status = found ? 200 : 404;
  if (!file) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...siteSecurityHeaders });
    response.end('Not found. Has the site been built? Run npm run build:site.');
    return;
  }
  const type = contentTypes[extname(file)] ?? 'application/octet-stream';
  // Astro fingerprints bundled assets under /_astro/, so they can be kept; pages must stay fresh.
  const cacheControl = pathname.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  const gzip = compressible.test(type) && /\bgzip\b/.test(request.acceptEncoding);
  const content = await readFile(file);
  const body = gzip ? gzipSync(content) : content;
  response.writeHead(status, {
    'content-type': type,
    'content-length': String(body.length),
    'cache-control': cacheControl,
    vary: 'accept-encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    ...siteSecurityHeaders,
    ...headers,
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}
