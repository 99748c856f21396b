/**
 * Loads a postcode file into the table through the app's own data layer (`putPostcodes`,
 * `putOutwardCodes`): streamed, written in batches with a few in flight, and resumable from a
 * checkpoint file. Used by the `import:postcodes` command and by the local seeder.
 *
 * The data layer reads TABLE_NAME and DYNAMODB_ENDPOINT at load: set them before importing this.
 */
import { rm, stat } from 'node:fs/promises';
import { tableName } from '../functions/data/client.js';
import { BATCH_WRITE_LIMIT } from '../functions/data/batch-write.js';
import { type OutwardCodeRecord, type PostcodeRecord, putOutwardCodes, putPostcodes } from '../functions/data/postcodes.js';
import type { AreaBoundary } from '../functions/contract/area.js';
import { areaContaining } from '../functions/core/point-in-polygon.js';
import { config } from '../functions/shared/config.js';
import {
  type ColumnMap,
  type RowResult,
  type SourceKind,
  detectColumns,
  readCsvRecords,
  readDistrictRow,
  readPostcodeRow,
} from './postcode-csv.js';
import { type CheckpointTarget, loadCheckpoint, saveCheckpoint } from './import-checkpoint.js';

export { checkpointPathFor } from './import-checkpoint.js';

/** A row left out as invalid, for the report. `row` counts data rows from 1 (the header is row 0). */
export interface InvalidRowExample {
  row: number;
  reason: string;
  value: string;
}

/** Counts over the rows read so far. */
export interface ImportCounts {
  /** Data rows read from the start of the file (the header not counted), earlier runs included. */
  rows: number;
  /** Rows sent to the table (a postcode given twice in a file counts twice). */
  imported: number;
  /** Rows left out on purpose (terminated postcodes, retired or non-geographic districts). */
  skipped: number;
  /** Rows that could not be used (bad postcode, missing or out-of-range coordinates). */
  invalid: number;
  /** The first few invalid rows. */
  invalidExamples: InvalidRowExample[];
}

/** Progress, reported each time a batch is committed. */
export interface ImportProgress extends ImportCounts {
  /** Bytes of the file read so far, and its size: for a percentage. */
  bytesRead: number;
  totalBytes: number;
  /** Rows read by this run (not skipped over from a checkpoint), for a rate. */
  rowsThisRun: number;
}

/** How to import a file. Only `kind` is required. */
export interface ImportOptions {
  kind: SourceKind;
  /**
   * Local authority boundaries: a district whose centroid lies in one is filed under it in the
   * area index (full postcodes carry their own local authority).
   */
  areas?: readonly AreaBoundary[];
  /** Rows per write call, 1 to 25. Default 25. */
  batchSize?: number;
  /** Write calls in flight at once. Default 4. */
  concurrency?: number;
  /**
   * Where to keep the checkpoint that makes the import resumable, usually `checkpointPathFor`
   * the file. Omitted: none, for imports that are cheap to repeat (the local seeder, tests).
   */
  checkpointPath?: string;
  /** Ignore an existing checkpoint and start at the first row. */
  restart?: boolean;
  /** Stop cleanly after this many data rows of the file (for a slice, or to test resuming). */
  maxRows?: number;
  /** Stops the import cleanly: rows read so far are written and checkpointed, then it returns. */
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** Least time between two checkpoint writes during the run. Default 1,000 ms. */
  checkpointEveryMs?: number;
}

/** What an import did, with counts over the whole file (earlier runs included). */
export interface ImportResult extends ImportCounts {
  /** False when stopped by `maxRows` or `signal` before the end of the file. */
  completed: boolean;
  /** Rows skipped over because an earlier run had committed them. */
  resumedFrom: number;
  /** Rows stored by this run. */
  importedThisRun: number;
  /** True when the checkpoint said the file was already fully imported, so nothing was read. */
  alreadyComplete: boolean;
  checkpointPath: string | null;
}

/** How many invalid rows are kept as examples. */
export const INVALID_EXAMPLES_KEPT = 5;

