/**
 * Serves the built site the way the CloudFront distribution does: `/` and folder paths get their
 * `index.html`, unknown paths the site's 404 page. As from S3, a path names one object: `.` and
 * `..` segments (however encoded) name nothing, and nothing outside the build output is served,
 * not even through a symbolic link inside it.
 */
import { lstat, readFile, realpath } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
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

/**
 * The file a path inside `root` names (a folder's `index.html`), or null. Symbolic links are not
 * followed: a link in the build output is not part of the site, wherever it points.
 */
async function fileAt(root: string, relative: string): Promise<string | null> {
  const path = join(root, relative);
  try {
    const info = await lstat(path);
    if (info.isDirectory()) return relative.endsWith('index.html') ? null : fileAt(root, join(relative, 'index.html'));
    if (!info.isFile()) return null;
    // A link in a folder above the file: the real path leads elsewhere.
    return (await realpath(path)) === path ? path : null;
  } catch {
    // Not there: the caller falls back to the 404 page.
    return null;
  }
}

/** The site path's segments, decoded; null if any is `.`, `..` or holds a separator or NUL once decoded. */
function siteSegments(decoded: string): string[] | null {
  const segments = decoded.split('/').filter((segment) => segment !== '');
  return segments.some((segment) => segment === '.' || segment === '..' || /[\\/\0]/.test(segment)) ? null : segments;
}

/** Text compresses well; the CDN compresses it in production, so the local server does too. */
const compressible = /^(text\/|application\/(json|manifest\+json|xml)|image\/svg)/;

/**
 * Answers a GET or HEAD for a site path from `siteDir`, gzipped when the browser accepts it, with
 * the security headers and any `headers` given (the page's Content-Security-Policy); a header given
 * as null is left out (X-Frame-Options on the one page other sites may frame).
 */
export async function serveSiteFile(
  siteDir: string,
  pathname: string,
  request: { method: string; acceptEncoding: string },
  response: ServerResponse,
  headers: Record<string, string | null> = {},
): Promise<void> {
  let root: string;
  try {
    root = await realpath(resolve(siteDir));
  } catch {
    root = resolve(siteDir);
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', ...siteSecurityHeaders });
    response.end('That address is not valid.');
    return;
  }
  // Split before decoding too: `%2F` inside a segment is part of an object's name on S3, never a separator.
  const segments = pathname.split('/').some((segment) => /%2f|%5c/i.test(segment)) ? null : siteSegments(decoded);
  const found = segments ? await fileAt(root, segments.join(sep)) : null;
  const file = found ?? (await fileAt(root, '404.html'));
  const status = found ? 200 : 404;
  if (!file) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...siteSecurityHeaders });
    response.end('Not found. Has the site been built? Run npm run build:site.');
    return;
  }
  const type = contentTypes[extname(file)] ?? 'application/octet-stream';
  // Astro fingerprints bundled assets under /_astro/, so they can be kept; pages, and the 404 page
  // a missing asset gets, must stay fresh (the asset may be there after the next deploy).
  const cacheControl = found && segments?.[0] === '_astro' ? 'public, max-age=31536000, immutable' : 'no-cache';
  const gzip = compressible.test(type) && /\bgzip\b/.test(request.acceptEncoding);
  const content = await readFile(file);
  const body = gzip ? gzipSync(content) : content;
  const merged: Record<string, string | null> = {
    'content-type': type,
    'content-length': String(body.length),
    'cache-control': cacheControl,
    vary: 'accept-encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    ...siteSecurityHeaders,
    ...headers,
  };
  response.writeHead(status, Object.fromEntries(Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== null)));
  response.end(request.method === 'HEAD' ? undefined : body);
}
