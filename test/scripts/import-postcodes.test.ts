import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScanCommand } from '../../functions/data/dynamodb-documents.js';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { batchWrite } from '../../functions/data/batch-write.js';
import { documents, tableName } from '../../functions/data/client.js';
import { ensureTable } from '../../functions/data/create-table.js';
import { getOutwardCodeLocation, getPostcodeLocation } from '../../functions/data/postcodes.js';
import { main, progressPrinter } from '../../scripts/import-postcodes.js';
import { parseCsvLine } from '../../functions/core/csv.js';
import { detectColumns, readCsvRecords } from '../../scripts/postcode-csv.js';
import { checkpointPathFor, importPostcodeFile } from '../../scripts/postcode-sources.js';

const fixtures = fileURLToPath(new URL('../fixtures/postcodes/', import.meta.url));
const onspdSample = join(fixtures, 'onspd-sample.csv');
const districtsSample = join(fixtures, 'districts-sample.csv');
const traffordSample = join(fixtures, 'trafford-sample.csv');
const traffordFull = fileURLToPath(new URL('../../data/trafford-postcodes-onspd-2025-02.csv', import.meta.url));

/** The ONSPD sample: 44 rows, of which 2 terminated and 4 invalid. */
const onspdCounts = { rows: 44, imported: 38, skipped: 2, invalid: 4 };

/** Items whose key starts with the prefix, each key once: DynamoDB keys are unique, so this is the stored count. */
async function storedKeys(prefix: 'POSTCODE#' | 'OUTCODE#'): Promise<string[]> {
  const keys: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'begins_with(pk, :prefix)',
        ExpressionAttributeValues: { ':prefix': prefix },
        ProjectionExpression: 'pk, sk',
        ExclusiveStartKey: start,
      }),
    );
    keys.push(...(page.Items ?? []).map((item) => String(item.pk)));
    start = page.LastEvaluatedKey;
  } while (start);
  return keys;
}

async function clearPostcodes(): Promise<void> {
  const keys = [...(await storedKeys('POSTCODE#')), ...(await storedKeys('OUTCODE#'))];
  await batchWrite(keys.map((pk) => ({ delete: { pk, sk: pk.startsWith('POSTCODE#') ? 'POSTCODE' : 'OUTCODE' } })));
}

/** A copy of a fixture in a folder of its own, so its checkpoint lands there. */
async function copyOf(fixture: string): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'postcodes-'));
  const path = join(folder, 'input.csv');
  await copyFile(fixture, path);
  return path;
}

function captured(isTTY = false) {
  let text = '';
  return { stream: { isTTY, write: (chunk: string) => (text += chunk) }, text: () => text };
}

beforeAll(async () => {
  await ensureTable();
});

