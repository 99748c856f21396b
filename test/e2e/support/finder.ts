/**
 * Starts the whole finder (real handlers, in-memory embedded DynamoDB, the e2e build of the site)
 * on a free port, with the Greater Manchester demo pharmacies loaded.
 */
import { startFinder, type RunningFinder } from '../../../local/finder-server.js';
import { builtSite, testTileUrl } from './site-build.js';

export type { RunningFinder };

/** One finder per test file: `startFinder` configures the functions through `process.env`. */
export async function startTestFinder(): Promise<RunningFinder> {
  const siteDir = await builtSite();
  // Every test sends from this one machine: the per-client limits are tested against the API.
  return startFinder({ port: 0, host: '127.0.0.1', siteDir, seed: true, tileUrl: testTileUrl, clientLimits: false });
}
