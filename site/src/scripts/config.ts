/**
 * The site's `PUBLIC_` settings, read in one place. Vite replaces `import.meta.env` at build time,
 * so these are constants in the shipped code.
 */

import { apiPrefix, defaultTileUrl, originOf } from '@contract/web-policy.js';

/** Where the API's paths start: `PUBLIC_API_URL` (the site's own origin when empty) plus the API prefix. */
export const apiBaseUrl: string = `${(import.meta.env.PUBLIC_API_URL ?? '').replace(/\/+$/, '')}${apiPrefix}`;

/** The map tile URL template. The only third-party host the public pages ever talk to. */
export const tileUrl: string = import.meta.env.PUBLIC_TILE_URL || defaultTileUrl;

/**
 * The finder's public address (`PUBLIC_SITE_URL`, like `https://naloxone.example.org`): what
 * posters print and their QR codes open. Null when the build was not told (a local build, or a
 * first deploy before the address is known): a poster then uses the address it was opened at.
 */
export const siteUrl: string | null = originOf(import.meta.env.PUBLIC_SITE_URL);
