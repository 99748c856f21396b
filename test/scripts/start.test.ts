/**
 * `npm start` as a person runs it: a real process, data kept between starts, a clear message when
 * the port is taken, and a clean stop on Ctrl-C.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDynamoDb } from '../../local/embedded-dynamodb.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
let dataDir: string;

/** Runs `scripts/start.ts` with tsx; resolves when it exits, or when `until` matches its output. */
function start(args: string[], until?: RegExp): Promise<{ code: number | null; output: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/start.ts'), ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'WARN' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (until?.test(output)) resolve({ code: null, output, child });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => resolve({ code, output, child }));
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'finder-start-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('loads the demo data on the first start only, and keeps it between starts', async () => {
    const first = await start(['--no-serve', '--port', '0', '--data-dir', dataDir]);
    const second = await start(['--no-serve', '--port', '0', '--data-dir', dataDir]);

    expect(first.code).toBe(0);
    expect(first.output).toMatch(/Loaded 631 outlets, 11264 postcodes/);
    expect(second.code).toBe(0);
    expect(second.output).not.toMatch(/Loaded/);
    expect(second.output).toMatch(/Local data is ready/);
  });

  it('loads the demo again after --fresh', async () => {
    const fresh = await start(['--no-serve', '--fresh', '--port', '0', '--data-dir', dataDir]);

    expect(fresh.code).toBe(0);
    expect(fresh.output).toMatch(/Loaded 631 outlets/);
  });

  it('prepares the data while the finder’s and the sign-in service’s ports are taken (npm run reset, --no-serve)', async () => {
    // Prepare: both ports a finder would take, held by something else
    const blockers = [createServer(), createServer()];
    await Promise.all(blockers.map((blocker) => new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))));
    const [port, authPort] = blockers.map((blocker) => String((blocker.address() as { port: number }).port)) as [string, string];

    // Act: as `npm run reset` runs it, then `npm start -- --no-serve`
    const reset = await start(['--fresh', '--no-serve', '--port', port, '--auth-port', authPort, '--data-dir', dataDir]);
    const noServe = await start(['--no-serve', '--port', port, '--auth-port', authPort, '--data-dir', dataDir]);
    for (const blocker of blockers) blocker.close();

    // Assess
    expect([reset.code, reset.output]).toEqual([0, expect.stringMatching(/Loaded 631 outlets[\s\S]*Local data is ready/)]);
    expect([noServe.code, noServe.output]).toEqual([0, expect.stringContaining('Local data is ready')]);
    expect(noServe.output).not.toContain('already in use');
  });

  it('says clearly when another process has the data folder open, as a running finder does', async () => {
    // Prepare
    const heldDir = await mkdtemp(join(tmpdir(), 'finder-held-'));
    const holder = await startEmbeddedDynamoDb({ path: heldDir });

    // Act
    const run = await start(['--no-serve', '--data-dir', heldDir]);
    await holder.close();
    await rm(heldDir, { recursive: true, force: true });

    // Assess
    expect(run.code).toBe(1);
    expect(run.output).toContain(`The local data in ${heldDir} is in use by another process: is the finder running?`);
  });

  it('says clearly when the port is taken', async () => {
    // Prepare
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;

    // Act
    const run = await start(['--no-build', '--port', String(port), '--data-dir', dataDir]);
    blocker.close();

    // Assess
    expect(run.code).toBe(1);
    expect(run.output).toContain(`Port ${port} is already in use`);
  });

  it('says clearly when the sign-in service’s port is taken', async () => {
    // Prepare
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const authPort = (blocker.address() as { port: number }).port;

    // Act
    const run = await start(['--no-build', '--port', '0', '--auth-port', String(authPort), '--data-dir', dataDir]);
    blocker.close();

    // Assess
    expect(run.code).toBe(1);
    expect(run.output).toContain(`Port ${authPort} is already in use. Stop whatever is using it, or choose another: npm start -- --auth-port`);
  });

  it('serves the API and stops cleanly on Ctrl-C', async () => {
    // Act
    const running = await start(['--no-build', '--port', '0', '--data-dir', dataDir], /Press Ctrl-C to stop/);
    const url = /running at (http:\S+)/.exec(running.output)?.[1];
    const response = await fetch(`${url}/api/outlets?lat=53.4808&lng=-2.2426&limit=5`);
    const body = (await response.json()) as { results: unknown[] };
    const exited = new Promise<number | null>((resolve) => running.child.on('exit', resolve));
    running.child.kill('SIGINT');

    // Assess
    expect(response.status).toBe(200);
    expect(body.results).toHaveLength(5);
    expect(await exited).toBe(0);
    expect(running.output).toContain(`Portal: ${url}/portal/`);
    expect(running.output).toMatch(/asha\s+asha\.patel@example\.org\s+outlet_staff, FD532, FEX27/);
    expect(running.output).toContain(`One-time codes arrive in the local outbox: ${url}/_local/outbox`);
  });
});
