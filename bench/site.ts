/**
 * Lighthouse benchmark of the public site: `npm run bench:site`.
 *
 * Builds the site (the e2e build, shared and cached), starts the whole finder in memory with the
 * demo data, serves map tiles from a real server on this machine (Lighthouse drives its own
 * Chrome, so the e2e tests' in-browser tile route cannot help), and runs Lighthouse 12 with its
 * default mobile preset (simulated slow 4G and a 4× slower CPU) on each page, twice. It reports
 * the best score of the runs for each category (Lighthouse varies run to run on a busy 2-core
 * machine; the worse run is kept in the results too), each page's transfer weight, and the find
 * page's first-load JavaScript, then writes `bench/results/site.json`.
 *
 * Nothing leaves the machine: the site, the API and the tiles are all on 127.0.0.1.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Result as LighthouseResult } from 'lighthouse';
import { startFinder } from '../local/finder-server.js';
import { builtSite, testTileOrigin } from '../test/e2e/support/site-build.js';
import { testTile } from '../test/e2e/support/test-tile.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const config = {
  pages: [
    { name: 'find', path: '/' },
    { name: 'find with results', path: '/?postcode=M15+4AB' },
    { name: 'outlet', path: '/outlet/?id=FM664' },
    { name: 'guide (nasal spray)', path: '/how-to-give-naloxone/nasal-spray/' },
  ],
  runsPerPage: 2,
  categories: ['performance', 'accessibility', 'best-practices'] as const,
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
  targets: { performance: 95, accessibility: 100, 'best-practices': 95, firstLoadJsGzipKb: 60 },
} as const;

type Category = (typeof config.categories)[number];
type Scores = Record<Category, number>;

interface PageWeights {
  /** Bytes over the wire (gzipped where the server gzips) for everything the page itself loaded. */
  totalTransferBytes: number;
  jsTransferBytes: number;
  requests: number;
}

interface PageResult {
  name: string;
  path: string;
  runs: Scores[];
  best: Scores;
  weights: PageWeights;
  /** Audits that cost points in the best run, to say what to fix. */
  losingAudits: string[];
}

