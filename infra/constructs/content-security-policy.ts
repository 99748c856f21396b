/**
 * The site's Content-Security-Policy. Everything comes from the site's own origin, the API
 * included; the only third party is the map tile server, and only for images.
 */

/** The default map tiles, the same default the site uses for `PUBLIC_TILE_URL`. */
export const defaultTileUrl = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The CSP source that allows a Leaflet tile URL template: its origin, with a `{s}` subdomain
 * placeholder turned into a wildcard (`https://{s}.tile.example/…` → `https://*.tile.example`).
 * Throws on anything but https, except loopback hosts, which only local runs use.
 */
export function tileSource(tileUrl: string): string {
  const match = /^(https?):\/\/([^/?#]+)/.exec(tileUrl);
  if (!match) throw new Error(`Tile URL "${tileUrl}" is not an http(s) URL template`);
  const [, scheme, authority] = match as unknown as [string, string, string];
  const host = authority.replace(/^\{s\}\./, '*.');
  if (/[{}]/.test(host)) throw new Error(`Tile URL "${tileUrl}" has a placeholder in its host other than a leading {s}`);
  const hostname = host.replace(/:\d+$/, '');
  if (scheme !== 'https' && !loopbackHosts.has(hostname)) {
    throw new Error(`Tile URL "${tileUrl}" must use https: browsers block mixed content on an https site`);
  }
  return `${scheme}://${host}`;
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
    'upgrade-insecure-requests': '',
  };
  return Object.entries(directives)
    .map(([name, value]) => (value ? `${name} ${value}` : name))
    .join('; ');
}