describe('importPostcodeFile', () => {
  beforeEach(async () => {
    await clearPostcodes();
  });

  it('imports an ONS Postcode Directory file, skipping terminated postcodes and counting invalid rows', async () => {
    // Act
    const result = await importPostcodeFile(onspdSample, { kind: 'postcodes', batchSize: 10 });

    // Assess
    expect(result).toMatchObject({ ...onspdCounts, completed: true, resumedFrom: 0, importedThisRun: 38, checkpointPath: null });
    expect(result.invalidExamples.map(({ row, reason }) => [row, reason])).toEqual([
      [41, 'not a valid postcode'],
      [42, 'missing latitude or longitude'],
      [43, 'latitude or longitude outside the UK'],
      [44, 'latitude or longitude is not a number'],
    ]);
    expect(await storedKeys('POSTCODE#')).toHaveLength(38);
    expect(await getPostcodeLocation('M15 4AB')).toEqual({ lat: 53.465578, lng: -2.26046, localAuthorityCode: 'E08000009' });
  });

  it('leaves terminated postcodes out', async () => {
    // Prepare
    const lines = (await readFile(onspdSample, 'utf8')).split('\r\n');
    const terminated = lines.filter((line) => line.includes(',202001,')).map((line) => line.split(',')[2] ?? '');

    // Act
    await importPostcodeFile(onspdSample, { kind: 'postcodes' });

    // Assess
    expect(terminated).toHaveLength(2);
    expect(await Promise.all(terminated.map(getPostcodeLocation))).toEqual([null, null]);
  });

  it('imports the Trafford extract format', async () => {
    // Act
    const result = await importPostcodeFile(traffordSample, { kind: 'postcodes' });

    // Assess
    expect(result).toMatchObject({ rows: 30, imported: 30, skipped: 0, invalid: 0, completed: true });
    expect(await storedKeys('POSTCODE#')).toHaveLength(30);
  });

  it('imports district centroids, skipping retired and non-geographic districts', async () => {
    // Act
    const result = await importPostcodeFile(districtsSample, { kind: 'districts' });

    // Assess
    expect(result).toMatchObject({ rows: 13, imported: 9, skipped: 3, invalid: 1, completed: true });
    expect(result.invalidExamples).toEqual([{ row: 13, reason: 'not a valid outward code', value: '15M,53.4663,-2.25267' }]);
    expect(await getOutwardCodeLocation('M15')).toEqual({ lat: 53.4663, lng: -2.25267 });
    expect(await Promise.all(['AB1', 'BF1', 'GIR'].map(getOutwardCodeLocation))).toEqual([null, null, null]);
    expect(await storedKeys('OUTCODE#')).toHaveLength(9);
  });

  it('resumes an interrupted import where it stopped, writing each row once', async () => {
    // Prepare
    const path = await copyOf(onspdSample);
    const checkpointPath = checkpointPathFor(path);
    const stop = new AbortController();

    // Act
    const first = await importPostcodeFile(path, {
      kind: 'postcodes',
      batchSize: 5,
      concurrency: 2,
      checkpointPath,
      signal: stop.signal,
      onProgress: (progress) => {
        if (progress.rows >= 15) stop.abort();
      },
    });
    const saved = JSON.parse(await readFile(checkpointPath, 'utf8')) as Record<string, unknown>;
    const second = await importPostcodeFile(path, { kind: 'postcodes', batchSize: 5, concurrency: 2, checkpointPath });

    // Assess
    expect(first.completed).toBe(false);
    expect(first.rows).toBeGreaterThanOrEqual(15);
    expect(first.rows).toBeLessThan(onspdCounts.rows);
    expect(saved).toMatchObject({ rows: first.rows, imported: first.imported, table: tableName, completed: false });
    expect(second).toMatchObject({ ...onspdCounts, completed: true, resumedFrom: first.rows });
    expect(first.imported + second.importedThisRun).toBe(onspdCounts.imported);
    expect(await storedKeys('POSTCODE#')).toHaveLength(onspdCounts.imported);
  });

  it('stops after a number of rows, then does nothing once complete unless restarted', async () => {
    // Prepare
    const path = await copyOf(onspdSample);
    const checkpointPath = checkpointPathFor(path);

    // Act
    const slice = await importPostcodeFile(path, { kind: 'postcodes', checkpointPath, maxRows: 20 });
    const rest = await importPostcodeFile(path, { kind: 'postcodes', checkpointPath });
    const again = await importPostcodeFile(path, { kind: 'postcodes', checkpointPath });
    const restarted = await importPostcodeFile(path, { kind: 'postcodes', checkpointPath, restart: true });

    // Assess
    expect(slice).toMatchObject({ rows: 20, completed: false });
    expect(rest).toMatchObject({ ...onspdCounts, resumedFrom: 20, completed: true });
    expect(again).toMatchObject({ ...onspdCounts, alreadyComplete: true, importedThisRun: 0 });
    expect(restarted).toMatchObject({ ...onspdCounts, resumedFrom: 0, importedThisRun: 38, alreadyComplete: false });
  });

  it('refuses a checkpoint made for another table', async () => {
    // Prepare
    const path = await copyOf(onspdSample);
    await importPostcodeFile(path, { kind: 'postcodes', checkpointPath: checkpointPathFor(path), maxRows: 10 });
    const checkpoint = JSON.parse(await readFile(checkpointPathFor(path), 'utf8')) as Record<string, unknown>;
    await writeFile(checkpointPathFor(path), JSON.stringify({ ...checkpoint, table: 'another-table' }));

    // Act
    const attempt = importPostcodeFile(path, { kind: 'postcodes', checkpointPath: checkpointPathFor(path) });

    // Assess
    await expect(attempt).rejects.toThrow(/is for table another-table .*pass --restart/);
  });

  it('refuses a districts file read as postcodes', async () => {
    // Act
    const attempt = importPostcodeFile(districtsSample, { kind: 'postcodes' });

    // Assess
    await expect(attempt).rejects.toThrow(/use --districts/);
  });
});

