/**
 * `npm run import:outlets` as an operator runs it: a real process against a DynamoDB endpoint.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ScanCommand } from '../../functions/data/dynamodb-documents.js';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { documents, tableName } from '../../functions/data/client.js';
import { ensureTable } from '../../functions/data/create-table.js';
import { getStoredOutlet } from '../../functions/data/outlets.js';
import { putPostcodes } from '../../functions/data/postcodes.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = fileURLToPath(new URL('../fixtures/imports/nhs-pharmacy-list.csv', import.meta.url));
const run = (args: string[]) =>
  promisify(execFile)(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/import-outlets.ts'), ...args], {
    cwd: root,
    env: { ...process.env, TABLE_NAME: '', LOG_LEVEL: 'SILENT', USER: 'ops' },
  });
const target = () => ['--table', tableName, '--endpoint', inject('dynamodbEndpoint')];

async function snapshot(): Promise<unknown[]> {
  const { Items } = await documents.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }));
  return (Items ?? []).map((item) => JSON.stringify(item)).sort();
}

/** A fresh copy of the fixture, so each test has its own checkpoint. */
async function copyOfFixture(): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'import-outlets-')), 'pharmacies.csv');
  await copyFile(fixture, file);
  return file;
}

beforeAll(async () => {
  await ensureTable();
  // The fixture's four real Trafford postcodes, as the ONS Postcode Directory places them.
  await putPostcodes([
    { postcode: 'M41 7WJ', lat: 53.455255, lng: -2.368192, localAuthorityCode: 'E08000009' },
    { postcode: 'M32 9LD', lat: 53.446571, lng: -2.322319, localAuthorityCode: 'E08000009' },
    { postcode: 'M41 7ZA', lat: 53.465925, lng: -2.341791, localAuthorityCode: 'E08000009' },
    { postcode: 'WA15 9SZ', lat: 53.374519, lng: -2.339089, localAuthorityCode: 'E08000009' },
  ]);
});

describe('npm run import:outlets', () => {
  it('says what a dry run would do and writes nothing; applying twice writes the second time nothing', async () => {
    // Prepare
    const file = await copyOfFixture();
    const before = await snapshot();

    // Act
    const dry = await run([file, '--dry-run', ...target()]);
    const afterDryRun = await snapshot();
    const first = await run([file, '--restart', ...target()]);
    const afterFirst = await snapshot();
    const second = await run([file, '--restart', ...target()]);

    // Assess
    expect(dry.stdout).toContain('Dry run of pharmacies.csv (nhs_pharmacy_list): 4 new, 0 changed, 0 unchanged, 0 invalid');
    expect(afterDryRun).toEqual(before);
    expect(first.stdout).toContain('Imported pharmacies.csv (nhs_pharmacy_list): 4 new');
    expect(second.stdout).toContain('0 new, 0 changed, 4 unchanged, 0 invalid');
    expect(await snapshot()).toEqual(afterFirst);
    expect(await getStoredOutlet('FGE02')).toMatchObject({ outlet: { name: 'Alphabet Pharmacy', assuredAt: null, localAuthorityCode: 'E08000009' } });
  });

  it('changes only what the file changes, in the listing’s history, and lists a bad row with its line without stopping', async () => {
    // Prepare
    const file = await copyOfFixture();
    await run([file, '--restart', ...target()]);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('ALPHABET PHARMACY,ALPHABET PHARMACY', 'ALPHABET CHEMIST,ALPHABET PHARMACY').replace('M41 7ZA', 'ZZ99 9ZZ'));

    // Act
    const { stdout } = await run([file, '--restart', '--json', ...target()]);

    // Assess
    const report = JSON.parse(stdout) as { counts: Record<string, number>; rows: { line: number; outcome: string; changes: string[]; problems: { field: string }[] }[] };
    expect(report.counts).toEqual({ new: 0, changed: 1, unchanged: 2, invalid: 1 });
    expect(report.rows.find((row) => row.outcome === 'changed')).toMatchObject({ line: 3, changes: ['Name'] });
    expect(report.rows.find((row) => row.outcome === 'invalid')).toMatchObject({ line: 4, problems: [{ field: 'postcode' }] });
    const stored = await getStoredOutlet('FGE02');
    expect(stored?.history.at(-1)).toMatchObject({ action: 'import', by: { label: 'Import of pharmacies.csv by ops' }, changes: [{ field: 'name', to: 'Alphabet Chemist' }] });
  });

  it('resumes after an interruption from its checkpoint', async () => {
    // Prepare: a checkpoint as an import interrupted after the first two rows leaves it.
    const file = await copyOfFixture();
    const size = (await readFile(file)).length;
    await writeFile(
      `${file}.import-state.json`,
      JSON.stringify({
        version: 1, kind: 'outlets', table: tableName, endpoint: inject('dynamodbEndpoint'), fileSize: size,
        rows: 2, imported: 2, skipped: 0, invalid: 0, invalidExamples: [], completed: false, updatedAt: new Date().toISOString(),
      }),
    );

    // Act
    const { stdout, stderr } = await run([file, ...target()]);

    // Assess
    expect(stderr).toContain('Resuming after row 2 of 4');
    expect(stdout).toContain('(rows 1–2 were imported before the interruption)');
    expect(JSON.parse(await readFile(`${file}.import-state.json`, 'utf8'))).toMatchObject({ rows: 4, completed: true });
  });

  it('refuses a file it cannot read as any format', async () => {
    // Prepare
    const file = join(await mkdtemp(join(tmpdir(), 'import-outlets-')), 'other.csv');
    await writeFile(file, 'name,address\nA,B\n');

    // Act
    const refused = run([file, ...target()]);

    // Assess
    await expect(refused).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Upload the NHS pharmacy list') });
  });
});
