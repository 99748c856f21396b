/**
 * `npm start`: runs the whole finder locally with its embedded defaults: no AWS account, no network.
 *
 *   npm start                      site and API on http://127.0.0.1:3000
 *   npm start -- --port 8080       another port (or PORT=8080); the sign-in service takes the next one
 *   npm start -- --auth-port 9000  the local sign-in service's port (default: the finder's port + 1)
 *   npm start -- --fresh           forget the local data and load the demo again
 *   npm run reset                  the same, without serving (and without taking a port)
 */
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildSiteIfChanged } from '../local/build-site.js';
import { demoUsers } from '../local/demo-users.js';
import { PortInUseError, startFinder } from '../local/finder-server.js';
import { prepareLocalData } from '../local/local-data.js';
import { DataInUseError } from '../local/embedded-dynamodb.js';

const root = fileURLToPath(new URL('..', import.meta.url));

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    'auth-port': { type: 'string', default: process.env.AUTH_PORT },
    host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
    'data-dir': { type: 'string', default: process.env.FINDER_DATA_DIR ?? `${root}.local/dynamodb` },
    fresh: { type: 'boolean', default: false },
    'no-serve': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(`Usage: npm start -- [--port 3000] [--auth-port 3001] [--host 127.0.0.1] [--data-dir .local/dynamodb] [--fresh] [--no-build] [--no-serve]`);
  process.exit(0);
}

function portFrom(option: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    console.error(`${option} must be a whole number from 0 to 65535, not "${text}"`);
    process.exit(2);
  }
  return value;
}
const port = portFrom('--port', args.port);
const authPort = args['auth-port'] === undefined ? undefined : portFrom('--auth-port', args['auth-port']);

const log = (line: string) => console.log(line);
const dataDir = args['data-dir'] ?? `${root}.local/dynamodb`;

if (args.fresh) {
  await rm(dataDir, { recursive: true, force: true });
  log(`Removed the local data in ${dataDir}`);
}

if (args['no-serve']) {
  // Only the data: no port is bound, so a finder running on another folder is no obstacle.
  try {
    await prepareLocalData({ dataPath: dataDir, log });
    log('Local data is ready.');
  } catch (error) {
    if (!(error instanceof DataInUseError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
} else {
  await serve();
}

/** Builds the site if it changed and serves the finder until Ctrl-C. */
async function serve(): Promise<void> {
  if (!args['no-build']) {
    await buildSiteIfChanged(`${root}site`, [`${root}functions/contract`], log);
  }
  try {
    const finder = await startFinder({
      port,
      host: args.host,
      dataPath: dataDir,
      siteDir: `${root}site/dist`,
      ...(authPort === undefined ? {} : { authPort }),
      // Readiness reminders as the schedule sends them on AWS: daily at 07:00, and soon after start.
      readinessTimer: {},
      log,
    });
    log(`\nThe naloxone finder is running at ${finder.url}\n  API example: ${finder.url}/api/outlets?postcode=M15%204AB&limit=5`);
    log(signInHelp(finder.url, finder.signIn.issuer));
    log('Press Ctrl-C to stop.');
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
  } catch (error) {
    if (error instanceof PortInUseError || error instanceof DataInUseError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** How a developer signs in locally: the portal, the demo accounts, where the codes arrive. */
function signInHelp(url: string, issuer: string): string {
  const width = Math.max(...demoUsers.map((user) => user.email.length));
  const accounts = demoUsers.map((user) => {
    const what = [...user.groups, ...user.outlets, ...user.areas.map((area) => `${area.name} ${area.code}`)].join(', ');
    return `    ${user.user.padEnd(6)} ${user.email.padEnd(width)}  ${what}`;
  });
  return [
    '',
    `Portal: ${url}/portal/  (sign-in service: ${issuer})`,
    '  Demo accounts:',
    ...accounts,
    `  One-time codes arrive in the local outbox: ${url}/_local/outbox`,
    `  A token for the API: npm run -s token -- --user asha${url === 'http://127.0.0.1:3000' ? '' : ` --url ${url}`}`,
    '',
    'Readiness reminders run daily at 07:00 and 10 seconds after start; their links arrive in the outbox.',
    `  Run them as if on another day: npm run jobs:readiness -- --now 2027-03-01T09:00${url === 'http://127.0.0.1:3000' ? '' : ` --url ${url}`}`,
    '',
  ].join('\n');
}
