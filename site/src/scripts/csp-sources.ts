/**
 * Sources for the page's Content-Security-Policy, from the PUBLIC_ settings baked into the build.
 */

/** The origin of a URL or URL template, or null when it is relative or not a URL. */
export function originOf(template: string | undefined): string | null {
  if (!template) return null;
  try {
    return new URL(template.replace(/\{[a-z]\}/g, '0')).origin;
  } catch {
    return null;
  }
}

/**
 * The CSP source for a Leaflet tile URL template: its origin, with a `{s}` subdomain turned into a
 * wildcard, as the CDN's policy does (`https://{s}.tile.example/…` → `https://*.tile.example`);
 * otherwise the a/b/c subdomains Leaflet asks for would be blocked.
 */
export function tileSource(template: string): string | null {
  return originOf(template.replace(/\{s\}/g, 'any-subdomain'))?.replace('any-subdomain', '*') ?? null;
}
