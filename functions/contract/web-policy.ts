/**
 * The web policy: where the API lives on the site's origin, which map tiles the site loads, and the
 * Content-Security-Policy each kind of page gets. One module, read by the Astro pages, the site's
 * scripts, the service worker's build, the local server and the CDK stack, so the four cannot
 * disagree about a path or a source.
 */

/** Every API path starts with this; the CDN sends this one prefix (and nothing else) to the API. */
export const apiPrefix = '/api';

/** Whether a site path belongs to the API (`/api` itself or anything under `/api/`). */
export const isApiPath = (pathname: string): boolean => pathname === apiPrefix || pathname.startsWith(`${apiPrefix}/`);

/** The outlet portal's pages: signed in, never stored by the service worker, a CSP of their own. */
export const portalPrefix = '/portal';

/** The portal page the sign-in service sends people back to with the authorization code. */
export const portalCallbackPath = `${portalPrefix}/callback/`;

/** The portal page the sign-in service sends people back to once it has signed them out. */
export const portalSignedOutPath = `${portalPrefix}/signed-out/`;

/** Whether a site path is one of the portal's pages. */
export const isPortalPath = (pathname: string): boolean => pathname === portalPrefix || pathname.startsWith(`${portalPrefix}/`);

/**
 * The embeddable finder (`/embed/`), the one page other sites may put in a frame: councils', drug
 * services' and charities' pages show it in an `<iframe>`. Only the page itself: its "how to embed"
 * page below it (`/embed/about/`) and every other page refuse to be framed.
 */
export const embedPrefix = '/embed';

/** The paths that name the embeddable finder's page (as CloudFront sees them, before `index.html` is added). */
export const embedPagePaths = [embedPrefix, `${embedPrefix}/`, `${embedPrefix}/index.html`] as const;

/** Whether a site path is the embeddable finder's page. */
export const isEmbedPath = (pathname: string): boolean => (embedPagePaths as readonly string[]).includes(pathname);

/**
 * Who may show a page in a frame: `none` for every page but the embeddable finder, `any` site for
 * it (`frame-ancestors *`: any http or https page, as councils' sites are not all on one host).
 */
export type Framing = 'none' | 'any';

/** Who may frame the page at a site path. */
export const framingOf = (pathname: string): Framing => (isEmbedPath(pathname) ? 'any' : 'none');

/** The X-Frame-Options header a path gets, or null for none (`frame-ancestors` alone decides). */
export const frameOptionsOf = (pathname: string): 'DENY' | null => (framingOf(pathname) === 'none' ? 'DENY' : null);

/** The default map tiles: OpenStreetMap's own tile server (see the README before a real launch). */
export const defaultTileUrl = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

/** The origin of a URL (`https://example.org:8443`), or null when it is relative or not a URL. */
export function originOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/**
 * The CSP source that allows a Leaflet tile URL template: its origin, with a leading `{s}`
 * subdomain turned into a wildcard (`https://{s}.tile.example/…` → `https://*.tile.example`), or
 * Leaflet's a/b/c subdomains would be blocked. Throws on a template that is not an absolute
 * http(s) URL or has a placeholder anywhere else in its host.
 */
export function tileSource(tileUrl: string): string {
  const [, scheme = '', authority = ''] = /^(https?):\/\/([^/?#]+)\//.exec(tileUrl) ?? [];
  if (!authority) throw new Error(`Tile URL "${tileUrl}" must be an absolute http(s) URL template`);
  const host = authority.replace(/^\{s\}\./, '*.');
  if (/[{}]/.test(host)) throw new Error(`Tile URL "${tileUrl}" has a placeholder in its host other than a leading {s}`);
  return `${scheme}://${host}`;
}

/** What a page's policy depends on. */
export interface PagePolicyOptions {
  /** The tile URL template the site was built with. */
  readonly tileUrl: string;
  /** The API's origin when it is not the site's own (`PUBLIC_API_URL`). */
  readonly apiOrigin?: string | null;
  /**
   * The sign-in service's origin (Cognito's managed login, or the local OpenID Provider): portal
   * pages exchange the sign-in code for tokens there. Public pages never get it.
   */
  readonly signInOrigin?: string | null;
  /**
   * `header` (the CDN and the local server) or `meta` (a `<meta>` tag in the page, which browsers
   * read without `frame-ancestors`).
   * @default 'header'
   */
  readonly delivery?: 'header' | 'meta';
  /** Who may frame the page (header delivery only). @default 'none' */
  readonly framing?: Framing;
}

/**
 * The policy. Scripts only from the site's own files (no inline scripts, no eval); connections
 * only to the site (and the API and the sign-in service where they are elsewhere); images from the
 * site and the tile server. Inline styles are allowed because Leaflet positions tiles and markers
 * with them and Astro inlines small stylesheets: style injection is a far smaller risk than script
 * injection. `data:` images cover Leaflet's and Astro's inlined icons.
 */
export function contentSecurityPolicy(options: PagePolicyOptions): string {
  const sources = (...extra: (string | null | undefined)[]) => ["'self'", ...extra.filter(Boolean)].join(' ');
  const directives: [string, string][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self' 'unsafe-inline'"],
    ['img-src', sources('data:', tileSource(options.tileUrl))],
    ['connect-src', sources(options.apiOrigin, options.signInOrigin)],
    ['font-src', "'self'"],
    ['manifest-src', "'self'"],
    ['worker-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
  ];
  if ((options.delivery ?? 'header') === 'header') directives.push(['frame-ancestors', options.framing === 'any' ? '*' : "'none'"]);
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}
