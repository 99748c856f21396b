/**
 * `npm run bench:area`: the two heavy jobs of a local authority's dashboard, on this machine, with
 * the embedded DynamoDB, written to `bench/results/area.json`.
 *
 * - Coverage of Trafford: its 11,264 real postcode centroids (ONS Postcode Directory) against the
 *   631 real Greater Manchester pharmacies of the demo (their naloxone details illustrative), at
 *   the three moments of a week, as `GET /api/portal/areas/{code}/coverage` computes it: the area's
 *   places from the area index, the outlets around it from the search index, the exact distances.
 *   Target: at most 10 s for the three together.
 * - Import of 11,000 rows of the NHS pharmacy list's layout through `npm run import:outlets` (a
 *   real process): a dry run, an apply, and a second apply, which must write nothing. Each row is
 *   a distinct real Trafford postcode; the pharmacies in it are made up for the benchmark (a temp
 *   file, "Benchmark pharmacy N"), never stored anywhere else.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startEmbeddedDynamoDb } from '../local/embedded-dynamodb.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const data = (file: string) => join(root, 'data', file);
const trafford = 'E08000009';
const importRows = 11_000;
const coverageTargetSeconds = 10;

const engine = await startEmbeddedDynamoDb();
// The functions read their configuration once, at import: set it before importing them.
process.env.DYNAMODB_ENDPOINT = engine.endpoint;
process.env.TABLE_NAME = 'bench-area';
process.env.AWS_REGION = 'eu-west-2';
process.env.LOG_LEVEL = 'SILENT';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const { ensureTable } = await import('../functions/data/create-table.js');
const { putOutlets } = await import('../functions/data/outlets.js');
const { areaPlaces } = await import('../functions/data/area-records.js');
const { searchableOutletsIn } = await import('../functions/data/nearest-outlets.js');
const { computeCoverage, coverageMoments } = await import('../functions/core/coverage-gaps.js');
const { boxAroundPointsKm } = await import('../functions/core/distance.js');
const { searchLimits } = await import('../functions/contract/find-outlets.js');
const { readDemoOutlets } = await import('../local/demo-outlets.js');
const { importPostcodeFile } = await import('../scripts/postcode-sources.js');
const { documents, tableName } = await import('../functions/data/client.js');
const { ScanCommand } = await import('../functions/data/dynamodb-documents.js');

await ensureTable();
await importPostcodeFile(data('trafford-postcodes-onspd-2025-02.csv'), { kind: 'postcodes' });
const demo = (await readDemoOutlets(new Date())).map(({ outlet }) => outlet);
await putOutlets(demo);

// Coverage, as the handler computes it.
const coverageStarted = performance.now();
const { places, source } = await areaPlaces(trafford);
const box = boxAroundPointsKm(places, searchLimits.maxRadiusKm);
const { outlets, stats } = box ? await searchableOutletsIn(box) : { outlets: [], stats: { itemsRead: 0, requests: 0 } };
const readSeconds = (performance.now() - coverageStarted) / 1000;
const results = computeCoverage(places, outlets, coverageMoments(new Date()), { maxDistanceKm: searchLimits.maxRadiusKm, worst: 50 });
const coverageSeconds = (performance.now() - coverageStarted) / 1000;
const coverage = {
  area: trafford,
  placesSource: source,
  places: places.length,
  outletsAround: outlets.length,
  outletItemsRead: stats.itemsRead,
  placeItemsRead: places.length,
  dynamodbRequests: stats.requests,
  readSeconds: Number(readSeconds.toFixed(2)),
  totalSeconds: Number(coverageSeconds.toFixed(2)),
  targetSeconds: coverageTargetSeconds,
  moments: results.map((result) => ({
    moment: result.moment.label,
    date: result.moment.date,
    openOutlets: result.openOutlets,
    medianKm: result.medianKm,
    p90Km: result.p90Km,
    maxKm: result.maxKm,
    sharePercentWithin: result.sharePercentWithin,
  })),
};
console.log(
  `Coverage of Trafford: ${places.length} places, ${outlets.length} outlets around it (${stats.itemsRead} index items read), three moments in ${coverageSeconds.toFixed(2)} s (target ${coverageTargetSeconds} s)`,
);

// Import, as an operator runs it.
const dir = mkdtempSync(join(tmpdir(), 'bench-area-'));
const file = join(dir, 'pharmacies.csv');
const postcodes = places.map((place) => place.label).slice(0, importRows);
const header =
  'PHARMACY_ODS_CODE_(F-CODE),PHARMACY_TRADING_NAME,ORGANISATION_NAME,ADDRESS_FIELD_1,ADDRESS_FIELD_2,ADDRESS_FIELD_3,ADDRESS_FIELD_4,POST_CODE,' +
  'PHARMACY_OPENING_HOURS_MONDAY,PHARMACY_OPENING_HOURS_TUESDAY,PHARMACY_OPENING_HOURS_WEDNESDAY,PHARMACY_OPENING_HOURS_THURSDAY,PHARMACY_OPENING_HOURS_FRIDAY,PHARMACY_OPENING_HOURS_SATURDAY,PHARMACY_OPENING_HOURS_SUNDAY,HEALTH_AND_WELLBEING_BOARD';
const rows = postcodes.map(
  (postcode, n) =>
    `BZ${String(n).padStart(5, '0')},BENCHMARK PHARMACY ${n},BENCHMARK PHARMACY ${n},${n} HIGH STREET,,STRETFORD,MANCHESTER,${postcode},09:00-17:30,09:00-17:30,09:00-17:30,09:00-17:30,09:00-17:30,09:00-13:00,CLOSED,TRAFFORD`,
);
writeFileSync(file, [header, ...rows].join('\r\n'));

const run = async (args: string[]) => {
  const started = performance.now();
  const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/import-outlets.ts'), file, '--json', '--restart', '--table', tableName, '--endpoint', engine.endpoint, ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'SILENT' },
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  const { counts } = JSON.parse(stdout) as { counts: Record<string, number> };
  return { seconds: Number(seconds.toFixed(2)), rowsPerSecond: Math.round(rows.length / seconds), counts };
};
const snapshot = async () => {
  const items: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey, ConsistentRead: true }));
    for (const item of page.Items ?? []) if (typeof item.pk === 'string' && item.pk.startsWith('OUTLET#')) items.push(JSON.stringify(item));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items.sort();
};

const dryRun = await run(['--dry-run']);
const apply = await run([]);
const beforeSecond = await snapshot();
const secondApply = await run([]);
const afterSecond = await snapshot();
const changedBySecond = afterSecond.filter((item, index) => item !== beforeSecond[index]).length + Math.abs(afterSecond.length - beforeSecond.length);
const imports = { rows: rows.length, dryRun, apply, secondApply: { ...secondApply, outletItemsChanged: changedBySecond } };
console.log(`Import of ${rows.length} rows: dry run ${dryRun.seconds} s (${dryRun.rowsPerSecond} rows/s), apply ${apply.seconds} s (${apply.rowsPerSecond} rows/s), second apply ${secondApply.seconds} s, outlet items changed by it: ${changedBySecond}`);

mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/area.json'), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cores: (await import('node:os')).cpus().length, coverage, imports }, null, 2)}\n`);
await engine.close();
if (coverageSeconds > coverageTargetSeconds || changedBySecond !== 0 || (secondApply.counts.new ?? 0) + (secondApply.counts.changed ?? 0) !== 0) process.exitCode = 1;
