/**
 * The restore drill: proves the table can be brought back from an export, on the embedded engine.
 * Every item is exported to a file (JSON Lines of `{"Item": …}` in DynamoDB JSON, the format of
 * DynamoDB's own export to S3), the table is emptied, the file is imported, and the item counts and
 * an order-independent checksum (`core/item-checksum.ts`) are compared at every step: the table
 * before, the file, the emptied table and the table after.
 *
 * It empties the table it is pointed at, so it refuses anything but an embedded engine
 * (`DYNAMODB_ENDPOINT` set). On AWS, a restore goes to a new table instead (README, "Restoring").
 * Load it after the data layer's configuration is set: it imports the data layer.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { ItemChecksum, type ItemJson, type TableFigures } from '../functions/core/item-checksum.js';
import { checkedItem, deleteEveryItem, forEachItem, putEveryItem } from '../functions/data/table-dump.js';

/** The figures of each step. */
export interface RestoreDrillFigures {
  readonly before: TableFigures;
  readonly file: TableFigures;
  /** The table once emptied: no items, and the checksum of nothing. */
  readonly emptied: TableFigures;
  readonly after: TableFigures;
}

export interface RestoreDrillResult {
  readonly figures: RestoreDrillFigures;
  /** Each way the figures disagree; empty when the restore is whole. */
  readonly problems: string[];
}

/** The ways the figures of a drill disagree: the file and the restored table must match the table before, and the emptied one be empty. */
export function restoreProblems(figures: RestoreDrillFigures): string[] {
  const problems: string[] = [];
  const same = (a: TableFigures, b: TableFigures) => a.items === b.items && a.checksum === b.checksum;
  if (!same(figures.file, figures.before)) problems.push(`the file holds ${figures.file.items} items (checksum ${figures.file.checksum}), not the table's ${figures.before.items} (${figures.before.checksum})`);
  if (figures.emptied.items !== 0) problems.push(`the table still held ${figures.emptied.items} items after it was emptied`);
  if (!same(figures.after, figures.before)) problems.push(`the restored table holds ${figures.after.items} items (checksum ${figures.after.checksum}), not the ${figures.before.items} exported (${figures.before.checksum})`);
  return problems;
}

/** Runs the drill on the configured table, exporting to `file`. Refuses a table on AWS. */
export async function runRestoreDrill(options: { file: string; log?: (line: string) => void }): Promise<RestoreDrillResult> {
  if (!process.env.DYNAMODB_ENDPOINT) {
    throw new Error('The restore drill empties the table it runs on, so it runs on the embedded engine only (DYNAMODB_ENDPOINT). On AWS, restore to a new table: README, "Restoring".');
  }
  const log = options.log ?? (() => {});

  const before = new ItemChecksum();
  await mkdir(dirname(options.file), { recursive: true });
  const out = createWriteStream(options.file, { flags: 'wx' });
  await forEachItem(async (item) => {
    before.add(item);
    if (!out.write(`${JSON.stringify({ Item: item })}\n`)) await once(out, 'drain');
  });
  out.end();
  await once(out, 'finish');
  log(`Exported ${before.figures().items} items to ${options.file}`);

  const items = await readExport(options.file);
  const file = new ItemChecksum();
  for (const item of items) file.add(item);
  // Every value checked before anything is deleted: a file that cannot be imported stops the drill here.
  for (const item of items) checkedItem(item);

  const deleted = await deleteEveryItem();
  const emptied = await tableFigures();
  log(`Emptied the table: ${deleted} items deleted`);

  await putEveryItem(items);
  const after = await tableFigures();
  log(`Imported ${items.length} items from the file`);

  const figures = { before: before.figures(), file: file.figures(), emptied, after };
  return { figures, problems: restoreProblems(figures) };
}

/** The items of an export file, each line checked as it is read. */
async function readExport(file: string): Promise<ItemJson[]> {
  const items: ItemJson[] = [];
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    line += 1;
    if (text.trim() === '') continue;
    const parsed: unknown = JSON.parse(text);
    const item = (parsed as { Item?: unknown } | null)?.Item;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new Error(`${file}:${line} is not {"Item": {…}}`);
    items.push(item as ItemJson);
  }
  return items;
}

async function tableFigures(): Promise<TableFigures> {
  const checksum = new ItemChecksum();
  await forEachItem((item) => checksum.add(item));
  return checksum.figures();
}

/** The figures as the drill prints them. */
export function figuresTable(figures: RestoreDrillFigures): string {
  const rows: [string, TableFigures][] = [
    ['table before', figures.before],
    ['export file', figures.file],
    ['emptied table', figures.emptied],
    ['table after', figures.after],
  ];
  return rows.map(([name, { items, checksum }]) => `${name.padEnd(14)} ${String(items).padStart(8)} items  sha256-sum ${checksum}`).join('\n');
}
