/**
 * Builds the Astro site for the local finder, skipping the build when nothing it depends on has
 * changed since the last one (sources, the contract, or the PUBLIC_ settings baked into it).
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Newest modification time of any file below `path` (0 if it does not exist). */
async function newestChange(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isDirectory()) return info.mtimeMs;
    const entries = await readdir(path);
    const times = await Promise.all(entries.filter((entry) => entry !== 'node_modules').map((entry) => newestChange(join(path, entry))));
    return Math.max(info.mtimeMs, ...times);
  } catch {
    return 0;
  }
}

/** The PUBLIC_ settings, which Astro bakes into the built pages. */
function publicSettings(): string {
  return JSON.stringify(
    Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('PUBLIC_')).sort()),
  );
}

/**
 * Builds `siteRoot` into `siteRoot/dist` unless the last build by this function is still current.
 * Its stamp lives outside `dist` (nothing in `dist` is deployed that the site does not need) and
 * records the built index page's time, so a build by other means (`npm run build:site`) is noticed.
 * Returns whether it built.
 */
export async function buildSiteIfChanged(siteRoot: string, dependsOn: string[], log: (line: string) => void): Promise<boolean> {
  const stampPath = join(siteRoot, '.astro', 'finder-build-stamp.json');
  const indexPath = join(siteRoot, 'dist', 'index.html');
  const settings = publicSettings();
  const inputs = ['src', 'public', 'integrations', 'astro.config.mjs'].map((part) => join(siteRoot, part)).concat(dependsOn);
  const sourcesChanged = Math.max(...(await Promise.all(inputs.map(newestChange))));
  try {
    const stamp = JSON.parse(await readFile(stampPath, 'utf8')) as { builtAt: number; settings: string; indexTime: number };
    const indexTime = await newestChange(indexPath);
    if (stamp.settings === settings && stamp.builtAt >= sourcesChanged && indexTime > 0 && stamp.indexTime === indexTime) return false;
  } catch {
    // No stamp yet: build.
  }
  log('Building the site…');
  const builtAt = Date.now();
  // The finder sends nothing anywhere, and neither does its build.
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  const { build } = await import('astro');
  await build({ root: siteRoot, logLevel: 'warn' });
  await mkdir(dirname(stampPath), { recursive: true });
  await writeFile(stampPath, JSON.stringify({ builtAt, settings, indexTime: await newestChange(indexPath) }));
  return true;
}
