import { describe, expect, it } from 'vitest';
import { originOf, tileSource } from '../../site/src/scripts/csp-sources.js';

describe('tileSource', () => {
  it('allows every subdomain a {s} template can use', () => {
    expect(tileSource('https://{s}.tiles.example.org/{z}/{x}/{y}.png')).toBe('https://*.tiles.example.org');
  });

  it('keeps a plain origin, port included', () => {
    expect(tileSource('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe('https://tile.openstreetmap.org');
    expect(tileSource('http://127.0.0.1:58213/{z}/{x}/{y}.png')).toBe('http://127.0.0.1:58213');
  });

  it('gives nothing for a relative or broken template', () => {
    expect(tileSource('/tiles/{z}/{x}/{y}.png')).toBeNull();
    expect(originOf(undefined)).toBeNull();
  });
});
