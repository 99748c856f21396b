/**
 * Astro writes `/outlet/index.html` for `/outlet/`, but CloudFront's default root object only
 * covers `/`. This viewer-request function (CloudFront Functions, JavaScript runtime 2.0) maps
 * directory-style paths to their `index.html` before the S3 lookup; the query string is untouched.
 * `siteRoutingCode` falls back to it alone when it cannot list the site's files in a function.
 */
export const directoryIndexCode = `
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith('/')) request.uri = uri + 'index.html';
  else if (uri.lastIndexOf('.') < uri.lastIndexOf('/')) request.uri = uri + '/index.html';
  return request;
}`;
