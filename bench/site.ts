/**
 * Lighthouse benchmark of the site: `npm run bench:site`.
 *
 * Builds the site (the e2e build, shared and cached), starts the whole finder in memory with the
 * demo data and its local sign-in service, serves map tiles from a real server on this machine
 * (Lighthouse drives its own Chrome, so the e2e tests' in-browser tile route cannot help), and runs
 * Lighthouse 12 with its default mobile preset (simulated slow 4G and a 4× slower CPU) on each
 * page, twice:
 * - the public pages, and the outlet portal's signed-out first screen, as plain navigations;
 * - the portal's signed-in pages in a tab signed in as a demo user (see `portal-flows.ts`).
 * It reports the best score of the runs for each category (Lighthouse varies run to run on a busy
 * 2-core machine; the worse run is kept in the results too), each page's transfer weight and the
 * JavaScript it loaded, checks the public and the portal targets, and writes
 * `bench/results/site.json`.
 *
 * Nothing leaves the machine: the site, the API, the sign-in service and the tiles are all local.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Result as LighthouseResult } from 'lighthouse';
import { findDemoUser } from '../local/demo-users.js';
import { startFinder } from '../local/finder-server.js';
import { builtSite, testTileOrigin, testTileUrl } from '../test/e2e/support/site-build.js';
import { testTile } from '../test/e2e/support/test-tile.js';
import { type Category, type PageWeights, type Scores, bestOf, categories, losingAuditsOf, scoresOf, weightsOf } from './lighthouse-results.js';
import { signedInRuns } from './portal-flows.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const portalUser = findDemoUser('asha');
if (!portalUser) throw new Error('The demo user asha is missing (local/demo-users.ts)');
const listing = portalUser.outlets[0]!;

type Kind = 'public' | 'portal';
interface BenchPage {
  name: string;
  path: string;
  kind: Kind;
}

const config = {
  pages: [
    { name: 'find', path: '/', kind: 'public' },
    { name: 'find with results', path: '/?postcode=M15+4AB', kind: 'public' },
    { name: 'outlet', path: '/outlet/?id=FM664', kind: 'public' },
    { name: 'guide (nasal spray)', path: '/how-to-give-naloxone/nasal-spray/', kind: 'public' },
    { name: 'embed', path: '/embed/', kind: 'public' },
    { name: 'area poster', path: '/poster/area/E08000009/', kind: 'public' },
    { name: 'portal: signed out', path: '/portal/', kind: 'portal' },
  ] satisfies BenchPage[],
  signedInPages: [
    { name: 'portal: your listings', path: '/portal/', kind: 'portal' },
    { name: 'portal: listing', path: `/portal/outlet/?id=${listing}`, kind: 'portal' },
    { name: 'portal: edit', path: `/portal/outlet/edit/?id=${listing}`, kind: 'portal' },
    { name: 'portal: kits', path: `/portal/outlet/kits/?id=${listing}`, kind: 'portal' },
    { name: 'portal: batches', path: `/portal/outlet/batches/?id=${listing}`, kind: 'portal' },
    { name: 'portal: history', path: `/portal/outlet/history/?id=${listing}`, kind: 'portal' },
    { name: 'portal: reports', path: `/portal/outlet/reports/?id=${listing}`, kind: 'portal' },
  ] satisfies BenchPage[],
  runsPerPage: 2,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  targets: {
    public: { performance: 95, accessibility: 100, 'best-practices': 95, firstLoadJsGzipKb: 60 },
    portal: { performance: 90, accessibility: 100, 'best-practices': 95, firstLoadJsGzipKb: 80 },
  },
} as const;

interface PageResult extends BenchPage {
  /** How the page was opened: the portal's signed-in pages in a signed-in tab. */
  session: 'none' | 'signed out' | 'signed in';
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

