/**
 * `npm run import:postcodes -- FILE.csv [options]`: loads an ONS Postcode Directory file, an extract
 * of one, or the postcode districts file into the finder's table. The work is done by
 * `importPostcodeFile` (`postcode-sources.ts`); this file reads the arguments and prints.
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { AreaBoundary } from '../functions/contract/area.js';
import { readAreaBoundaries } from './area-boundaries.js';
import type { ImportProgress, ImportResult } from './postcode-sources.js';

/** The `--help` text: formats, resuming, and how the flags set the data layer's configuration. */
export const helpText = `Usage: npm run import:postcodes -- FILE.csv [options]

Loads postcode centroids into the finder's DynamoDB table, through the app's own data layer.
FILE.csv is read by its header:
  ONS Postcode Directory (full)   pcds, lat, long, oslaua, doterm (terminated postcodes are skipped)
  an ONSPD extract                postcode, lat, lon, la_code
  postcode districts (--districts) Postcode, Latitude, Longitude, Active postcodes
Rows with a bad postcode or missing or non-UK coordinates are counted and shown at the end, never fatal.

The import is resumable: FILE.csv.import-state.json keeps the rows written so far; run the same
command again after a failure or Ctrl-C and it carries on from there.

Options:
  --districts          load outward-code (district) centroids instead of full postcodes
  --areas FILE.geojson with --districts: local authority boundaries (ONS GeoJSON); each district is
                       filed under the one its centroid lies in, and the boundaries are stored, so an
                       area's dashboard can measure coverage where full postcodes are not loaded
  --table NAME         the table to write to; sets TABLE_NAME (default: $TABLE_NAME)
  --endpoint URL       a local DynamoDB endpoint; sets DYNAMODB_ENDPOINT. Leave it out for AWS,
                       which uses the usual AWS credentials and AWS_REGION (default eu-west-2)
  --batch N            rows per write call, 1 to 25 (default 25)
  --concurrency N      write calls in flight at once (default 4)
  --restart            ignore the checkpoint and start again from the first row
  --progress-every N   when stderr is not a terminal, print progress every N rows (default 100000)
  --help               show this text`;

/** Where the command writes: stderr gets progress, stdout the summary. */
export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
}

const number = (value: number) => value.toLocaleString('en-GB');

/**
 * A progress line on stderr: redrawn in place (`\r`) at most ten times a second on a terminal,
 * otherwise one line every `every` rows so logs stay readable.
 */
