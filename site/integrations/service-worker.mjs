/**
 * Finishes `public/sw.js` after `astro build`: writes in a version hashed from the built files
 * (so each build has its own cache and the service worker deletes the old ones) and the list of
 * pages to save on install, with the stylesheets, scripts and icons those pages load.
 *
 * The list is read from the built HTML rather than written by hand, so a renamed asset or a new
 * guide cannot be forgotten.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const placeholder = "const build = { version: 'dev', precache: [], apiPrefix: '', portalPrefix: '', embedPrefix: '' };";

/** Every file below `dir`, as site paths (`/how-to-give-naloxone/index.html`). */
async function sitePaths(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => `/${relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/')}`)
    .sort();
}

/** The page's own files: `<link href>` (stylesheets, icon, manifest) and `<script src>`. */
function assetsOfPage(html) {
  const found = [];
  for (const match of html.matchAll(/<(?:link[^>]*\shref|script[^>]*\ssrc)="(\/[^"]+)"/g)) found.push(match[1]);
  return found;
}

/** Static imports of a bundled script (`from"./chunk.js"`); `import("…")` is lazy, left out. */
function importsOfScript(path, code) {
  return [...code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.\.?\/[^"']+)["']/g)].map((match) => posix.join(posix.dirname(path), match[1]));
}

/**
 * @param {{ savePage: (path: string) => boolean, apiPrefix: string, portalPrefix: string, embedPrefix: string }} options
 *   `savePage` picks the pages (`/`, `/offline/`, …) saved for offline use; the worker never
 *   touches paths under `apiPrefix`, `portalPrefix` or `embedPrefix`.
 * @returns {import('astro').AstroIntegration}
 */
export function serviceWorker({ savePage, apiPrefix, portalPrefix, embedPrefix }) {
  if (!apiPrefix || !portalPrefix || !embedPrefix) throw new Error('The service worker needs the API, portal and embed prefixes');
  return {
    name: 'naloxone-service-worker',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const files = await sitePaths(root);
        const swFile = join(root, 'sw.js');

        const version = createHash('sha256');
        for (const path of files.filter((file) => file !== '/sw.js')) version.update(path).update(await readFile(join(root, path)));

        const pages = files
          .filter((path) => path.endsWith('/index.html'))
          .map((path) => path.slice(0, -'index.html'.length))
          .filter(savePage);
        const precache = new Set(pages);
        const queue = [];
        for (const page of pages) queue.push(...assetsOfPage(await readFile(join(root, page, 'index.html'), 'utf8')));
        while (queue.length) {
          const path = queue.shift();
          if (precache.has(path)) continue;
          if (!files.includes(path)) throw new Error(`The service worker would save ${path}, which the build does not have`);
          precache.add(path);
          if (path.endsWith('.js')) queue.push(...importsOfScript(path, await readFile(join(root, path), 'utf8')));
        }

        const source = await readFile(swFile, 'utf8');
        if (!source.includes(placeholder)) throw new Error(`public/sw.js must contain: ${placeholder}`);
        const filled = `const build = ${JSON.stringify({ version: version.digest('hex').slice(0, 12), precache: [...precache], apiPrefix, portalPrefix, embedPrefix })};`;
        await writeFile(swFile, source.replace(placeholder, filled));
        logger.info(`service worker saves ${pages.length} pages and ${precache.size - pages.length} files for offline use`);
      },
    },
  };
}
