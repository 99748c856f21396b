import { describe, expect, it } from 'vitest';
import { directoryIndexCode } from '../../../infra/constructs/directory-index.js';
import {
  functionCodeLimitBytes,
  type NotFoundRoutingCode,
  siteRoutingCode,
} from '../../../infra/constructs/site-routing-code.js';

type Querystring = Record<string, { value: string }>;
type Request = { uri: string; querystring?: Querystring };
type Response = { statusCode: number; statusDescription?: string };

/** The files of a small built site, as `siteFilePaths` lists them. */
const sitePaths = [
  '/404.html',
  '/_astro/results-map.BNHqwj7s.js',
  '/favicon.svg',
  '/how-to-give-naloxone/nasal-spray/index.html',
  '/index.html',
  '/outlet/index.html',
  '/report/index.html',
  '/sw.js',
];

/** Runs a CloudFront function's source as CloudFront would: a global `handler(event)`. */
function load<Event, Result>(code: string): (event: Event) => Result {
  return new Function(`${code}; return handler;`)() as (event: Event) => Result;
}

function routingFor(paths: readonly string[]): NotFoundRoutingCode {
  const code = siteRoutingCode(paths);
  if (code.kind !== 'not-found-page') throw new Error(`expected the not-found routing, got: ${code.reason}`);
  return code;
}

const routing = routingFor(sitePaths);
const viewerRequest = load<{ request: Request }, Request>(routing.viewerRequest);
const viewerResponse = load<{ request: Request; response: Response }, Response>(routing.viewerResponse);

describe('the viewer-request function', () => {
  it.each([
    ['/', '/index.html'],
    ['/outlet/', '/outlet/index.html'],
    ['/report', '/report/index.html'],
    ['/how-to-give-naloxone/nasal-spray/', '/how-to-give-naloxone/nasal-spray/index.html'],
  ])('serves the directory path %s from %s', (uri, expected) => {
    // Act
    const request = viewerRequest({ request: { uri } });

    // Assess
    expect(request.uri).toBe(expected);
  });

  it.each(['/_astro/results-map.BNHqwj7s.js', '/favicon.svg', '/sw.js', '/index.html', '/404.html'])(
    'leaves the deployed file %s alone',
    (uri) => {
      // Act
      const request = viewerRequest({ request: { uri } });

      // Assess
      expect(request.uri).toBe(uri);
    },
  );

  it.each([
    '/no-such-page',
    '/no-such-page/',
    '/_ASTRO/results-map.BNHqwj7s.js',
    '/Outlet/',
    '/outlet/index.htm',
    '/report/extra',
  ])('sends the unknown path %s to the 404 page', (uri) => {
    // Act
    const request = viewerRequest({ request: { uri } });

    // Assess
    expect(request.uri).toBe('/404.html');
  });

  // Deployments never prune /_astro/, so a page from the previous build still finds its scripts there.
  it.each(['/_astro/old.abc123.js', '/_astro/results-map.OLDHASH1.js', '/_astro/old.abc123.css'])(
    'passes the earlier build\'s fingerprinted file %s through to the bucket',
    (uri) => {
      // Act
      const request = viewerRequest({ request: { uri } });

      // Assess
      expect(request.uri).toBe(uri);
    },
  );

  it.each([
    '/../index.html',
    '/outlet/../index.html',
    '/%2e%2e/index.html',
    '/outlet/..%2Findex.html',
    '//index.html',
    '/outlet//',
    '/%E0%A4%A',
  ])('sends the traversal-like or malformed path %s to the 404 page', (uri) => {
    // Act
    const request = viewerRequest({ request: { uri } });

    // Assess
    expect(request.uri).toBe('/404.html');
  });

  it('matches a percent-encoded path to its file, keeping the encoding for S3 to decode', () => {
    // Prepare
    const encoded = routingFor([...sitePaths, '/guides/café/index.html']);
    const handler = load<{ request: Request }, Request>(encoded.viewerRequest);

    // Act
    const request = handler({ request: { uri: '/guides/caf%C3%A9/' } });

    // Assess
    expect(request.uri).toBe('/guides/caf%C3%A9/index.html');
  });

  it.each([
    ['/outlet/', '/outlet/index.html'],
    ['/no-such-page', '/404.html'],
  ])('keeps the query string of %s', (uri, expected) => {
    // Prepare
    const querystring: Querystring = { id: { value: 'abc' } };

    // Act
    const request = viewerRequest({ request: { uri, querystring } });

    // Assess
    expect(request).toEqual({ uri: expected, querystring: { id: { value: 'abc' } } });
  });
});

describe('the viewer-response function', () => {
  // The docs do not say whether this event carries the viewer's URI or the rewritten one: both must work.
  it.each(['/no-such-page', '/404.html', '/%2e%2e/index.html'])('answers 404 for the 404 page served for %s', (uri) => {
    // Prepare
    const response: Response = { statusCode: 200, statusDescription: 'OK' };

    // Act
    const answer = viewerResponse({ request: { uri }, response });

    // Assess
    expect(answer).toEqual({ statusCode: 404, statusDescription: 'Not Found' });
  });

  it.each(['/', '/outlet/', '/outlet/index.html', '/report', '/_astro/results-map.BNHqwj7s.js', '/sw.js'])(
    'leaves the 200 for %s alone',
    (uri) => {
      // Prepare
      const response: Response = { statusCode: 200, statusDescription: 'OK' };

      // Act
      const answer = viewerResponse({ request: { uri }, response });

      // Assess
      expect(answer).toEqual({ statusCode: 200, statusDescription: 'OK' });
    },
  );

  it('leaves the 200 for an earlier build\'s fingerprinted file alone', () => {
    // Prepare
    const response: Response = { statusCode: 200, statusDescription: 'OK' };

    // Act
    const answer = viewerResponse({ request: { uri: '/_astro/old.abc123.js' }, response });

    // Assess
    expect(answer).toEqual({ statusCode: 200, statusDescription: 'OK' });
  });

  it('leaves a 304 to a revalidating browser alone', () => {
    // Prepare
    const response: Response = { statusCode: 304, statusDescription: 'Not Modified' };

    // Act
    const answer = viewerResponse({ request: { uri: '/no-such-page' }, response });

    // Assess
    expect(answer.statusCode).toBe(304);
  });
});

describe('siteRoutingCode', () => {
  it('keeps both functions under the CloudFront Functions size quota', () => {
    // Act
    const sizes = [routing.viewerRequest, routing.viewerResponse].map((code) => Buffer.byteLength(code));

    // Assess
    for (const size of sizes) expect(size).toBeLessThanOrEqual(functionCodeLimitBytes);
  });

  it('falls back to the directory index alone when the file list would pass the quota', () => {
    // Prepare
    const manyPages = Array.from({ length: 400 }, (_, page) => `/outlets-in/place-number-${page}/index.html`);

    // Act
    const code = siteRoutingCode([...sitePaths, ...manyPages]);

    // Assess
    expect(code).toEqual({
      kind: 'directory-index-only',
      viewerRequest: directoryIndexCode,
      reason: expect.stringMatching(/408 files would make a CloudFront function \d+ bytes, over the 10240-byte quota/),
    });
  });

  it('falls back to the directory index alone when the site has no 404 page', () => {
    // Prepare
    const withoutNotFoundPage = sitePaths.filter((path) => path !== '/404.html');

    // Act
    const code = siteRoutingCode(withoutNotFoundPage);

    // Assess
    expect(code).toEqual({
      kind: 'directory-index-only',
      viewerRequest: directoryIndexCode,
      reason: expect.stringContaining('The site has no /404.html'),
    });
  });
});
