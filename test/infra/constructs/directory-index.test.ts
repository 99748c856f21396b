import { describe, expect, it } from 'vitest';
import { directoryIndexCode } from '../../../infra/constructs/directory-index.js';

type Request = { uri: string; querystring?: Record<string, { value: string }> };

/** Runs the CloudFront function's source as CloudFront would: a global `handler(event)`. */
const handler = new Function(`${directoryIndexCode}; return handler;`)() as (event: { request: Request }) => Request;

describe('directory index function', () => {
  it.each([
    ['/', '/index.html'],
    ['/outlet/', '/outlet/index.html'],
    ['/report', '/report/index.html'],
  ])('serves %s from %s', (uri, expected) => {
    // Prepare
    const event = { request: { uri } };

    // Act
    const request = handler(event);

    // Assess
    expect(request.uri).toBe(expected);
  });

  it.each(['/favicon.svg', '/_astro/results-map.BNHqwj7s.js', '/404.html'])('leaves the file %s alone', (uri) => {
    // Prepare
    const event = { request: { uri } };

    // Act
    const request = handler(event);

    // Assess
    expect(request.uri).toBe(uri);
  });

  it('keeps the query string', () => {
    // Prepare
    const querystring = { id: { value: 'abc' } };

    // Act
    const request = handler({ request: { uri: '/outlet/', querystring } });

    // Assess
    expect(request).toEqual({ uri: '/outlet/index.html', querystring });
  });
});