export function progressPrinter(stream: CommandIo['stderr'], every: number, started = performance.now()) {
  let lastDraw = 0;
  let lastLine = 0;
  const describe = (progress: ImportProgress) => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(progress.rowsThisRun / seconds) : 0;
    const percent = progress.totalBytes > 0 ? (100 * progress.bytesRead) / progress.totalBytes : 100;
    return `${number(progress.rows)} rows  ${percent.toFixed(1)}%  ${number(rate)} rows/s  (${number(progress.invalid)} invalid)`;
  };
  return {
    update(progress: ImportProgress) {
      if (stream.isTTY) {
        const now = performance.now();
        if (now - lastDraw < 100) return;
        lastDraw = now;
        const width = 20;
        const filled = Math.round((width * progress.bytesRead) / Math.max(1, progress.totalBytes));
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${describe(progress)}\x1b[K`);
      } else if (progress.rows - lastLine >= every) {
        lastLine = progress.rows - (progress.rows % every);
        stream.write(`${describe(progress)}\n`);
      }
    },
    /** Ends the line being redrawn, before anything else is printed. */
    finish(progress: ImportProgress | undefined) {
      if (progress && stream.isTTY) stream.write(`\r${describe(progress)}\x1b[K\n`);
    },
  };
}

/** The summary printed when the import ends or stops. */
export function summary(result: ImportResult, kind: 'postcodes' | 'districts', seconds: number): string {
  const what = kind === 'postcodes' ? 'postcodes' : 'outward codes';
  if (result.alreadyComplete) {
    return `Already imported: ${number(result.imported)} ${what} (the checkpoint ${result.checkpointPath} says so). Use --restart to import again.\n`;
  }
  const lines = [
    `${result.completed ? 'Imported' : 'Stopped after'} ${number(result.rows)} rows in ${seconds.toFixed(1)} s: ` +
      `${number(result.imported)} ${what} stored, ${number(result.skipped)} skipped, ${number(result.invalid)} invalid.`,
  ];
  if (result.resumedFrom > 0) lines.push(`Resumed after row ${number(result.resumedFrom)}; ${number(result.importedThisRun)} stored by this run.`);
  if (result.invalid > 0) {
    lines.push(`First invalid rows:`);
    for (const example of result.invalidExamples) lines.push(`  row ${number(example.row)}: ${example.reason} (${example.value})`);
  }
  if (!result.completed) lines.push('Run the same command again to carry on.');
  return `${lines.join('\n')}\n`;
}

const positiveInteger = (name: string, text: string | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER) => {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`--${name} must be a whole number from 1 to ${max}`);
  return value;
};

/** Runs the command; returns the exit code (0 done, 1 failed, 2 bad arguments, 130 stopped by Ctrl-C). */
export async function main(argv: readonly string[], io: CommandIo): Promise<number> {
  let parsed;
  let batchSize: number;
  let concurrency: number;
  let progressEvery: number;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        districts: { type: 'boolean', default: false },
        areas: { type: 'string' },
        table: { type: 'string' },
        endpoint: { type: 'string' },
        batch: { type: 'string' },
        concurrency: { type: 'string' },
        restart: { type: 'boolean', default: false },
        'progress-every': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
    batchSize = positiveInteger('batch', parsed.values.batch, 25, 25);
    concurrency = positiveInteger('concurrency', parsed.values.concurrency, 4, 64);
    progressEvery = positiveInteger('progress-every', parsed.values['progress-every'], 100_000);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${helpText}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(`${helpText}\n`);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) {
    io.stderr.write(`Give exactly one CSV file.\n\n${helpText}\n`);
    return 2;
  }
  // The data layer reads its configuration once, when first imported: set it before that import.
  if (values.table) io.env.TABLE_NAME = values.table;
  if (values.endpoint) io.env.DYNAMODB_ENDPOINT = values.endpoint;
  if (!io.env.TABLE_NAME) {
    io.stderr.write(`Name the table with --table NAME or TABLE_NAME.\n\n${helpText}\n`);
    return 2;
  }

  if (values.areas && !values.districts) {
    io.stderr.write(`--areas goes with --districts.\n\n${helpText}\n`);
    return 2;
  }

  const { checkpointPathFor, importPostcodeFile } = await import('./postcode-sources.js');
  const kind = values.districts ? 'districts' : 'postcodes';
  let areas: AreaBoundary[] = [];
  if (values.areas) {
    try {
      areas = await readAreaBoundaries(values.areas);
    } catch (error) {
      io.stderr.write(`Could not read the boundaries: ${(error as Error).message}\n`);
      return 2;
    }
    const { putAreaBoundary } = await import('../functions/data/areas.js');
    for (const area of areas) await putAreaBoundary(area);
  }
  const started = performance.now();
  const printer = progressPrinter(io.stderr, progressEvery, started);
  let last: ImportProgress | undefined;
  const stop = new AbortController();
  const onInterrupt = () => stop.abort();
  process.once('SIGINT', onInterrupt);
  try {
    const result = await importPostcodeFile(file, {
      kind,
      areas,
      batchSize,
      concurrency,
      restart: values.restart,
      checkpointPath: checkpointPathFor(file),
      signal: stop.signal,
      onProgress: (progress) => {
        last = progress;
        printer.update(progress);
      },
    });
    printer.finish(last);
    io.stdout.write(summary(result, kind, (performance.now() - started) / 1000));
    return result.completed ? 0 : 130;
  } catch (error) {
    printer.finish(last);
    io.stderr.write(`Import failed: ${(error as Error).message}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
}