describe('postcode CSV reading', () => {
  it('splits quoted fields holding commas and doubled quotes', () => {
    // Act
    const fields = parseCsvLine('M15,"Hulme, Manchester","say ""hi""",');

    // Assess
    expect(fields).toEqual(['M15', 'Hulme, Manchester', 'say "hi"', '']);
  });

  it('streams records across a quoted line break, without a byte-order mark or blank lines', async () => {
    // Prepare
    const path = join(await mkdtemp(join(tmpdir(), 'csv-')), 'quoted.csv');
    await writeFile(path, '\uFEFFPostcode,Town\r\nM15,"Hulme\r\nManchester"\r\n\r\nM16,Firswood\r\n');

    // Act
    const records: string[][] = [];
    for await (const record of readCsvRecords(path)) records.push(record.fields);

    // Assess
    expect(records).toEqual([
      ['Postcode', 'Town'],
      ['M15', 'Hulme\nManchester'],
      ['M16', 'Firswood'],
    ]);
  });

  it('names the missing columns', () => {
    // Act
    const detect = () => detectColumns(['pcds', 'lat'], 'postcodes');

    // Assess
    expect(detect).toThrow(/Missing columns for postcodes: expected pcds, lat, long .*found pcds, lat/);
  });
});

describe('import:postcodes command', () => {
  beforeEach(async () => {
    await clearPostcodes();
  });

  it('imports a file, printing progress lines and a summary with the first invalid rows', async () => {
    // Prepare
    const path = await copyOf(onspdSample);
    const stdout = captured();
    const stderr = captured(false);

    // Act
    const code = await main([path, '--batch', '5', '--progress-every', '10'], {
      stdout: stdout.stream,
      stderr: stderr.stream,
      env: { TABLE_NAME: tableName },
    });

    // Assess
    expect(code).toBe(0);
    expect(stdout.text()).toMatch(/^Imported 44 rows in [\d.]+ s: 38 postcodes stored, 2 skipped, 4 invalid\./);
    expect(stdout.text()).toContain('row 41: not a valid postcode (M15 4A,53.46,-2.26)');
    expect(stderr.text().trim().split('\n').length).toBeGreaterThanOrEqual(3);
    expect(stderr.text()).toMatch(/^\d+ rows {2}[\d.]+% {2}[\d,]+ rows\/s/);
    expect(JSON.parse(await readFile(checkpointPathFor(path), 'utf8'))).toMatchObject({ rows: 44, completed: true });
  });

  it('prints its help, and refuses bad arguments with exit code 2', async () => {
    // Prepare
    const io = () => ({ stdout: captured(), stderr: captured(), env: { TABLE_NAME: tableName } });
    const help = io();
    const noFile = io();
    const badBatch = io();

    // Act
    const codes = [
      await main(['--help'], { ...help, stdout: help.stdout.stream, stderr: help.stderr.stream }),
      await main([], { ...noFile, stdout: noFile.stdout.stream, stderr: noFile.stderr.stream }),
      await main(['x.csv', '--batch', '26'], { ...badBatch, stdout: badBatch.stdout.stream, stderr: badBatch.stderr.stream }),
    ];

    // Assess
    expect(codes).toEqual([0, 2, 2]);
    expect(help.stdout.text()).toContain('--endpoint URL');
    expect(noFile.stderr.text()).toContain('Give exactly one CSV file.');
    expect(badBatch.stderr.text()).toContain('--batch must be a whole number from 1 to 25');
  });

  it('redraws one progress line in place on a terminal', () => {
    // Prepare
    const stderr = captured(true);
    const printer = progressPrinter(stderr.stream, 10, performance.now() - 1000);
    const progress = { rows: 500, imported: 490, skipped: 5, invalid: 5, invalidExamples: [], bytesRead: 50, totalBytes: 100, rowsThisRun: 500 };

    // Act
    printer.update(progress);
    printer.finish(progress);

    // Assess
    expect(stderr.text()).toMatch(/^\r\[#{10}\.{10}\] 500 rows {2}50\.0% {2}\d+ rows\/s {2}\(5 invalid\)\x1b\[K\r.*\n$/);
  });
});

describe('the real Trafford postcode file', () => {
  it('imports all 11,264 postcodes', async () => {
    // Prepare
    await clearPostcodes();
    const started = performance.now();

    // Act
    const result = await importPostcodeFile(traffordFull, { kind: 'postcodes', concurrency: 4 });
    const seconds = (performance.now() - started) / 1000;

    // Assess
    console.info(`Imported the Trafford file (11,264 postcodes) in ${seconds.toFixed(1)} s`);
    expect(result).toMatchObject({ rows: 11_264, imported: 11_264, skipped: 0, invalid: 0, completed: true });
    expect(await storedKeys('POSTCODE#')).toHaveLength(11_264);
    expect(await getPostcodeLocation('M15 4AB')).toEqual({ lat: 53.465578, lng: -2.26046, localAuthorityCode: 'E08000009' });
  }, 120_000);
});