/** Where the data goes, as recorded in a checkpoint: a checkpoint is only valid for the same target. */
function target(): Pick<CheckpointTarget, 'table' | 'endpoint'> {
  const { DYNAMODB_ENDPOINT, AWS_REGION } = config();
  return { table: tableName, endpoint: DYNAMODB_ENDPOINT ?? `aws:${AWS_REGION}` };
}

/** How rows of one kind are read and written. */
interface Source<T> {
  read(fields: readonly string[], columns: ColumnMap): RowResult<T>;
  write(records: readonly T[]): Promise<unknown>;
}
const postcodeSource: Source<PostcodeRecord> = { read: readPostcodeRow, write: (records) => putPostcodes(records) };
const districtSource = (areas: readonly AreaBoundary[]): Source<OutwardCodeRecord> => ({
  read(fields, columns) {
    const row = readDistrictRow(fields, columns);
    if (row.status !== 'ok') return row;
    const localAuthorityCode = areaContaining(row.record, areas);
    return localAuthorityCode ? { status: 'ok', record: { ...row.record, localAuthorityCode } } : row;
  },
  write: (records) => putOutwardCodes(records),
});

const copyCounts = (counts: ImportCounts): ImportCounts => ({ ...counts, invalidExamples: [...counts.invalidExamples] });

/**
 * Runs writes a few at a time and commits them strictly in the order they were added, so "committed"
 * always means "this one and every one before it is written". Each write's promise is settled into an
 * outcome at once, so a failure cannot go unhandled while older writes still run.
 */
class OrderedWrites<M> {
  private readonly inFlight: { outcome: Promise<{ ok: true } | { ok: false; error: unknown }>; marker: M }[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly onCommitted: (marker: M) => Promise<void>,
  ) {}

  /** Starts a write; waits while too many are in flight. Throws the first failure, in order. */
  async add(write: Promise<unknown>, marker: M): Promise<void> {
    const outcome = write.then(
      () => ({ ok: true }) as const,
      (error: unknown) => ({ ok: false, error }) as const,
    );
    this.inFlight.push({ outcome, marker });
    while (this.inFlight.length >= this.concurrency) await this.commitOldest();
  }

  /** Waits for every write. Throws the first failure, in order. */
  async drain(): Promise<void> {
    while (this.inFlight.length > 0) await this.commitOldest();
  }

  /** After a failure: waits for the writes already sent and commits those proven written, in order. */
  async settleAfterFailure(): Promise<void> {
    const entries = this.inFlight.splice(0);
    const outcomes = await Promise.all(entries.map((entry) => entry.outcome));
    for (const [index, outcome] of outcomes.entries()) {
      const entry = entries[index];
      if (!outcome.ok || !entry) return;
      await this.onCommitted(entry.marker);
    }
  }

  private async commitOldest(): Promise<void> {
    const oldest = this.inFlight.shift();
    if (!oldest) return;
    const outcome = await oldest.outcome;
    if (!outcome.ok) throw outcome.error;
    await this.onCommitted(oldest.marker);
  }
}

/**
 * Imports a postcode file (see `postcode-csv.ts` for the formats). Invalid rows are counted and
 * reported, never fatal. Resumes from the checkpoint unless `restart`; the checkpoint only ever counts
 * rows whose batch, and every batch before it, has been written, so a crash repeats a few writes
 * (harmless: puts overwrite) and never loses one.
 */
