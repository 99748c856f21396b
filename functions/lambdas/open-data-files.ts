/**
 * Lambda entry of the scheduled job that rebuilds the open data files (`core/open-data-files.ts`)
 * and writes them to the bucket CloudFront serves under `/api/open-data/`. EventBridge Scheduler
 * runs it every `openDataFilesSchedule.rebuildMinutes`; its input is ignored. A failure throws, so
 * the scheduler's retry policy applies and the files from the run before stay served.
 */
import { buildOpenDataFiles } from '../core/open-data-files.js';
import { putOpenDataFile } from '../data/open-data-bucket.js';
import { readPublishedEntries, readPublishedListings } from '../data/published-listings.js';
import { logger } from '../shared/logger.js';

export const handler = async (): Promise<{ count: number; bytes: { geojson: number; csv: number } }> => {
  const started = performance.now();
  const built = await buildOpenDataFiles({ publishedEntries: readPublishedEntries, listings: readPublishedListings }, new Date());
  await Promise.all([putOpenDataFile('geojson', built.geojson), putOpenDataFile('csv', built.csv)]);
  const bytes = { geojson: Buffer.byteLength(built.geojson), csv: Buffer.byteLength(built.csv) };
  logger.info('Open data files written', { count: built.count, reads: built.reads, bytes, milliseconds: Math.round(performance.now() - started) });
  return { count: built.count, bytes };
};
