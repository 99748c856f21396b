/**
 * Builds the Astro site for the local finder, skipping the build when nothing it depends on has
 * changed since the last one (sources, the contract, or the PUBLIC_ settings baked into it).
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

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

/** Builds `siteRoot` into `siteRoot/dist` unless the last build is still current. Returns whether it built. */
export async function buildSiteIfChanged(siteRoot: string, dependsOn: string[], log: (line: string) => void): Promise<boolean> {
  const stampPath = join(siteRoot, 'dist', '.build-stamp.json');
  const settings = publicSettings();
  const sourcesChanged = Math.max(...(await Promise.all([siteRoot, ...dependsOn].map((path) => newestChange(path === siteRoot ? join(siteRoot, 'src') : path)))));
  const configChanged = Math.max(await newestChange(join(siteRoot, 'astro.config.mjs')), await newestChange(join(siteRoot, 'public')));
  try {
    const stamp = JSON.parse(await readFile(stampPath, 'utf8')) as { builtAt: number; settings: string };
    if (stamp.settings === settings && stamp.builtAt >= Math.max(sourcesChanged, configChanged)) return false;
  } catch {
    // No stamp yet: build.
  }
  log('Building the site…');
  const builtAt = Date.now();
  // The finder sends nothing anywhere, and neither does its build.
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  const { build } = await import('astro');
  await build({ root: siteRoot, logLevel: 'warn' });
  await writeFile(stampPath, JSON.stringify({ builtAt, settings }));
  return true;
}
