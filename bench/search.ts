/**
 * Benchmark of the nearest-outlet search: `npm run bench:search`.
 *
 * Loads 20,000+ outlets spread like real ones into the embedded DynamoDB (in memory): the 631
 * Greater Manchester pharmacies, by their offsets from the GM centroid, shrunk by 0.5–0.8 and
 * copied around every current English local authority centroid, with a share of the copy's
 * outlets in proportion to the authority's population. That gives dense cities and empty gaps.
 * Then it runs 1,000 searches (k = 10, 25 km) from city centres, suburbs and remote places,
 * checks each against brute force, runs a full-Scan baseline on a subset, and writes
 * `bench/results/search.json`.
 *
 * Then the worst case: a filter that matches nothing (`type=prison`: every outlet here is a
 * pharmacy) over the widest radius the API allows, k = 50, which never fills k and so reads
 * everything within the radius unless the item and unit budgets stop it. It runs from the same
 * kinds of place with the budgets and without them, and checks that what the budgeted search answers is exact
 * for the radius it reports.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedDynamoDb } from '../local/embedded-dynamodb.js';
import type { Coordinates } from '../functions/contract/outlet.js';
import { seededRandom } from '../test/support/seeded-random.js';
import { buildOutlets, englishAuthorities, searchPoints } from './search-places.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const config = {
  seed: 20250401,
  targetOutlets: 21_000,
  minimumPerAuthority: 10,
  scaleRange: [0.5, 0.8],
  searches: 1_000,
  /** The full-Scan baseline takes about 3 s a search on the embedded engine: it runs on every 25th point. */
  baselineSearches: 40,
  limit: 10,
  radiusKm: 25,
  pointMix: { cityCentre: 0.4, suburb: 0.4, remote: 0.2 },
  worstCase: { searchesPerKind: 8, limit: 50, radiusKm: 100, filters: { type: 'prison' } },
} as const;

const percentile = (values: number[], share: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0;
};
const summary = (values: number[]) => ({
  median: Number(percentile(values, 0.5).toFixed(2)),
  p95: Number(percentile(values, 0.95).toFixed(2)),
  max: Number(percentile(values, 1).toFixed(2)),
});

