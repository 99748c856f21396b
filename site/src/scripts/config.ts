/**
 * The site's `PUBLIC_` settings, read in one place. Vite replaces `import.meta.env` at build time,
 * so these are constants in the shipped code.
 */

/** The API's base URL without a trailing slash; '' means the site's own origin. */
export const apiBaseUrl: string = (import.meta.env.PUBLIC_API_URL ?? '').replace(/\/+$/, '');

/** The map tile URL template. The only third-party host the site ever talks to. */
export const tileUrl: string = import.meta.env.PUBLIC_TILE_URL || 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
