import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, defaultTileUrl, tileSource } from '../../../infra/constructs/content-security-policy.js';

describe('tileSource', () => {
  it('is the origin of the default OpenStreetMap tiles', () => {
    // Prepare
    const url = defaultTileUrl;

    // Act
    const source = tileSource(url);

    // Assess
    expect(source).toBe('https://tile.openstreetmap.org');
  });

  it('turns a {s} subdomain placeholder into a wildcard', () => {
    // Prepare
    const url = 'https://{s}.tile.example.org:8443/{z}/{x}/{y}.png';

    // Act
    const source = tileSource(url);

    // Assess
    expect(source).toBe('https://*.tile.example.org:8443');
  });

  it('refuses tiles over plain http', () => {
    // Prepare
    const url = 'http://localhost:4322/tiles/{z}/{x}/{y}.png';

    // Act
    const act = () => tileSource(url);

    // Assess
    expect(act).toThrow(/must be an https URL template/);
  });

  it('refuses a placeholder elsewhere in the host', () => {
    // Prepare
    const url = 'https://tiles.{s}.example.org/{z}/{x}/{y}.png';

    // Act
    const act = () => tileSource(url);

    // Assess
    expect(act).toThrow(/placeholder in its host/);
  });
});

describe('contentSecurityPolicy', () => {
  it('allows scripts, connections and frames from nowhere but the site', () => {
    // Prepare
    const url = defaultTileUrl;

    // Act
    const policy = contentSecurityPolicy(url);

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
});
