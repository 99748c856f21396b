/**
 * `npm run bench:postcodes [-- --rows N]`: what loading the whole ONS Postcode Directory costs,
 * measured on a sample and extrapolated, written to `bench/results/postcodes.json`.
 *
 * The sample is the real Trafford extract (`data/trafford-postcodes-onspd-2025-02.csv`, 11,264
 * postcodes) followed by SYNTHETIC rows up to `--rows` (default 40,000; Trafford's districts hold about 48,000): distinct, well-formed
 * postcodes in Trafford's own districts that are not real ones (`M33 9XX` where no such postcode
 * exists), each given a real Trafford row's coordinates and local authority, so every item has the
 * same shape and size as a real one. Made in a temporary file, deleted after; never stored anywhere.
 *
 * It is imported into the embedded table through `importPostcodeFile` (what
 * `npm run import:postcodes` runs: batches of 25, 4 in flight), timed, then the stored items are
 * read back and sized by DynamoDB's rules (`dynamodb-item-size.ts`): bytes per item in the table
 * and in the area index, write units per row, and the bill for writing 2.7 million rows on demand.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startEmbeddedDynamoDb } from '../local/embedded-dynamodb.js';
import { itemBytes, projectedItem, storageOverheadBytes, writeUnits } from './dynamodb-item-size.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '40000' } } });
const sampleRows = Number(args.rows);
if (!Number.isInteger(sampleRows) || sampleRows < 11_264) throw new Error('--rows must be a whole number of at least 11264 (the real Trafford rows)');

/** Rows in the ONS Postcode Directory (every postcode ever, live and terminated), about. */
const onspdRows = 2_700_000;
/**
 * On-demand price per million write request units, eu-west-2 (London), DynamoDB Standard table
 * class: the list price this work was specified with. Not checked against the AWS pricing page
 * here (this machine has no network): check it before relying on the estimate.
 */
const usdPerMillionWriteUnits = 1.4135;

// The sample file: real rows, then synthetic ones in the same districts.
const [header, ...real] = readFileSync(join(root, 'data/trafford-postcodes-onspd-2025-02.csv'), 'utf8').trim().split(/\r?\n/);
const realPostcodes = new Set(real.map((line) => line.split(',')[0]));
const outwards = [...new Set(real.map((line) => (line.split(',')[0] ?? '').split(' ')[0]!))].sort();
/** The letters a postcode's inward code may end with (no C, I, K, M, O or V). */
const inwardLetters = 'ABDEFGHJLNPQRSTUWXYZ';
const synthetic: string[] = [];
outer: for (const letterPair of [...inwardLetters].flatMap((a) => [...inwardLetters].map((b) => a + b)).reverse()) {
  for (let digit = 9; digit >= 0; digit -= 1) {
    for (const outward of outwards) {
      if (real.length + synthetic.length >= sampleRows) break outer;
      const postcode = `${outward} ${digit}${letterPair}`;
      if (realPostcodes.has(postcode)) continue;
      const template = real[synthetic.length % real.length]!.split(',');
      template[0] = postcode;
      synthetic.push(template.join(','));
    }
  }
}
if (real.length + synthetic.length < sampleRows) throw new Error(`Trafford's districts hold only ${real.length + synthetic.length} distinct postcodes`);
const dir = mkdtempSync(join(tmpdir(), 'bench-postcodes-'));
const file = join(dir, 'postcodes.csv');
writeFileSync(file, `${[header, ...real, ...synthetic].join('\n')}\n`);

const engine = await startEmbeddedDynamoDb();
// The functions read their configuration once, at import: set it before importing them.
process.env.DYNAMODB_ENDPOINT = engine.endpoint;
process.env.TABLE_NAME = 'bench-postcodes';
process.env.AWS_REGION = 'eu-west-2';
process.env.LOG_LEVEL = 'SILENT';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const { ensureTable } = await import('../functions/data/create-table.js');
const { importPostcodeFile } = await import('../scripts/postcode-sources.js');
const { areaIndex } = await import('../functions/data/table-schema.js');
const { documents, tableName } = await import('../functions/data/client.js');
const { ScanCommand } = await import('../functions/data/dynamodb-documents.js');