export async function importPostcodeFile(path: string, options: ImportOptions): Promise<ImportResult> {
  const { kind, restart = false, onProgress, checkpointEveryMs = 1_000 } = options;
  const checkpointPath = options.checkpointPath ?? null;
  const { size: totalBytes } = await stat(path);

  if (restart && checkpointPath) await rm(checkpointPath, { force: true });
  const checkpoint = checkpointPath ? await loadCheckpoint(checkpointPath, { kind, fileSize: totalBytes, ...target() }) : null;
  const resumedFrom = checkpoint?.rows ?? 0;
  const initial: ImportCounts = checkpoint
    ? {
        rows: checkpoint.rows,
        imported: checkpoint.imported,
        skipped: checkpoint.skipped,
        invalid: checkpoint.invalid,
        invalidExamples: checkpoint.invalidExamples,
      }
    : { rows: 0, imported: 0, skipped: 0, invalid: 0, invalidExamples: [] };
  const result = (counts: ImportCounts, completed: boolean, alreadyComplete: boolean): ImportResult => ({
    ...counts,
    completed,
    alreadyComplete,
    resumedFrom,
    importedThisRun: counts.imported - initial.imported,
    checkpointPath,
  });
  if (checkpoint?.completed) return result(initial, true, true);

  /** Counts up to the last row proven written (with every row before it). */
  let committed = copyCounts(initial);
  let bytesRead = 0;
  let lastSaved = Date.now();
  const save = async (completed: boolean) => {
    if (!checkpointPath) return;
    const { rows, imported, skipped, invalid, invalidExamples } = committed;
    await saveCheckpoint(checkpointPath, {
      version: 1,
      kind,
      ...target(),
      fileSize: totalBytes,
      rows,
      imported,
      skipped,
      invalid,
      invalidExamples,
      completed,
      updatedAt: new Date().toISOString(),
    });
    lastSaved = Date.now();
  };
  const report = () => onProgress?.({ ...committed, bytesRead, totalBytes, rowsThisRun: committed.rows - resumedFrom });
  const writes = new OrderedWrites<ImportCounts>(Math.max(1, Math.floor(options.concurrency ?? 4)), async (counts) => {
    committed = counts;
    if (Date.now() - lastSaved >= checkpointEveryMs) await save(false);
    report();
  });

  let completed: boolean;
  try {
    const run: Run = {
      path,
      options,
      resumedFrom,
      counts: copyCounts(initial),
      writes,
      onBytesRead: (read) => {
        bytesRead = read;
      },
    };
    completed = await (kind === 'postcodes' ? readAndWrite(postcodeSource, run) : readAndWrite(districtSource(options.areas ?? []), run));
    await writes.drain();
    // Rows after the last batch (skipped or invalid ones) are done once every batch is written.
    committed = run.counts;
  } catch (error) {
    await writes.settleAfterFailure();
    await save(false);
    throw error;
  }
  await save(completed);
  report();
  return result(committed, completed, false);
}

interface Run {
  path: string;
  options: ImportOptions;
  resumedFrom: number;
  /** Counts over every row read, written or not yet. */
  counts: ImportCounts;
  writes: OrderedWrites<ImportCounts>;
  onBytesRead(bytesRead: number): void;
}

/** Reads the file from where the checkpoint left off and hands batches to the writer. Returns false if stopped early. */
async function readAndWrite<T>(source: Source<T>, run: Run): Promise<boolean> {
  const { path, options, resumedFrom, counts, writes } = run;
  const { maxRows, signal } = options;
  const batchSize = Math.min(Math.max(1, Math.floor(options.batchSize ?? BATCH_WRITE_LIMIT)), BATCH_WRITE_LIMIT);
  let batch: T[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    // The batch carries the counts as of its last row: they become the checkpoint once it is committed.
    await writes.add(source.write(batch), copyCounts(counts));
    batch = [];
  };

  let columns: ColumnMap | undefined;
  let dataRow = 0;
  for await (const { fields, bytesRead } of readCsvRecords(path)) {
    run.onBytesRead(bytesRead);
    if (!columns) {
      columns = detectColumns(fields, options.kind);
      continue;
    }
    dataRow += 1;
    // Rows an earlier run committed are only counted past.
    if (dataRow <= resumedFrom) continue;
    if (signal?.aborted || (maxRows !== undefined && dataRow > maxRows)) {
      await flush();
      return false;
    }
    const row = source.read(fields, columns);
    counts.rows = dataRow;
    if (row.status === 'ok') {
      batch.push(row.record);
      counts.imported += 1;
      if (batch.length >= batchSize) await flush();
    } else if (row.status === 'skipped') {
      counts.skipped += 1;
    } else {
      counts.invalid += 1;
      if (counts.invalidExamples.length < INVALID_EXAMPLES_KEPT) {
        const value = [columns.code, columns.lat, columns.lng].map((index) => fields[index] ?? '').join(',');
        counts.invalidExamples.push({ row: dataRow, reason: row.reason, value: value.slice(0, 80) });
      }
    }
  }
  if (!columns) throw new Error(`${path} is empty: it needs a header row`);
  await flush();
  return true;
}
