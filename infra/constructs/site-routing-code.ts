/**
 * The source of the site's two CloudFront Functions (JavaScript runtime 2.0), generated at synth
 * time from the list of files the site deploys.
 *
 * Why at the edge: the bucket is private behind origin access control without `s3:ListBucket`, so
 * S3 answers a missing key with 403 AccessDenied XML. Custom error responses cannot turn that into
 * the site's 404 page, because they apply to every behaviour and would replace the API's JSON 404s.
 * So the viewer-request function resolves the path against the deployed files itself and sends
 * anything unknown to `/404.html`, and a viewer-response function makes that answer a real 404.
 */
import { directoryIndexCode } from './directory-index.js';
import { fingerprintedFolder } from './site-files.js';

/** The page served, with status 404, for any path that is not a deployed file. */
export const notFoundPage = '/404.html';

/**
 * CloudFront Functions' quota on a function's size ("Maximum size of a function: 10 KB", Amazon
 * CloudFront Developer Guide, Quotas › CloudFront Functions). Counted in UTF-8 bytes.
 */
export const functionCodeLimitBytes = 10 * 1024;

/** Both functions, when the file list fits in them. */
export interface NotFoundRoutingCode {
  readonly kind: 'not-found-page';
  /** Viewer request: directory paths to their `index.html`, unknown paths to `/404.html`. */
  readonly viewerRequest: string;
  /** Viewer response: status 404 for whatever was answered with `/404.html`. */
  readonly viewerResponse: string;
}

/** The directory-index function alone, and why the not-found routing could not be built. */
export interface DirectoryIndexOnlyCode {
  readonly kind: 'directory-index-only';
  readonly viewerRequest: string;
  readonly reason: string;
}

export type SiteRoutingCode = NotFoundRoutingCode | DirectoryIndexOnlyCode;

/**
 * Shared by both functions: `resolve(uri)` is the URI to fetch from the bucket for a viewer's URI,
 * which is `/404.html` for anything that is not a deployed file.
 *
 * Only exact matches against the list count, after percent-decoding (S3 decodes the path into the
 * key the same way), so `..`, `//`, encoded slashes and wrong case all get the 404 page rather than
 * a guess. Undecodable URIs get it too.
 *
 * The one exception is the fingerprinted folder (`/_astro/`): it keeps earlier builds' files, which
 * this build's list does not name, so its paths go to S3 as they are. S3 takes keys literally
 * (`/_astro/../index.html` is a missing key, not `/index.html`), so the worst a made-up path there
 * gets is S3's 403, which no page shows anyone.
 */
function resolverCode(sitePaths: readonly string[]): string {
  return `
var files = ${JSON.stringify(sitePaths)};
var notFoundPage = ${JSON.stringify(notFoundPage)};
var keptFolder = ${JSON.stringify(`/${fingerprintedFolder}/`)};
function indexSuffix(uri) {
  if (uri.endsWith('/')) return 'index.html';
  if (uri.lastIndexOf('.') < uri.lastIndexOf('/')) return '/index.html';
  return '';
}
function isDeployed(uri) {
  try {
    return files.indexOf(decodeURIComponent(uri)) !== -1;
  } catch (e) {
    return false;
  }
}
function resolve(uri) {
  if (uri.startsWith(keptFolder)) return uri;
  var target = uri + indexSuffix(uri);
  return isDeployed(target) ? target : notFoundPage;
}`;
}

/**
 * The viewer-request function. It changes only the URI: the query string (`/outlet/?id=…`) goes on
 * untouched, and the cache key follows the new URI, so every unknown path shares one cached copy of
 * `/404.html`.
 */
function viewerRequestCode(resolver: string): string {
  return `${resolver}
function handler(event) {
  var request = event.request;
  request.uri = resolve(request.uri);
  return request;
}`;
}

/**
 * The viewer-response function.
 *
 * It must work out for itself that the answer is the 404 page, because the documentation does not
 * promise what it sees of the viewer-request function's changes. "CloudFront Functions event
 * structure" (Amazon CloudFront Developer Guide, functions-event-structure.html) gives a
 * viewer-response event a `request.uri`, but describes the request object as "the actual request
 * that CloudFront received from the viewer" and says nothing about changes made by a viewer-request
 * function; the same is true of headers and query strings, so a marker put there would be no more
 * certain. `resolve` gives `/404.html` either way: for the viewer's own unknown URI, and for the
 * rewritten `/404.html`, a deployed file that resolves to itself. (So `/404.html` asked for by name
 * is a 404 too, which is honest.)
 *
 * Only a 200 is changed: the same page says a 304 to a browser revalidating its stored copy of the
 * 404 page must stay a 304 (the browser keeps the 404 it stored). The same page notes that functions
 * do not run on origin errors of 400 and above, which is why S3 must be asked for a file that
 * exists rather than have its 403 rewritten here.
 */
function viewerResponseCode(resolver: string): string {
  return `${resolver}
function handler(event) {
  var response = event.response;
  if (response.statusCode === 200 && resolve(event.request.uri) === notFoundPage) {
    response.statusCode = 404;
    response.statusDescription = 'Not Found';
  }
  return response;
}`;
}

const byteLength = (code: string) => Buffer.byteLength(code, 'utf8');

/**
 * Both functions for a site made of `sitePaths` (as `siteFilePaths` lists them). Falls back to
 * the directory-index function alone, so that unknown paths get S3's 403 as before, when the site
 * has no `/404.html` or when the file list would push a function past the 10 KB quota; `reason`
 * says which, for a synth warning.
 */
export function siteRoutingCode(sitePaths: readonly string[]): SiteRoutingCode {
  if (!sitePaths.includes(notFoundPage)) {
    return {
      kind: 'directory-index-only',
      viewerRequest: directoryIndexCode,
      reason: `The site has no ${notFoundPage}, so unknown paths still get S3's 403 AccessDenied.`,
    };
  }
  const resolver = resolverCode(sitePaths);
  const viewerRequest = viewerRequestCode(resolver);
  const viewerResponse = viewerResponseCode(resolver);
  const largest = Math.max(byteLength(viewerRequest), byteLength(viewerResponse));
  if (largest > functionCodeLimitBytes) {
    return {
      kind: 'directory-index-only',
      viewerRequest: directoryIndexCode,
      reason:
        `Listing the site's ${sitePaths.length} files would make a CloudFront function ${largest} bytes, over the ` +
        `${functionCodeLimitBytes}-byte quota, so unknown paths still get S3's 403 AccessDenied. ` +
        'Serve the file list from a CloudFront KeyValueStore instead.',
    };
  }
  return { kind: 'not-found-page', viewerRequest, viewerResponse };
}