async function main(): Promise<void> {
  const engine = await startEmbeddedDynamoDb();
  // The functions read their configuration once, at import: set it before importing them.
  process.env.DYNAMODB_ENDPOINT = engine.endpoint;
  process.env.TABLE_NAME = 'bench-search';
  process.env.AWS_REGION = 'eu-west-2';
  process.env.LOG_LEVEL = 'SILENT';
  const { outletSchema } = await import('../functions/contract/outlet.js');
  const { ensureTable } = await import('../functions/data/create-table.js');
  const { putOutlets } = await import('../functions/data/outlets.js');
  const { outletFromItem } = await import('../functions/data/outlet-items.js');
  const { findNearestOutlets } = await import('../functions/data/nearest-outlets.js');
  const { haversineKm } = await import('../functions/core/distance.js');
  const { compareNearest } = await import('../functions/core/nearest-search.js');
  const { documents, tableName } = await import('../functions/data/client.js');
  const { ScanCommand } = await import('../functions/data/dynamodb-documents.js');

  const random = seededRandom(config.seed);
  const outlets = buildOutlets(outletSchema, config, random);
  const { isSearchable } = await import('../functions/core/listing-visibility.js');
  // What the index holds: listed outlets, temporarily closed ones included (shown with their alert).
  const published = outlets.filter(isSearchable);
  await ensureTable();
  const loadStarted = performance.now();
  await putOutlets(outlets);
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  console.log(`Loaded ${outlets.length} outlets (${published.length} published) in ${loadSeconds.toFixed(1)} s`);

  const bruteForce = (point: Coordinates) =>
    published
      .map((outlet) => ({ id: outlet.id, distanceKm: haversineKm(point, outlet.location) }))
      .filter((entry) => entry.distanceKm <= config.radiusKm)
      .sort(compareNearest)
      .slice(0, config.limit);
  const same = (a: { id: string; distanceKm: number }[], b: { id: string; distanceKm: number }[]) =>
    a.length === b.length && a.every((entry, index) => entry.id === b[index]?.id && entry.distanceKm === b[index]?.distanceKm);

  const points = searchPoints(englishAuthorities(), config, random);
  const indexed = { items: [] as number[], requests: [] as number[], latency: [] as number[], results: [] as number[] };
  const byKind = new Map<string, number[]>();
  let exact = 0;
  // One warm-up search, so module loading and JIT are not charged to the first measured search.
  await findNearestOutlets({ point: { lat: 53.48, lng: -2.24 }, limit: config.limit, radiusKm: config.radiusKm });
  for (const { kind, point } of points) {
    const started = performance.now();
    const found = await findNearestOutlets({ point, limit: config.limit, radiusKm: config.radiusKm });
    indexed.latency.push(performance.now() - started);
    indexed.items.push(found.stats.itemsRead);
    indexed.requests.push(found.stats.requests);
    indexed.results.push(found.results.length);
    byKind.set(kind, [...(byKind.get(kind) ?? []), found.stats.itemsRead]);
    if (same(found.results.map(({ outlet, distanceKm }) => ({ id: outlet.id, distanceKm })), bruteForce(point))) exact += 1;
  }

  // The baseline: read the whole table, keep published outlets in range, sort, take k.
  const baseline = { items: [] as number[], requests: [] as number[], latency: [] as number[] };
  let baselineExact = 0;
  const baselinePoints = points.filter((_, index) => index % Math.ceil(points.length / config.baselineSearches) === 0);
  for (const { point } of baselinePoints) {
    const started = performance.now();
    let items = 0;
    let requests = 0;
    const inRange: { id: string; distanceKm: number; item: Record<string, unknown> }[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documents.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }));
      requests += 1;
      items += page.ScannedCount ?? 0;
      for (const item of page.Items ?? []) {
        const location = item.location as Coordinates | undefined;
        if (item.entity !== 'outlet' || item.status === 'inactive' || !location) continue;
        const distanceKm = haversineKm(point, location);
        if (distanceKm <= config.radiusKm) inRange.push({ id: String(item.id), distanceKm, item });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    const top = inRange.sort(compareNearest).slice(0, config.limit);
    top.forEach((entry) => outletFromItem(entry.item));
    baseline.latency.push(performance.now() - started);
    baseline.items.push(items);
    baseline.requests.push(requests);
    if (same(top.map(({ id, distanceKm }) => ({ id, distanceKm })), bruteForce(point))) baselineExact += 1;
  }

  // The worst case: filters that match nothing, radius 100 km, with and without the item budget.
  const { outletFilter } = await import('../functions/core/outlet-filters.js');
  const { maxItemsReadPerSearch, maxUnitsReadPerSearch } = await import('../functions/core/nearest-search.js');
  const nothing = outletFilter(config.worstCase.filters, new Date());
  const worstPoints = ['city centre', 'suburb', 'remote'].flatMap((kind) =>
    points.filter((entry) => entry.kind === kind).slice(0, config.worstCase.searchesPerKind),
  );
  const worst = {
    budgeted: { items: [] as number[], requests: [] as number[], latency: [] as number[], searchedRadiusKm: [] as number[] },
    unbounded: { items: [] as number[], requests: [] as number[], latency: [] as number[], searchedRadiusKm: [] as number[] },
  };
  let worstExact = 0;
  let budgetExhausted = 0;
  for (const { point } of worstPoints) {
    for (const [name, budget] of [['budgeted', {}], ['unbounded', { itemBudget: Infinity, unitBudget: Infinity }]] as const) {
      const started = performance.now();
      const found = await findNearestOutlets({
        point,
        limit: config.worstCase.limit,
        radiusKm: config.worstCase.radiusKm,
        accept: nothing,
        ...budget,
      });
      worst[name].latency.push(performance.now() - started);
      worst[name].items.push(found.stats.itemsRead);
      worst[name].requests.push(found.stats.requests);
      worst[name].searchedRadiusKm.push(found.searchedRadiusKm);
      if (name === 'budgeted') {
        if (found.budgetExhausted) budgetExhausted += 1;
        // Nothing matches, so exact means no results, and a radius no wider than asked.
        if (found.results.length === 0 && found.searchedRadiusKm <= config.worstCase.radiusKm) worstExact += 1;
      }
    }
  }

  const report = {
    date: new Date().toISOString(),
    node: process.version,
    outlets: outlets.length,
    publishedOutlets: published.length,
    loadSeconds: Number(loadSeconds.toFixed(1)),
    config,
    indexed: {
      searches: points.length,
      exact,
      itemsRead: summary(indexed.items),
      requests: summary(indexed.requests),
      latencyMs: summary(indexed.latency),
      resultsReturned: summary(indexed.results),
      itemsReadByKind: Object.fromEntries([...byKind].map(([kind, values]) => [kind, { searches: values.length, ...summary(values) }])),
    },
    scanBaseline: {
      searches: baselinePoints.length,
      exact: baselineExact,
      itemsRead: summary(baseline.items),
      requests: summary(baseline.requests),
      latencyMs: summary(baseline.latency),
    },
    worstCase: {
      searches: worstPoints.length,
      filters: config.worstCase.filters,
      limit: config.worstCase.limit,
      radiusKm: config.worstCase.radiusKm,
      itemBudget: maxItemsReadPerSearch,
      unitBudget: maxUnitsReadPerSearch,
      budgetExhausted,
      exact: worstExact,
      withBudget: {
        itemsRead: summary(worst.budgeted.items),
        requests: summary(worst.budgeted.requests),
        latencyMs: summary(worst.budgeted.latency),
        searchedRadiusKm: summary(worst.budgeted.searchedRadiusKm),
      },
      withoutBudget: {
        itemsRead: summary(worst.unbounded.items),
        requests: summary(worst.unbounded.requests),
        latencyMs: summary(worst.unbounded.latency),
      },
    },
  };
  const speedUp = report.scanBaseline.latencyMs.median / report.indexed.latencyMs.median;

  const row = (label: string, a: { median: number; p95: number }, b: { median: number; p95: number }) =>
    `${label.padEnd(22)}${String(a.median).padStart(10)}${String(a.p95).padStart(10)}${String(b.median).padStart(12)}${String(b.p95).padStart(10)}`;
  console.log(`\n${'per search'.padEnd(22)}${'geo median'.padStart(10)}${'p95'.padStart(10)}${'scan median'.padStart(12)}${'p95'.padStart(10)}`);
  console.log(row('items read', report.indexed.itemsRead, report.scanBaseline.itemsRead));
  console.log(row('DynamoDB requests', report.indexed.requests, report.scanBaseline.requests));
  console.log(row('latency ms', report.indexed.latencyMs, report.scanBaseline.latencyMs));
  console.log(`\nexact: geo ${exact}/${points.length}, scan ${baselineExact}/${baselinePoints.length} (scan on every ${Math.ceil(points.length / config.baselineSearches)}th point)`);
  for (const [kind, figures] of Object.entries(report.indexed.itemsReadByKind)) {
    console.log(`items read, ${kind} (${figures.searches}): median ${figures.median}, p95 ${figures.p95}`);
  }
  console.log(`median latency: ${speedUp.toFixed(0)}x below the scan baseline`);
  const { withBudget, withoutBudget } = report.worstCase;
  console.log(
    `\nworst case (type=prison, matches nothing; 100 km, k = 50; ${worstPoints.length} searches):` +
      `\n  items read: max ${withBudget.itemsRead.max} with the budget of ${maxItemsReadPerSearch}, max ${withoutBudget.itemsRead.max} without (median ${withBudget.itemsRead.median} / ${withoutBudget.itemsRead.median})` +
      `\n  DynamoDB requests: max ${withBudget.requests.max} with the budget of ${maxUnitsReadPerSearch} units, max ${withoutBudget.requests.max} without` +
      `\n  latency ms: p95 ${withBudget.latencyMs.p95} with, p95 ${withoutBudget.latencyMs.p95} without` +
      `\n  searched radius km with the budget: median ${withBudget.searchedRadiusKm.median}, min ${Math.min(...worst.budgeted.searchedRadiusKm).toFixed(2)}; budget reached in ${budgetExhausted}/${worstPoints.length}`,
  );

  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/search.json'), `${JSON.stringify({ ...report, medianSpeedUp: Number(speedUp.toFixed(1)) }, null, 2)}\n`);
  await engine.close();
  if (exact !== points.length || worstExact !== worstPoints.length || withBudget.itemsRead.max > maxItemsReadPerSearch) process.exitCode = 1;
}

await main();
