import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  defaultTileUrl,
  frameOptionsOf,
  framingOf,
  isApiPath,
  isEmbedPath,
  isPortalPath,
  originOf,
  tileSource,
} from '../../../functions/contract/web-policy.js';

describe('paths', () => {
  it('tells the API’s and the portal’s paths from the site’s', () => {
    // Act
    const api = ['/api', '/api/outlets', '/apis', '/outlets'].map(isApiPath);
    const portal = ['/portal', '/portal/outlet/', '/portals', '/'].map(isPortalPath);

    // Assess
    expect([api, portal]).toEqual([
      [true, true, false, false],
      [true, true, false, false],
    ]);
  });
});

describe('tileSource', () => {
  it('is the origin of a plain template, port included', () => {
    // Act
    const sources = [defaultTileUrl, 'http://127.0.0.1:58213/{z}/{x}/{y}.png'].map(tileSource);

    // Assess
    expect(sources).toEqual(['https://tile.openstreetmap.org', 'http://127.0.0.1:58213']);
  });

  it('allows every subdomain a {s} template can use', () => {
    // Act
    const source = tileSource('https://{s}.tile.example.org:8443/{z}/{x}/{y}.png');

    // Assess
    expect(source).toBe('https://*.tile.example.org:8443');
  });

  it('refuses a relative template and a placeholder elsewhere in the host', () => {
    // Act
    const relative = () => tileSource('/tiles/{z}/{x}/{y}.png');
    const inside = () => tileSource('https://tiles.{s}.example.org/{z}/{x}/{y}.png');

    // Assess
    expect(relative).toThrow(/absolute http\(s\) URL template/);
    expect(inside).toThrow(/placeholder in its host/);
  });
});

describe('originOf', () => {
  it('gives an origin, or null for nothing or a relative address', () => {
    // Act
    const origins = ['https://api.example.org/v1', undefined, '', '/api'].map(originOf);

    // Assess
    expect(origins).toEqual(['https://api.example.org', null, null, null]);
  });
});

describe('contentSecurityPolicy', () => {
  it('allows scripts, connections and frames from nowhere but the site on public pages', () => {
    // Act
    const policy = contentSecurityPolicy({ tileUrl: defaultTileUrl });

    // Assess
    expect(policy.split('; ')).toEqual(
      expect.arrayContaining([
        "default-src 'self'",
        "script-src 'self'",
        "connect-src 'self'",
        "img-src 'self' data: https://tile.openstreetmap.org",
        "object-src 'none'",
        "frame-ancestors 'none'",
      ]),
    );
  });

  it('lets portal pages connect to the sign-in service, and a meta tag leaves out what only a header can say', () => {
    // Act
    const policy = contentSecurityPolicy({ tileUrl: defaultTileUrl, signInOrigin: 'https://login.example.org', delivery: 'meta' });

    // Assess
    expect(policy).toContain("connect-src 'self' https://login.example.org");
    expect(policy).not.toContain('frame-ancestors');
  });

  it('lets any site frame the embeddable finder, and nothing else', () => {
    // Act
    const policy = contentSecurityPolicy({ tileUrl: defaultTileUrl, framing: 'any' });

    // Assess
    expect(policy.split('; ')).toContain('frame-ancestors *');
    expect(policy).not.toContain("frame-ancestors 'none'");
  });
});

describe('framing by path', () => {
  it("allows frames only for the embeddable finder's page", () => {
    // Prepare
    const paths = ['/embed', '/embed/', '/embed/index.html', '/embed/about/', '/embedded/', '/', '/poster/area/E08000009/', '/portal/'];

    // Act
    const framing = paths.map(framingOf);
    const frameOptions = paths.map(frameOptionsOf);

    // Assess
    expect(paths.map(isEmbedPath)).toEqual([true, true, true, false, false, false, false, false]);
    expect(framing).toEqual(['any', 'any', 'any', 'none', 'none', 'none', 'none', 'none']);
    expect(frameOptions).toEqual([null, null, null, 'DENY', 'DENY', 'DENY', 'DENY', 'DENY']);
  });
});
