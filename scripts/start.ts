/**
 * `npm start`: runs the whole finder locally with its embedded defaults: no AWS account, no network.
 *
 *   npm start                      site and API on http://127.0.0.1:3000
 *   npm start -- --port 8080       another port (or PORT=8080)
 *   npm start -- --fresh           forget the local data and load the demo again
 *   npm run reset                  the same, without serving
 */
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildSiteIfChanged } from '../local/build-site.js';
import { PortInUseError, startFinder } from '../local/finder-server.js';

const root = fileURLToPath(new URL('..', import.meta.url));

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
    'data-dir': { type: 'string', default: process.env.FINDER_DATA_DIR ?? `${root}.local/dynamodb` },
    fresh: { type: 'boolean', default: false },
    'no-serve': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(`Usage: npm start -- [--port 3000] [--host 127.0.0.1] [--data-dir .local/dynamodb] [--fresh] [--no-build] [--no-serve]`);
  process.exit(0);
}

const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a whole number from 0 to 65535, not "${args.port}"`);
  process.exit(2);
}

const log = (line: string) => console.log(line);
const dataDir = args['data-dir'] ?? `${root}.local/dynamodb`;

if (args.fresh) {
  await rm(dataDir, { recursive: true, force: true });
  log(`Removed the local data in ${dataDir}`);
}

if (!args['no-serve'] && !args['no-build']) {
  await buildSiteIfChanged(`${root}site`, [`${root}functions/contract`], log);
}

try {
  const finder = await startFinder({
    port,
    host: args.host,
    dataPath: dataDir,
    siteDir: `${root}site/dist`,
    log,
  });
  if (args['no-serve']) {
    await finder.close();
    log('Local data is ready.');
  } else {
    log(`\nThe naloxone finder is running at ${finder.url}\n  API example: ${finder.url}/outlets?postcode=M15%204AB&limit=5\nPress Ctrl-C to stop.`);
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      log('\nStopping…');
      await finder.close();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }
} catch (error) {
  if (error instanceof PortInUseError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
