/**
 * The site's Content-Security-Policy. Everything comes from the site's own origin, the API
 * included; the only third party is the map tile server, and only for images.
 */

/** The default map tiles, the same default the site uses for `PUBLIC_TILE_URL`. */
export const defaultTileUrl = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

/**
 * The CSP source that allows a Leaflet tile URL template: its origin, with a `{s}` subdomain
 * placeholder turned into a wildcard (`https://{s}.tile.example/…` → `https://*.tile.example`).
 * Throws on anything but https: an https page cannot load http tiles.
 */
export function tileSource(tileUrl: string): string {
  const [, authority = ''] = /^https:\/\/([^/?#]+)\//.exec(tileUrl) ?? [];
  if (!authority) throw new Error(`Tile URL "${tileUrl}" must be an https URL template: an https page cannot load http tiles`);
  const host = authority.replace(/^\{s\}\./, '*.');
  if (/[{}]/.test(host)) throw new Error(`Tile URL "${tileUrl}" has a placeholder in its host other than a leading {s}`);
  return `https://${host}`;
}

/**
 * The policy. Scripts only from the site's own files (no inline scripts, no eval). Inline styles
 * are allowed because Astro inlines small stylesheets; style injection is a far smaller risk than
 * script injection. `data:` images cover Leaflet's and Astro's inlined icons.
 */
export function contentSecurityPolicy(tileUrl: string): string {
  const directives: Record<string, string> = {
    'default-src': "'self'",
    'script-src': "'self'",
    'style-src': "'self' 'unsafe-inline'",
    'img-src': `'self' data: ${tileSource(tileUrl)}`,
    'connect-src': "'self'",
    'font-src': "'self'",
    'manifest-src': "'self'",
    'worker-src': "'self'",
    'object-src': "'none'",
    'base-uri': "'self'",
    'form-action': "'self'",
    'frame-ancestors': "'none'",
  };
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}
