/**
 * The files a built site deploys, as the URL paths CloudFront sees, so that the edge can tell a
 * real page from a mistyped one without asking S3 (which, private behind origin access control,
 * answers 403 for a missing key).
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * Astro's folder of fingerprinted files (`/_astro/<name>.<hash>.js`). Deployments never prune it,
 * so it also holds earlier builds' files, which pages still open in a tab or kept by the service
 * worker go on loading; the edge must pass its paths to S3 rather than judge them by this build's
 * file list.
 */
export const fingerprintedFolder = '_astro';

/**
 * Every file below `siteDir` as a site path (`/outlet/index.html`), sorted. Dotfiles are included:
 * the deployment copies them too, and the list must match what is in the bucket.
 */
export function siteFilePaths(siteDir: string): string[] {
  return readdirSync(siteDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `/${relative(siteDir, join(entry.parentPath, entry.name)).split(sep).join('/')}`)
    .sort();
}
