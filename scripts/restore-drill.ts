/**
 * `npm run restore:drill`: export every item of the local table to a file, empty the table, import
 * the file, and compare item counts and checksums (`local/restore-drill.ts`). Exits 1 when they
 * differ. Opens the local data as `npm start` does (`.local/dynamodb`, demo data on first use), or
 * `--endpoint URL --table NAME` on another embedded engine; never a table on AWS.
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { DataInUseError } from '../local/embedded-dynamodb.js';
import { openLocalData } from '../local/local-data.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const help = `Usage: npm run restore:drill -- [--data-dir .local/dynamodb] [--file FILE]
       npm run restore:drill -- --endpoint URL --table NAME [--file FILE]

Exports every item of the table to FILE (JSON Lines, DynamoDB JSON; default
.local/restore-drill/export-<time>.jsonl), empties the table, imports FILE, and compares the
item counts and an order-independent checksum. Exits 1 when they differ. Stop the finder first:
the local data folder is used by one process at a time.`;

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: process.env.FINDER_DATA_DIR ?? `${root}.local/dynamodb` },
    file: { type: 'string' },
    endpoint: { type: 'string' },
    table: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(help);
  process.exit(0);
}
if ((values.endpoint === undefined) !== (values.table === undefined)) {
  console.error(`--endpoint and --table go together.\n\n${help}`);
  process.exit(2);
}

const file = values.file ?? `${root}.local/restore-drill/export-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`;
let engine: { close(): Promise<void> } | undefined;
try {
  if (values.endpoint && values.table) {
    process.env.DYNAMODB_ENDPOINT = values.endpoint;
    process.env.TABLE_NAME = values.table;
    process.env.AWS_REGION ??= 'eu-west-2';
  } else {
    engine = await openLocalData({ dataPath: values['data-dir'], log: (line) => console.log(line) });
  }
  const { figuresTable, runRestoreDrill } = await import('../local/restore-drill.js');
  const { figures, problems } = await runRestoreDrill({ file, log: (line) => console.log(line) });
  console.log(`\n${figuresTable(figures)}\n`);
  if (problems.length > 0) {
    console.error(`The restore is NOT whole:\n${problems.map((problem) => `- ${problem}`).join('\n')}\nThe export is kept in ${file}.`);
    process.exitCode = 1;
  } else {
    console.log(`The restore is whole: ${figures.after.items} items, the same checksum before and after.`);
  }
} catch (error) {
  if (error instanceof DataInUseError) console.error(error.message);
  else console.error(`The drill failed: ${(error as Error).message}\nAnything exported so far is in ${file}.`);
  process.exitCode = 1;
} finally {
  await engine?.close();
}
