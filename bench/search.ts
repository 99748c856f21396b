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
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedDynamoDb } from '../local/embedded-dynamodb.js';
import type { Coordinates, Outlet, WeeklyScheduleRow } from '../functions/contract/outlet.js';
import { weekdays } from '../functions/contract/outlet.js';
import { parseCsvLine } from '../functions/core/csv.js';
import { seededRandom } from '../test/support/seeded-random.js';

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

const random = seededRandom(config.seed);
const uniform = (min: number, max: number) => min + random() * (max - min);

/** A seeded Fisher–Yates shuffle of a copy. */
function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

interface Authority {
  code: string;
  centre: Coordinates;
  population: number;
}

function englishAuthorities(): Authority[] {
  const [header, ...lines] = readFileSync(join(root, 'data/uk-local-authorities-mysociety.csv'), 'utf8').trim().split(/\r?\n/);
  const columns = parseCsvLine(header ?? '');
  const at = (name: string) => columns.indexOf(name);
  return lines
    .map(parseCsvLine)
    .filter((row) => row[at('nation')] === 'England' && row[at('current-authority')] === 'True' && row[at('lower-or-unitary')] === 'True')
    .map((row) => ({
      code: row[at('gss-code')] ?? '',
      centre: { lat: Number(row[at('lat')]), lng: Number(row[at('long')]) },
      population: Number(row[at('pop-2020')]) || 0,
    }))
    .filter((authority) => Number.isFinite(authority.centre.lat) && Number.isFinite(authority.centre.lng));
}

interface Pharmacy {
  name: string;
  address: string;
  postcode: string;
  location: Coordinates;
  weekly: WeeklyScheduleRow[];
}

/** NHS-style day strings (`08:30-13:00,14:00-17:30`, `CLOSED`) as weekly rows; anything odd is left out. */
function weeklyRows(properties: Record<string, unknown>): WeeklyScheduleRow[] {
  return weekdays.flatMap((day) => {
    const text = String(properties[`opening_hours_${day}`] ?? '');
    return [...text.matchAll(/(\d{2}:\d{2})-(\d{2}:\d{2})/g)].map((match) => ({
      byDay: day,
      opensAt: match[1] ?? '00:00',
      closesAt: match[2] ?? '00:00',
    }));
  });
}

function gmPharmacies(): Pharmacy[] {
  const geojson = JSON.parse(readFileSync(join(root, 'data/gm-pharmacies-2025q1.geojson'), 'utf8')) as {
    features: { properties: Record<string, unknown>; geometry: { coordinates: [number, number] } }[];
  };
  return geojson.features.map(({ properties, geometry }) => ({
    name: String(properties.pharmacy_name),
    address: String(properties.address),
    postcode: String(properties.postcode),
    location: { lat: geometry.coordinates[1], lng: geometry.coordinates[0] },
    weekly: weeklyRows(properties),
  }));
}

/** Copies of the GM pharmacies around each authority, in proportion to its population. */
function buildOutlets(outletSchema: { parse(value: unknown): Outlet }): Outlet[] {
  const pharmacies = gmPharmacies();
  const gmCentre = {
    lat: pharmacies.reduce((sum, p) => sum + p.location.lat, 0) / pharmacies.length,
    lng: pharmacies.reduce((sum, p) => sum + p.location.lng, 0) / pharmacies.length,
  };
  const authorities = englishAuthorities();
  const totalPopulation = authorities.reduce((sum, authority) => sum + authority.population, 0);
  const outlets: Outlet[] = [];
  for (const authority of authorities) {
    const wanted = Math.min(
      pharmacies.length,
      Math.max(config.minimumPerAuthority, Math.round((authority.population / totalPopulation) * config.targetOutlets)),
    );
    const scale = uniform(config.scaleRange[0], config.scaleRange[1]);
    // Keep offsets in km, not degrees: a degree of longitude shrinks towards the north.
    const lngStretch = Math.cos((gmCentre.lat * Math.PI) / 180) / Math.cos((authority.centre.lat * Math.PI) / 180);
    const picked = shuffled(pharmacies).slice(0, wanted);
    for (const pharmacy of picked) {
      const id = `bench-${outlets.length}`;
      const roll = random();
      outlets.push(
        outletSchema.parse({
          id,
          name: pharmacy.name,
          organisation: pharmacy.name,
          outletType: 'pharmacy',
          supplyBasis: 'pharmacy',
          address: { lines: [pharmacy.address.slice(0, 120)], town: 'Benchtown', postcode: pharmacy.postcode },
          location: {
            lat: authority.centre.lat + (pharmacy.location.lat - gmCentre.lat) * scale,
            lng: authority.centre.lng + (pharmacy.location.lng - gmCentre.lng) * scale * lngStretch,
          },
          phone: null,
          website: null,
          hours: { weekly: pharmacy.weekly, exceptions: [], bankHolidays: 'unknown' },
          kitTypes: random() < 0.3 ? ['nasal', 'injectable'] : ['nasal'],
          eligibility: { free: true, noIdNeeded: random() < 0.7, walkIn: random() < 0.8, familyAndFriendsCanCollect: true, minimumAge: null },
          languages: ['English'],
          accessibility: null,
          status: roll < 0.03 ? 'inactive' : roll < 0.06 ? 'temporarily_closed' : 'active',
          alert: null,
          stock: { status: 'unknown', updatedAt: null },
          assuredAt: null,
          odsCode: null,
          localAuthorityCode: authority.code,
          demo: true,
        }),
      );
    }
  }
  return outlets;
}

/** Remote places with few or no outlets near them. */
const remotePlaces: Record<string, Coordinates> = {
  'North Pennines': { lat: 54.72, lng: -2.25 },
  Dartmoor: { lat: 50.57, lng: -3.92 },
  Kielder: { lat: 55.23, lng: -2.58 },
  'Lake District': { lat: 54.46, lng: -3.09 },
  Exmoor: { lat: 51.13, lng: -3.64 },
  'North York Moors': { lat: 54.37, lng: -0.88 },
};

/** A point about `km` away from `centre` in a random direction. */
function offsetKm(centre: Coordinates, km: number): Coordinates {
  const bearing = uniform(0, 2 * Math.PI);
  return {
    lat: centre.lat + (km * Math.cos(bearing)) / 111.2,
    lng: centre.lng + (km * Math.sin(bearing)) / (111.2 * Math.cos((centre.lat * Math.PI) / 180)),
  };
}

function searchPoints(authorities: Authority[]): { kind: string; point: Coordinates }[] {
  const byPopulation = [...authorities].sort((a, b) => b.population - a.population);
  const cities = byPopulation.slice(0, 60);
  const remote = Object.values(remotePlaces);
  return Array.from({ length: config.searches }, () => {
    const roll = random();
    if (roll < config.pointMix.cityCentre) {
      const city = cities[Math.floor(random() * cities.length)] ?? byPopulation[0];
      return { kind: 'city centre', point: offsetKm(city?.centre ?? { lat: 53.48, lng: -2.24 }, uniform(0, 1.5)) };
    }
    if (roll < config.pointMix.cityCentre + config.pointMix.suburb) {
      const town = authorities[Math.floor(random() * authorities.length)];
      return { kind: 'suburb', point: offsetKm(town?.centre ?? { lat: 53.48, lng: -2.24 }, uniform(3, 12)) };
    }
    const place = remote[Math.floor(random() * remote.length)] ?? { lat: 54.72, lng: -2.25 };
    return { kind: 'remote', point: offsetKm(place, uniform(0, 10)) };
  });
}

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

  const outlets = buildOutlets(outletSchema);
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

  const points = searchPoints(englishAuthorities());
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