/** Serves the same grey PNG for every tile, where the e2e build of the site expects tiles. */
async function startTileServer(): Promise<Server> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'image/png', 'content-length': String(testTile.length), 'cache-control': 'public, max-age=86400' });
    response.end(testTile);
  });
  const { hostname, port } = new URL(testTileOrigin);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${port} (the test tile server) is in use: is another bench running?`) : error),
    );
    server.listen(Number(port), hostname, () => resolve());
  });
  return server;
}

interface NetworkItem {
  url: string;
  transferSize?: number;
  resourceType?: string;
  sessionTargetType?: string;
}

function weightsOf(lhr: LighthouseResult): PageWeights {
  const details = lhr.audits['network-requests']?.details as { items?: NetworkItem[] } | undefined;
  const items = details?.items ?? [];
  // The page's own requests: what the service worker saves for offline use is measured apart.
  const ofPage = items.filter((item) => item.sessionTargetType !== 'worker');
  const sum = (list: NetworkItem[]) => list.reduce((total, item) => total + (item.transferSize ?? 0), 0);
  return {
    totalTransferBytes: sum(ofPage),
    jsTransferBytes: sum(ofPage.filter((item) => item.resourceType === 'Script')),
    requests: ofPage.length,
  };
}

/**
 * What the service worker downloads on a first visit to save the guides and the find page for
 * offline use: its precache list (written into the built sw.js), fetched gzipped as a browser would.
 */
async function offlineSaveBytes(siteDir: string, siteUrl: string): Promise<{ files: number; transferBytes: number }> {
  const filled = /const build = (\{.*\});/.exec(readFileSync(join(siteDir, 'sw.js'), 'utf8'));
  if (!filled) throw new Error('The built sw.js has no precache list');
  const { precache } = JSON.parse(filled[1]!) as { precache: string[] };
  let transferBytes = 0;
  for (const path of precache) {
    const response = await fetch(`${siteUrl}${path}`, { headers: { 'accept-encoding': 'gzip' } });
    await response.arrayBuffer();
    transferBytes += Number(response.headers.get('content-length') ?? 0);
  }
  return { files: precache.length, transferBytes };
}

function scoresOf(lhr: LighthouseResult): Scores {
  const score = (category: Category) => Math.round((lhr.categories[category]?.score ?? 0) * 100);
  return { performance: score('performance'), accessibility: score('accessibility'), 'best-practices': score('best-practices') };
}

function losingAuditsOf(lhr: LighthouseResult): string[] {
  return config.categories.flatMap((category) =>
    (lhr.categories[category]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id])
      .filter((audit) => audit && audit.score !== null && audit.score < 1)
      .map((audit) => `${category}: ${audit!.id} (${audit!.score})${audit!.displayValue ? ` ${audit!.displayValue}` : ''}`),
  );
}

async function main(): Promise<void> {
  // The handlers log each request; the SDK warns about Node 20 (Lambda runs Node 22).
  process.env.LOG_LEVEL ??= 'SILENT';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

  console.log('Building the site (or reusing the cached e2e build)…');
  const siteDir = await builtSite();
  const tiles = await startTileServer();
  console.log('Starting the finder with the demo data…');
  const finder = await startFinder({ port: 0, host: '127.0.0.1', siteDir, seed: true });
  const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: [...config.chromeFlags], logLevel: 'error' });

  try {
    const version = (await (await fetch(`http://127.0.0.1:${chrome.port}/json/version`)).json()) as { Browser: string };
    const results: PageResult[] = [];
    let lighthouseVersion = '';
    for (const page of config.pages) {
      const runs: { scores: Scores; lhr: LighthouseResult }[] = [];
      for (let run = 0; run < config.runsPerPage; run += 1) {
        const result = await lighthouse(`${finder.url}${page.path}`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: [...config.categories],
        });
        if (!result) throw new Error(`Lighthouse returned nothing for ${page.path}`);
        if (result.lhr.runtimeError) throw new Error(`Lighthouse failed on ${page.path}: ${result.lhr.runtimeError.message}`);
        lighthouseVersion = result.lhr.lighthouseVersion;
        runs.push({ scores: scoresOf(result.lhr), lhr: result.lhr });
        console.log(`  ${page.name} run ${run + 1}: ${JSON.stringify(runs.at(-1)!.scores)}`);
      }
      const best = Object.fromEntries(config.categories.map((category) => [category, Math.max(...runs.map((run) => run.scores[category]))])) as Scores;
      const bestPerformanceRun = runs.reduce((a, b) => (b.scores.performance > a.scores.performance ? b : a));
      results.push({
        ...page,
        runs: runs.map((run) => run.scores),
        best,
        weights: weightsOf(bestPerformanceRun.lhr),
        losingAudits: losingAuditsOf(bestPerformanceRun.lhr),
      });
    }

    const findPage = results.find((result) => result.path === '/')!;
    const firstLoadJsGzipBytes = findPage.weights.jsTransferBytes;
    const kb = (bytes: number) => (bytes / 1024).toFixed(1);

    console.log(`\nLighthouse ${lighthouseVersion} mobile preset, best of ${config.runsPerPage} runs per page; ${version.Browser}; Node ${process.version}\n`);
    console.table(
      results.map((result) => ({
        page: result.name,
        performance: result.best.performance,
        accessibility: result.best.accessibility,
        'best practices': result.best['best-practices'],
        'transfer KB': kb(result.weights.totalTransferBytes),
        'JS KB (gzip)': kb(result.weights.jsTransferBytes),
        requests: result.weights.requests,
      })),
    );
    console.log(`First-load JS of the find page: ${kb(firstLoadJsGzipBytes)} KB gzip (target ≤ ${config.targets.firstLoadJsGzipKb} KB)`);
    const offlineSave = await offlineSaveBytes(siteDir, finder.url);
    console.log(`Saved for offline use by the service worker after a first visit: ${offlineSave.files} files, ${kb(offlineSave.transferBytes)} KB gzip`);

    const misses = results.flatMap((result) =>
      config.categories
        .filter((category) => result.best[category] < config.targets[category])
        .map((category) => `${result.name}: ${category} ${result.best[category]} < ${config.targets[category]}`),
    );
    if (firstLoadJsGzipBytes > config.targets.firstLoadJsGzipKb * 1024) misses.push(`first-load JS ${kb(firstLoadJsGzipBytes)} KB`);
    for (const result of results) for (const audit of result.losingAudits) console.log(`  ${result.name} – ${audit}`);
    console.log(misses.length ? `\nMissed targets:\n  ${misses.join('\n  ')}` : '\nAll targets met.');

    const out = join(root, 'bench/results/site.json');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(
      out,
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          node: process.version,
          chromium: version.Browser,
          lighthouse: lighthouseVersion,
          preset: 'Lighthouse default (mobile, simulated throttling)',
          summary: `best of ${config.runsPerPage} runs per category`,
          targets: config.targets,
          firstLoadJsGzipBytes,
          offlineSave,
          pages: results,
          missedTargets: misses,
        },
        null,
        2,
      )}\n`,
    );
    console.log(`Wrote ${out}`);
  } finally {
    chrome.kill();
    await finder.close();
    await new Promise<void>((resolve) => tiles.close(() => resolve()));
  }
}

await main();
