/**
 * Weights of the embeddable finder and the posters: `npm run bench:embed`.
 *
 * Starts the whole finder in memory with the demo data on the e2e build of the site (shared and
 * cached) and opens each page in Debian's Chromium (no throttling: this measures bytes, not time),
 * counting what crossed the wire gzipped, as the local server and CloudFront send it:
 * - the embed page (`/embed/`) on first load, and after a first search (which loads the find
 *   page's script and the API's response checks), against its target of 25 KB of JavaScript;
 * - the find page on first load, for comparison;
 * - an area poster and an outlet poster;
 * and the size of the built area posters. Writes `bench/results/embed.json`.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startFinder } from '../local/finder-server.js';
import { launchBrowser, newGuardedContext } from '../test/e2e/support/browser.js';
import { builtSite, testTileUrl } from '../test/e2e/support/site-build.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const embedJsTargetBytes = 25 * 1024;

interface Weights {
  jsBytes: number;
  totalBytes: number;
  requests: number;
}

/** Counts every response's transferred body from now until `done` resolves. */
async function weigh(page: Page, done: () => Promise<unknown>): Promise<Weights> {
  const sizes: Promise<{ script: boolean; bytes: number }>[] = [];
  const onFinished = (request: import('playwright-core').Request) => {
    sizes.push(request.sizes().then((size) => ({ script: request.resourceType() === 'script', bytes: size.responseBodySize })));
  };
  page.on('requestfinished', onFinished);
  await done();
  await page.waitForLoadState('networkidle');
  page.off('requestfinished', onFinished);
  const all = await Promise.all(sizes);
  return {
    jsBytes: all.filter((size) => size.script).reduce((sum, size) => sum + size.bytes, 0),
    totalBytes: all.reduce((sum, size) => sum + size.bytes, 0),
    requests: all.length,
  };
}

function folderBytes(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= 'SILENT';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  console.log('Building the site (or reusing the cached e2e build)…');
  const siteDir = await builtSite();
  const finder = await startFinder({ port: 0, host: '127.0.0.1', siteDir, seed: true, tileUrl: testTileUrl, clientLimits: false });
  const browser = await launchBrowser();
  try {
    // A fresh context per page: nothing cached from the page before.
    const open = async (path: string, then?: (page: Page) => Promise<unknown>) => {
      const { context } = await newGuardedContext(browser, { viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      const first = await weigh(page, () => page.goto(`${finder.url}${path}`));
      const after = then ? await weigh(page, () => then(page)) : null;
      await context.close();
      return { first, after };
    };
    const embed = await open('/embed/', async (page) => {
      await page.getByLabel('Postcode').fill('M15 4AB');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.locator('[data-results-list] li').first().waitFor();
    });
    const find = await open('/');
    const areaPoster = await open('/poster/area/E08000009/');
    const outletPoster = await open('/poster/outlet/?id=FM664');
    const areaPosters = folderBytes(join(siteDir, 'poster', 'area'));

    const embedAfterSearchJs = embed.first.jsBytes + (embed.after?.jsBytes ?? 0);
    const kb = (bytes: number) => (bytes / 1024).toFixed(1);
    console.table([
      { page: 'embed: first load', 'JS KB (gzip)': kb(embed.first.jsBytes), 'transfer KB': kb(embed.first.totalBytes), requests: embed.first.requests },
      { page: 'embed: + first search', 'JS KB (gzip)': kb(embed.after?.jsBytes ?? 0), 'transfer KB': kb(embed.after?.totalBytes ?? 0), requests: embed.after?.requests },
      { page: 'find page: first load', 'JS KB (gzip)': kb(find.first.jsBytes), 'transfer KB': kb(find.first.totalBytes), requests: find.first.requests },
      { page: 'area poster', 'JS KB (gzip)': kb(areaPoster.first.jsBytes), 'transfer KB': kb(areaPoster.first.totalBytes), requests: areaPoster.first.requests },
      { page: 'outlet poster', 'JS KB (gzip)': kb(outletPoster.first.jsBytes), 'transfer KB': kb(outletPoster.first.totalBytes), requests: outletPoster.first.requests },
    ]);
    console.log(`Area posters built: ${areaPosters.files} pages, ${kb(areaPosters.bytes)} KB uncompressed in all`);
    // The target is for a person who searches: everything the page loads by then, not its first load alone.
    const meetsTarget = embedAfterSearchJs <= embedJsTargetBytes;
    console.log(
      `Embed JS ${kb(embedAfterSearchJs)} KB once a search has loaded the finder's script (target ≤ ${kb(embedJsTargetBytes)} KB: ` +
        `${meetsTarget ? 'met' : 'MISSED'}); ${kb(embed.first.jsBytes)} KB on first load`,
    );

    const results = {
      date: new Date().toISOString(),
      node: process.version,
      chromium: browser.version(),
      method: 'Chromium (playwright-core), no throttling, fresh context per page; bytes are response bodies as sent (gzip where the browser accepts it)',
      embedJsTargetBytes,
      embed: { firstLoad: embed.first, firstSearch: embed.after, jsAfterFirstSearchBytes: embedAfterSearchJs, meetsTarget },
      findPage: find.first,
      areaPoster: areaPoster.first,
      outletPoster: outletPoster.first,
      areaPosterPages: areaPosters,
    };
    mkdirSync(join(root, 'bench', 'results'), { recursive: true });
    writeFileSync(join(root, 'bench', 'results', 'embed.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log('Wrote bench/results/embed.json');
  } finally {
    await browser.close();
    await finder.close();
  }
}

await main();
