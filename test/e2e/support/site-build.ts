/**
 * Builds the site once for the whole e2e run. Vitest runs test files in separate processes, so
 * "once" is kept with a lock directory and a build folder named after a hash of everything the
 * build reads: a rerun with unchanged sources reuses it, a change rebuilds.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '');
const siteRoot = join(repoRoot, 'site');

/**
 * Map tiles in the e2e build point here. Nothing listens on this port: every tile request is
 * answered inside the browser by `serveTestTiles` (see browser.ts), so tests never reach the
 * internet, and a tile request that escaped the route would fail locally rather than leak.
 */
export const testTileOrigin = 'http://127.0.0.1:58213';
/** The tile URL template the e2e build is made with; the finder's CSP header must allow it too. */
export const testTileUrl = `${testTileOrigin}/{z}/{x}/{y}.png`;
const buildEnv = {
  PUBLIC_TILE_URL: testTileUrl,
  PUBLIC_API_URL: '',
};

function filesUnder(dir: string, skip: ReadonlySet<string>): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (skip.has(entry.name)) return [];
    return entry.isDirectory() ? filesUnder(path, skip) : [path];
  });
}

function sourceHash(): string {
  const hash = createHash('sha256');
  const inputs = [
    ...filesUnder(siteRoot, new Set(['dist', '.astro', 'node_modules'])),
    ...filesUnder(join(repoRoot, 'functions/contract'), new Set()),
    join(repoRoot, 'package-lock.json'),
  ].sort();
  for (const file of inputs) hash.update(relative(repoRoot, file)).update(readFileSync(file).toString('base64'));
  hash.update(JSON.stringify(buildEnv));
  return hash.digest('hex').slice(0, 16);
}

function runAstroBuild(outDir: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      [join(repoRoot, 'node_modules/astro/astro.js'), 'build', '--root', siteRoot, '--outDir', outDir],
      {
        cwd: repoRoot,
        // No telemetry: the e2e run must make no request beyond this machine.
        env: { ...process.env, ...buildEnv, ASTRO_TELEMETRY_DISABLED: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`astro build failed (${code}):\n${output.slice(-4000)}`))));
  });
}

let built: Promise<string> | undefined;

/** The folder of the built site, building it if no process has done so for these sources. */
export function builtSite(): Promise<string> {
  built ??= buildOnce();
  return built;
}

async function buildOnce(): Promise<string> {
  const cacheRoot = join(tmpdir(), 'naloxone-finder-e2e-site');
  mkdirSync(cacheRoot, { recursive: true });
  const outDir = join(cacheRoot, sourceHash());
  const doneMarker = join(outDir, '.e2e-complete');
  const lock = `${outDir}.lock`;
  const deadline = Date.now() + 180_000;

  while (!existsSync(doneMarker)) {
    try {
      mkdirSync(lock);
    } catch {
      // Another process is building. A lock older than 3 minutes belongs to a dead run.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the site build in ${outDir}`);
      await sleep(250);
      continue;
    }
    try {
      if (existsSync(doneMarker)) break;
      const staging = `${outDir}.building`;
      rmSync(staging, { recursive: true, force: true });
      try {
        await runAstroBuild(staging);
      } catch {
        // Astro 5 occasionally fails a cold first build while it generates `.astro/`; once more.
        rmSync(staging, { recursive: true, force: true });
        await runAstroBuild(staging);
      }
      rmSync(outDir, { recursive: true, force: true });
      renameSync(staging, outDir);
      writeFileSync(doneMarker, new Date().toISOString());
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return outDir;
}