/** A page's result from its runs: the best of each category, weights and lost points from the best performance run. */
function resultOf(page: BenchPage, session: PageResult['session'], lhrs: LighthouseResult[]): PageResult {
  const runs = lhrs.map((lhr) => ({ scores: scoresOf(lhr), lhr }));
  const bestPerformanceRun = runs.reduce((a, b) => (b.scores.performance > a.scores.performance ? b : a));
  for (const lhr of lhrs) if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${page.path}: ${lhr.runtimeError.message}`);
  return {
    ...page,
    session,
    runs: runs.map((run) => run.scores),
    best: bestOf(runs.map((run) => run.scores)),
    weights: weightsOf(bestPerformanceRun.lhr),
    losingAudits: losingAuditsOf(bestPerformanceRun.lhr),
  };
}

async function main(): Promise<void> {
  // The handlers log each request; the SDK warns about Node 20 (Lambda runs Node 22).
  process.env.LOG_LEVEL ??= 'SILENT';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

  console.log('Building the site (or reusing the cached e2e build)…');
  const siteDir = await builtSite();
  const tiles = await startTileServer();
  console.log('Starting the finder with the demo data and its sign-in service…');
  const finder = await startFinder({ port: 0, host: '127.0.0.1', siteDir, seed: true, tileUrl: testTileUrl });
  const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: [...config.chromeFlags], logLevel: 'error' });

  try {
    const version = (await (await fetch(`http://127.0.0.1:${chrome.port}/json/version`)).json()) as { Browser: string };
    const results: PageResult[] = [];
    let lighthouseVersion = '';
    for (const page of config.pages) {
      const lhrs: LighthouseResult[] = [];
      for (let run = 0; run < config.runsPerPage; run += 1) {
        const result = await lighthouse(`${finder.url}${page.path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...categories] });
        if (!result) throw new Error(`Lighthouse returned nothing for ${page.path}`);
        lhrs.push(result.lhr);
        lighthouseVersion = result.lhr.lighthouseVersion;
        console.log(`  ${page.name} run ${run + 1}: ${JSON.stringify(scoresOf(result.lhr))}`);
      }
      results.push(resultOf(page, page.kind === 'portal' ? 'signed out' : 'none', lhrs));
    }

    const signedIn: LighthouseResult[][] = config.signedInPages.map(() => []);
    for (let run = 0; run < config.runsPerPage; run += 1) {
      const lhrs = await signedInRuns(chrome.port, finder.url, portalUser!.email, config.signedInPages.map((page) => page.path));
      lhrs.forEach((lhr, index) => {
        signedIn[index]!.push(lhr);
        console.log(`  ${config.signedInPages[index]!.name} run ${run + 1}: ${JSON.stringify(scoresOf(lhr))}`);
      });
    }
    config.signedInPages.forEach((page, index) => results.push(resultOf(page, 'signed in', signedIn[index]!)));

    const kb = (bytes: number) => (bytes / 1024).toFixed(1);
    const findPage = results.find((result) => result.path === '/')!;
    const firstLoadJsGzipBytes = findPage.weights.jsTransferBytes;
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
    console.log(`First-load JS of the find page: ${kb(firstLoadJsGzipBytes)} KB gzip (target ≤ ${config.targets.public.firstLoadJsGzipKb} KB)`);
    const portalJs = results.filter((result) => result.kind === 'portal').map((result) => ({ name: result.name, jsTransferBytes: result.weights.jsTransferBytes }));
    console.log(`Largest JS of a portal page: ${kb(Math.max(...portalJs.map((page) => page.jsTransferBytes)))} KB gzip (target ≤ ${config.targets.portal.firstLoadJsGzipKb} KB per page)`);
    const offlineSave = await offlineSaveBytes(siteDir, finder.url);
    console.log(`Saved for offline use by the service worker after a first visit: ${offlineSave.files} files, ${kb(offlineSave.transferBytes)} KB gzip`);

    const misses = results.flatMap((result) => {
      const targets = config.targets[result.kind];
      const missed = categories
        .filter((category: Category) => result.best[category] < targets[category])
        .map((category) => `${result.name}: ${category} ${result.best[category]} < ${targets[category]}`);
      if (result.kind === 'portal' && result.weights.jsTransferBytes > targets.firstLoadJsGzipKb * 1024) missed.push(`${result.name}: JS ${kb(result.weights.jsTransferBytes)} KB`);
      return missed;
    });
    if (firstLoadJsGzipBytes > config.targets.public.firstLoadJsGzipKb * 1024) misses.push(`find page first-load JS ${kb(firstLoadJsGzipBytes)} KB`);
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
          portalSession: `signed-in portal pages: a Lighthouse user flow in a tab signed in as ${portalUser!.email} through the local sign-in service's pages, the session in sessionStorage (disableStorageReset)`,
          targets: config.targets.public,
          portalTargets: config.targets.portal,
          firstLoadJsGzipBytes,
          portalJsGzipBytes: portalJs,
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
