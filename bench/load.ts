/**
 * Load benchmark of the local finder: `npm run bench:load`.
 *
 * Starts the whole finder (embedded DynamoDB with the demo data, the real Lambda handlers, the
 * built site) in a child process on a loopback port, then drives it with autocannon from this
 * process, one target at a time, at 20 and then 50 connections for 20 s each (after a 3 s warm-up
 * per target):
 * - search: `GET /api/outlets` near Manchester city centre (k = 10, 25 km): the finder's main work;
 * - outlet: `GET /api/outlets/{id}`: what the outlet page loads;
 * - static: the outlet page's HTML from the built site: the ceiling, the cheapest answer there is.
 * It records requests per second, latency p50/p99, errors (connection errors, timeouts and any
 * status but 200; there must be none) and the ratio of search to static throughput, and writes
 * `bench/results/load.json`. It exits 1 if any request failed.
 *
 *   npm run bench:load -- --duration 5     shorter runs, for a quick look
 *
 * The functions log at WARN here, not INFO: a log line per request to a pipe would measure the
 * pipe. On Lambda each request has a function instance of its own; here one Node process serves
 * every connection, so these figures are the local server's, not the deployed API's.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { builtSite } from '../test/e2e/support/site-build.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({ options: { duration: { type: 'string', default: '20' } } });
const config = {
  connections: [20, 50],
  durationSeconds: Number(args.duration),
  warmUpSeconds: 3,
  targets: {
    search: '/api/outlets?lat=53.4808&lng=-2.2426&limit=10',
    outlet: '/api/outlets/FEJ12',
    static: '/outlet/',
  },
} as const;
type Target = keyof typeof config.targets;

interface Run {
  connections: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  requests: number;
  errors: number;
  non2xx: number;
  timeouts: number;
}

/** Starts the finder in its own process; resolves with its URL and a way to stop it. */
async function startServer(siteDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'bench/load-server.ts'), siteDir], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'WARN' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = /^\{"url":.*\}$/m.exec(output)?.[0];
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.on('exit', (code) => reject(new Error(`The finder exited with ${code} before it was ready`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function load(url: string, connections: number, durationSeconds: number): Promise<Run> {
  const result = await autocannon({ url, connections, duration: durationSeconds, timeout: 10 });
  return {
    connections,
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
  };
}

async function main(): Promise<void> {
  console.log('Building the site (or reusing the cached e2e build)…');
  const siteDir = await builtSite();
  const server = await startServer(siteDir);
  console.log(`Finder under load at ${server.url}`);
  const runs: Record<Target, Run[]> = { search: [], outlet: [], static: [] };
  try {
    for (const [target, path] of Object.entries(config.targets) as [Target, string][]) {
      const check = await fetch(`${server.url}${path}`);
      if (check.status !== 200) throw new Error(`${target} (${path}) answers ${check.status}, not 200`);
      await load(`${server.url}${path}`, config.connections[0], config.warmUpSeconds);
      for (const connections of config.connections) {
        const run = await load(`${server.url}${path}`, connections, config.durationSeconds);
        runs[target].push(run);
        console.log(
          `${target.padEnd(7)} ${String(connections).padStart(3)} connections: ${String(run.requestsPerSecond).padStart(6)} req/s, ` +
            `p50 ${run.latencyMs.p50} ms, p99 ${run.latencyMs.p99} ms, errors ${run.errors + run.non2xx + run.timeouts}`,
        );
      }
    }
  } finally {
    await server.stop();
  }

  const searchToStatic = Object.fromEntries(
    config.connections.map((connections, index) => [
      connections,
      Number(((runs.search[index]?.requestsPerSecond ?? 0) / (runs.static[index]?.requestsPerSecond || 1)).toFixed(3)),
    ]),
  );
  const failed = Object.values(runs).flat().reduce((sum, run) => sum + run.errors + run.non2xx + run.timeouts, 0);
  console.log(`search / static throughput: ${Object.entries(searchToStatic).map(([c, ratio]) => `${ratio} at ${c} connections`).join(', ')}`);
  console.log(`failed requests: ${failed}`);

  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    config,
    runs,
    searchToStatic,
    failedRequests: failed,
  };
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/load.json'), `${JSON.stringify(report, null, 2)}\n`);
  if (failed > 0) process.exitCode = 1;
}

await main();
