/**
 * The finder that `bench/load.ts` puts under load, in a process of its own so the load generator
 * does not share its event loop: in memory, with the demo data, on a free loopback port. The
 * per-client limits are off, as they are in tests: every request here comes from one address.
 * Prints `{"url": …}` once it is ready and runs until it is stopped.
 */
import { startFinder } from '../local/finder-server.js';

const siteDir = process.argv[2];
if (!siteDir) throw new Error('Usage: tsx bench/load-server.ts SITE_DIR');
const finder = await startFinder({ port: 0, siteDir, clientLimits: false });
console.log(JSON.stringify({ url: finder.url }));
const stop = async () => {
  await finder.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