await ensureTable();
const started = performance.now();
const imported = await importPostcodeFile(file, { kind: 'postcodes' });
const seconds = (performance.now() - started) / 1000;
rmSync(dir, { recursive: true, force: true });

// Every stored postcode item, sized as DynamoDB sizes it.
const sizes: { table: number; index: number; units: number }[] = [];
let startKey: Record<string, unknown> | undefined;
do {
  const page = await documents.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }));
  for (const item of page.Items ?? []) {
    if (typeof item.pk !== 'string' || !item.pk.startsWith('POSTCODE#')) continue;
    const table = itemBytes(item);
    const inIndex = typeof item.areaKey === 'string';
    const index = inIndex ? itemBytes(projectedItem(item, ['pk', 'sk', areaIndex.partitionKey, areaIndex.sortKey], areaIndex.projectedAttributes)) : 0;
    // A write is billed in the table and again in every index the item is in.
    sizes.push({ table, index, units: writeUnits(table) + (inIndex ? writeUnits(index) : 0) });
  }
  startKey = page.LastEvaluatedKey;
} while (startKey);
await engine.close();

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const tableBytes = mean(sizes.map((size) => size.table));
const indexBytes = mean(sizes.map((size) => size.index));
const unitsPerRow = mean(sizes.map((size) => size.units));
const storedBytesPerRow = tableBytes + storageOverheadBytes + (indexBytes > 0 ? indexBytes + storageOverheadBytes : 0);
const rowsPerSecond = Math.round(imported.imported / seconds);
const result = {
  date: new Date().toISOString(),
  node: process.version,
  cores: cpus().length,
  sample: {
    rows: imported.rows,
    realRows: real.length,
    syntheticRows: synthetic.length,
    note: 'real Trafford ONSPD rows, then synthetic distinct postcodes in Trafford districts with real rows’ coordinates and local authority',
  },
  import: {
    imported: imported.imported,
    invalid: imported.invalid,
    seconds: Number(seconds.toFixed(2)),
    rowsPerSecond,
    batchSize: 25,
    concurrency: 4,
    engine: 'dynalite (embedded), same process',
  },
  items: {
    measured: sizes.length,
    tableBytesPerItem: Number(tableBytes.toFixed(1)),
    areaIndexBytesPerItem: Number(indexBytes.toFixed(1)),
    writeUnitsPerRow: unitsPerRow,
    storedBytesPerRowWithOverhead: Number(storedBytesPerRow.toFixed(1)),
  },
  wholeOnspd: {
    rows: onspdRows,
    note: 'every postcode in the directory; the import skips terminated ones, so this is an upper bound',
    writeUnits: Math.round(onspdRows * unitsPerRow),
    usdPerMillionWriteUnits,
    priceAssumption: 'on-demand, eu-west-2, DynamoDB Standard, list price at the time of writing',
    writeCostUsd: Number(((onspdRows * unitsPerRow * usdPerMillionWriteUnits) / 1_000_000).toFixed(2)),
    storedBytes: Math.round(onspdRows * storedBytesPerRow),
    storedGiB: Number(((onspdRows * storedBytesPerRow) / 1024 ** 3).toFixed(2)),
    hoursAtThisLocalRate: Number((onspdRows / rowsPerSecond / 3600).toFixed(2)),
  },
};
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/postcodes.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(
  `Imported ${imported.imported.toLocaleString('en-GB')} postcodes (${synthetic.length.toLocaleString('en-GB')} synthetic) in ${seconds.toFixed(1)} s: ${rowsPerSecond.toLocaleString('en-GB')} rows/s\n` +
    `Item: ${tableBytes.toFixed(1)} B in the table, ${indexBytes.toFixed(1)} B in the area index, ${unitsPerRow} WRU per row\n` +
    `Whole ONSPD (${onspdRows.toLocaleString('en-GB')} rows): ${result.wholeOnspd.writeUnits.toLocaleString('en-GB')} WRU ≈ $${result.wholeOnspd.writeCostUsd} at $${usdPerMillionWriteUnits}/million; ` +
    `${result.wholeOnspd.storedGiB} GiB stored; ${result.wholeOnspd.hoursAtThisLocalRate} h at this local rate`,
);
if (imported.invalid > 0 || sizes.length !== imported.imported) process.exitCode = 1;
