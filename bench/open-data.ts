/**
 * `npm run bench:open-data`: what open data costs on this machine, with the embedded DynamoDB and
 * the 631 demo outlets, written to `bench/results/open-data.json`.
 *
 * - The files job: both files built as the scheduled job builds them (index entries read, listings
 *   read by key, DynamoDB requests, seconds) and their sizes, raw and gzipped as CloudFront sends
 *   them to a client that accepts gzip.
 * - HSDS pages: `GET /api/hsds/services` pages of 50 and 100 and a `modified_after` page, as the
 *   handler computes them: what one page reads.
 * - A proximity page: every published outlet within 3 km of central Manchester, as
 *   `service_at_locations?postcode=…&proximity=3000` reads them (the nearest search's items).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { startEmbeddedDynamoDb } from '../local/embedded-dynamodb.js';

const root = fileURLToPath(new URL('..', import.meta.url));

const engine = await startEmbeddedDynamoDb();
// The functions read their configuration once, at import: set it before importing them.
process.env.DYNAMODB_ENDPOINT = engine.endpoint;
process.env.TABLE_NAME = 'bench-open-data';
process.env.AWS_REGION = 'eu-west-2';
process.env.LOG_LEVEL = 'SILENT';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const { ensureTable } = await import('../functions/data/create-table.js');
const { putOutlets } = await import('../functions/data/outlets.js');
const { documents } = await import('../functions/data/client.js');
const { readPublishedEntries, readPublishedListings, findPublishedEntry } = await import('../functions/data/published-listings.js');
const { findNearestOutlets } = await import('../functions/data/nearest-outlets.js');
const { buildOpenDataFiles } = await import('../functions/core/open-data-files.js');
const { listPublishedListings } = await import('../functions/core/hsds-listing.js');
const { toHsdsServiceAtLocationView, toHsdsServiceView } = await import('../functions/core/hsds-views.js');
const { readDemoOutlets } = await import('../local/demo-outlets.js');

await ensureTable();
const demo = (await readDemoOutlets(new Date())).map(({ outlet }) => outlet);
await putOutlets(demo);

/** DynamoDB requests by command, counted as the data layer sends them. */
const requests = new Map<string, number>();
const send = documents.send.bind(documents);
documents.send = ((command: { constructor: { name: string } }, ...rest: unknown[]) => {
  requests.set(command.constructor.name, (requests.get(command.constructor.name) ?? 0) + 1);
  return (send as (...args: unknown[]) => unknown)(command, ...rest);
}) as typeof documents.send;

/** Runs `work` with fresh request counts; returns its result, seconds and the counts. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; dynamodbRequests: Record<string, number> }> {
  requests.clear();
  const started = performance.now();
  const result = await work();
  return { result, seconds: Number(((performance.now() - started) / 1000).toFixed(3)), dynamodbRequests: Object.fromEntries(requests) };
}

/** The readers with the items they read counted. */
function countingPorts() {
  const read = { indexEntries: 0, listings: 0 };
  return {
    read,
    ports: {
      publishedEntries: async () => {
        const entries = await readPublishedEntries();
        read.indexEntries += entries.length;
        return entries;
      },
      entryOf: findPublishedEntry,
      listings: async (ids: readonly string[]) => {
        read.listings += ids.length;
        return readPublishedListings(ids);
      },
      locate: async () => ({ lat: 53.4808, lng: -2.2426 }),
      nearest: async (point: { lat: number; lng: number }, radiusKm: number) => {
        const found = await findNearestOutlets({ point, limit: Number.MAX_SAFE_INTEGER, radiusKm });
        read.indexEntries += found.stats.itemsRead;
        return found.results.map(({ outlet, distanceKm }) => ({ outletId: outlet.id, distanceKm }));
      },
    },
  };
}

// The files job, twice: the first run pays for module and connection warm-up, as a cold Lambda would.
const files = [];
for (const run of ['cold', 'warm']) {
  const { ports } = countingPorts();
  const { result, seconds, dynamodbRequests } = await measured(() => buildOpenDataFiles(ports, new Date()));
  files.push({
    run,
    listings: result.count,
    indexEntriesRead: result.reads.indexEntries,
    listingsReadByKey: result.reads.listings,
    dynamodbRequests,
    seconds,
    bytes: {
      geojson: Buffer.byteLength(result.geojson),
      geojsonGzip: gzipSync(result.geojson).length,
      csv: Buffer.byteLength(result.csv),
      csvGzip: gzipSync(result.csv).length,
    },
  });
}

const pages = [];
const cases: [string, Parameters<typeof listPublishedListings>[0]][] = [
  ['services, page 1 of 50', { page: 1, perPage: 50 }],
  ['services, page 7 of 100', { page: 7, perPage: 100 }],
  ['services, modified_after an hour ago', { page: 1, perPage: 50, modifiedAfter: new Date(Date.now() - 3_600_000).toISOString() }],
  ['service_at_locations within 3 km of central Manchester, page 1 of 50', { page: 1, perPage: 50, near: { postcode: 'M1 1AE', proximityMetres: 3000 } }],
];
for (const [label, request] of cases) {
  const { ports, read } = countingPorts();
  const { result, seconds, dynamodbRequests } = await measured(async () => {
    const page = await listPublishedListings(request, ports);
    // As the handlers answer: services for a plain page, services at locations near a postcode.
    const view = request.near ? toHsdsServiceAtLocationView : toHsdsServiceView;
    return { ...page, contents: page.contents.map((listing) => view(listing, new Date())) };
  });
  pages.push({ label, totalItems: result.total_items, size: result.size, indexEntriesRead: read.indexEntries, listingsReadByKey: read.listings, dynamodbRequests, seconds, bytes: Buffer.byteLength(JSON.stringify(result)) });
}

const report = { date: new Date().toISOString(), node: process.version, cores: cpus().length, demoOutlets: demo.length, files, pages };
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'open-data.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(JSON.stringify(report, null, 2));
await engine.close();
