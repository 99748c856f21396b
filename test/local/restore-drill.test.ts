/**
 * The restore drill on a temporary table of the embedded engine (this file's own, from
 * test/support/env.ts): every type of value survives export, emptying and import; the figures
 * agree; the command prints them and exits 0; a table on AWS is refused. The checksum itself:
 * blind to order, not to a changed, lost or doubled item.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ItemChecksum, type ItemJson } from '../../functions/core/item-checksum.js';
import { documents, tableName } from '../../functions/data/client.js';
import { ensureTable } from '../../functions/data/create-table.js';
import { forEachItem } from '../../functions/data/table-dump.js';
import { projectRoot } from '../../infra/project-paths.js';
import { restoreProblems, runRestoreDrill } from '../../local/restore-drill.js';

/** Items with every kind of value DynamoDB has (binary in base64, as DynamoDB's JSON carries it), and numbers a JavaScript number would round. */
const items: ItemJson[] = [
  {
    pk: { S: 'OUTLET#T1' },
    sk: { S: 'OUTLET' },
    name: { S: 'Test pharmacy, £ and ü' },
    version: { N: '12345678901234567890.123456789' },
    kits: { SS: ['nasal', 'injectable'] },
    counts: { NS: ['3', '1', '2'] },
    open: { BOOL: true },
    alert: { NULL: true },
    signature: { B: Buffer.from([0, 1, 2, 254, 255]).toString('base64') },
    keys: { BS: [Buffer.from([9]).toString('base64'), Buffer.from([7, 8]).toString('base64')] },
    week: { L: [{ M: { day: { S: 'monday' }, opens: { S: '09:00' } } }, { L: [{ N: '1' }, { S: 'x' }] }] },
    address: { M: { town: { S: 'Manchester' }, nested: { M: { deep: { N: '-0.5' } } } } },
  },
  ...Array.from({ length: 60 }, (_, index): ItemJson => ({ pk: { S: `POSTCODE#T${index}` }, sk: { S: 'POSTCODE' }, n: { N: String(index) } })),
];

let folder: string;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'restore-drill-'));
  await ensureTable();
  for (const item of items) await documents.sendAsIs('PutItem', { TableName: tableName, Item: item });
});
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** The table's items as JSON, in a stable order. */
const tableItems = async (): Promise<string[]> => {
  const found: string[] = [];
  await forEachItem((item) => {
    found.push(JSON.stringify(item));
  });
  return found.sort();
};

describe('the restore drill', () => {
  it('exports, empties and imports the table, every value as it was, and the figures agree', async () => {
    // Prepare
    const before = await tableItems();
    const file = join(folder, 'export.jsonl');

    // Act
    const { figures, problems } = await runRestoreDrill({ file });

    // Assess
    expect(problems).toEqual([]);
    expect(figures.before.items).toBe(items.length);
    expect(figures.file).toEqual(figures.before);
    expect(figures.emptied).toEqual({ items: 0, checksum: '0'.repeat(64) });
    expect(figures.after).toEqual(figures.before);
    expect(await tableItems()).toEqual(before);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(items.length);
    expect(lines.map((line) => JSON.stringify(JSON.parse(line).Item)).sort()).toEqual(before);
  });

  it('runs as a command, prints the figures and exits 0', () => {
    // Act
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(projectRoot, 'scripts', 'restore-drill.ts'), '--endpoint', String(process.env.DYNAMODB_ENDPOINT), '--table', tableName, '--file', join(folder, 'command.jsonl')],
      { encoding: 'utf8', timeout: 60_000, env: { ...process.env, METRICS_OUTPUT: 'off' } },
    );

    // Assess
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`table before\\s+${items.length} items  sha256-sum [0-9a-f]{64}`));
    expect(run.stdout).toMatch(/emptied table\s+0 items/);
    expect(run.stdout).toContain(`The restore is whole: ${items.length} items`);
  });

  it('refuses a table on AWS, which it would empty', async () => {
    // Prepare
    const endpoint = process.env.DYNAMODB_ENDPOINT;
    delete process.env.DYNAMODB_ENDPOINT;

    // Act
    const run = runRestoreDrill({ file: join(folder, 'refused.jsonl') });

    // Assess
    try {
      await expect(run).rejects.toThrow(/embedded engine only/);
    } finally {
      process.env.DYNAMODB_ENDPOINT = endpoint;
    }
    expect(await tableItems()).toHaveLength(items.length);
  });

  it('names each figure that disagrees', () => {
    // Prepare
    const whole = { items: 3, checksum: 'a'.repeat(64) };

    // Act
    const problems = restoreProblems({ before: whole, file: whole, emptied: { items: 1, checksum: 'b'.repeat(64) }, after: { items: 3, checksum: 'c'.repeat(64) } });

    // Assess
    expect(problems).toEqual([
      'the table still held 1 items after it was emptied',
      `the restored table holds 3 items (checksum ${'c'.repeat(64)}), not the 3 exported (${'a'.repeat(64)})`,
    ]);
  });
});

describe('the checksum', () => {
  const sample = items.slice(0, 5);
  const of = (list: readonly ItemJson[]) => {
    const checksum = new ItemChecksum();
    for (const item of list) checksum.add(item);
    return checksum.figures();
  };

  it('is the same in any order, with map keys and set members in any order', () => {
    // Prepare
    const [first, ...rest] = sample as [ItemJson, ...ItemJson[]];
    const reordered = Object.fromEntries(Object.entries(first).reverse()) as ItemJson;
    const reshuffledSets = { ...first, kits: { SS: ['injectable', 'nasal'] }, counts: { NS: ['2', '3', '1'] } } as ItemJson;

    // Act
    const figures = [of(sample), of([...rest].reverse().concat(reordered)), of([reshuffledSets, ...rest])];

    // Assess
    expect(new Set(figures.map((figure) => figure.checksum)).size).toBe(1);
  });

  it('changes with a changed number, a lost item or a doubled one', () => {
    // Prepare
    const [first, ...rest] = sample as [ItemJson, ...ItemJson[]];
    const changed = { ...first, version: { N: '12345678901234567890.123456788' } } as ItemJson;

    // Act
    const checksums = [of(sample), of([changed, ...rest]), of(rest), of([first, first, ...rest])].map((figure) => figure.checksum);

    // Assess
    expect(new Set(checksums).size).toBe(4);
  });
});
