/**
 * `npm run jobs:readiness` as a developer runs it: a real process, through the running finder, or
 * on the local data when no finder is running, as if at the moment `--now` gives.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningFinder, startFinder } from '../../local/finder-server.js';
import { readOutboxFolder } from '../../local/outbox.js';
import { buildOutlet } from '../fixtures/outlets.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
let dataDir: string;
let finder: RunningFinder;

/** Runs `scripts/jobs-readiness.ts` with tsx. */
function jobs(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/jobs-readiness.ts'), ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'SILENT' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'finder-jobs-'));
  finder = await startFinder({ port: 0, dataPath: dataDir, siteDir: fileURLToPath(new URL('../fixtures/site/', import.meta.url)), seed: false });
  const { putOutlets } = await import('../../functions/data/outlets.js');
  // Day 75 of the first is 14 February 2027; of the second, 1 March 2027.
  await putOutlets([
    buildOutlet({ id: 'JR001', assuredAt: '2026-12-01T10:00:00.000Z', contactEmail: 'jr001@example.org' }),
    buildOutlet({ id: 'JR002', assuredAt: '2026-12-16T10:00:00.000Z', contactEmail: 'jr002@example.org' }),
  ]);
});

afterAll(async () => {
  await finder?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm run jobs:readiness', () => {
  it('has the running finder run the job as if at another time, its reminder in the finder’s outbox', async () => {
    // Act
    const run = await jobs(['--now', '2027-02-14T09:00', '--url', finder.url]);

    // Assess
    expect(run.code).toBe(0);
    expect(run.output).toContain('As of 2027-02-14T09:00:00.000Z: looked at 1 listing, 1 reminder sent, 0 escalated');
    expect(run.output).toContain('JR001: reminder 1 sent');
    expect(finder.outbox.list().map((message) => message.to)).toEqual(['jr001@example.org']);
  });

  it('runs on the local data when no finder is running, its links pointing at the finder’s address', async () => {
    // Prepare
    await finder.close();
    const port = await closedPort();

    // Act
    const run = await jobs(['--now', '2027-03-01', '--url', `http://127.0.0.1:${port}`, '--data-dir', dataDir]);

    // Assess
    expect(run.code).toBe(0);
    expect(run.output).toContain('JR001: reminder 2 sent');
    expect(run.output).toContain('JR002: reminder 1 sent');
    const kept = await readOutboxFolder(join(dataDir, 'local-outbox'));
    expect(kept.map((message) => message.to).sort()).toEqual(['jr001@example.org', 'jr001@example.org', 'jr002@example.org']);
    expect(kept.find((message) => message.to === 'jr002@example.org')?.text).toContain(`http://127.0.0.1:${port}/confirm/?t=`);
  });

  it('refuses a moment it cannot read, and asks for every setting AWS needs', async () => {
    // Act
    const badMoment = await jobs(['--now', 'next tuesday']);
    const noSecret = await jobs(['--table', 'finder-table', '--site-url', 'https://naloxone.example.org']);

    // Assess
    expect([badMoment.code, noSecret.code]).toEqual([2, 2]);
    expect(badMoment.output).toContain('"next tuesday" is not a moment like 2027-03-01T09:00.');
    expect(noSecret.output).toContain('Give the link keys’ secret with --link-secret');
  });
});
