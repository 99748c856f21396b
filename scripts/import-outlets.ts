/**
 * `npm run import:outlets -- FILE [--dry-run]`: loads listings from the NHS pharmacy list, the
 * finder's CSV template or HSDS 3.0 JSON (see README "Importing listings"), row by row.
 *
 * A dry run writes nothing and says what each row would do: new, changed (which fields), unchanged
 * or invalid (why, and on which line). Applying is idempotent by external id, shows progress, and
 * keeps a checkpoint beside the file so an interrupted import resumes where it stopped.
 */
import { randomUUID } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { ImportReport, ImportRowResult } from '../functions/contract/outlet-import.js';
import { checkpointPathFor, loadCheckpoint, saveCheckpoint } from './import-checkpoint.js';
import { importCommandOptions, importFileArgument, openTableForCommand, readImportFile, readOrExit } from './open-table.js';

const helpText = `Imports listings from a file.

  npm run import:outlets -- FILE [--dry-run] [--table NAME] [--endpoint URL] [--as NAME] [--json] [--restart]

  FILE             the NHS Consolidated Pharmaceutical List (CSV), the finder's template (CSV with an
                   external_id column), or HSDS 3.0 service_at_location JSON
  --dry-run        say what each row would do; write nothing
  --table NAME     the finder's table on AWS (or $TABLE_NAME); uses your AWS credentials and AWS_REGION
  --endpoint URL   a DynamoDB endpoint of your own (with --table)
  --data-dir DIR   without --table: the local finder's data (default .local/dynamodb; stop npm start first)
  --as NAME        who is importing, for each listing's change history (default: $USER)
  --json           print the whole report as JSON instead of a summary
  --restart        ignore the checkpoint of an earlier, interrupted import of this file`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    ...importCommandOptions,
    as: { type: 'string' },
    json: { type: 'boolean', default: false },
    restart: { type: 'boolean', default: false },
  },
});

const file = importFileArgument(values.help, positionals, helpText);
/** The local finder's data, opened here when no table is named. */
const { table, localEngine } = await openTableForCommand({ table: values.table, endpoint: values.endpoint, dataDir: values['data-dir'] });

// The data layer reads its configuration when it loads: only now that it is set.
const { detectFormat, readCandidates } = await import('../functions/core/outlet-import-sources.js');
const { applyPlan, planImport } = await import('../functions/core/outlet-import-plan.js');
const { importLookups, importWriter } = await import('../functions/data/outlet-import-ports.js');

/** Rows planned and written together: one consistent batch read of their listings each. */
const chunkSize = 500;

const text = await readImportFile(file);
const format = await readOrExit(() => detectFormat(text));
const candidates = readCandidates(text, format);
const dryRun = values['dry-run'];
const target = {
  kind: 'outlets' as const,
  fileSize: (await stat(file)).size,
  table,
  endpoint: process.env.DYNAMODB_ENDPOINT ?? 'aws',
};
const checkpointPath = checkpointPathFor(file);
if (values.restart) await rm(checkpointPath, { force: true });
const checkpoint = dryRun ? null : await loadCheckpoint(checkpointPath, target);
const resumeAt = checkpoint && !checkpoint.completed ? checkpoint.rows : 0;
if (resumeAt > 0) console.error(`Resuming after row ${resumeAt} of ${candidates.length} (checkpoint ${checkpointPath})`);

const context = { actor: { subject: 'import', label: `Import of ${basename(file)} by ${values.as ?? process.env.USER ?? 'an operator'}` }, now: new Date(), newId: randomUUID };
const results: ImportRowResult[] = [];
const started = performance.now();
for (let start = resumeAt; start < candidates.length; start += chunkSize) {
  const chunk = candidates.slice(start, start + chunkSize);
  const plans = await planImport(chunk, importLookups, context.now);
  results.push(...(dryRun ? plans.map((plan) => plan.result) : await applyPlan(plans, importWriter, context)));
  const done = start + chunk.length;
  if (!dryRun) {
    const written = results.filter((result) => result.outcome === 'new' || result.outcome === 'changed').length;
    const invalid = results.filter((result) => result.outcome === 'invalid');
    await saveCheckpoint(checkpointPath, {
      version: 1,
      ...target,
      rows: done,
      imported: (checkpoint?.imported ?? 0) + written,
      skipped: results.filter((result) => result.outcome === 'unchanged').length,
      invalid: invalid.length,
      invalidExamples: invalid.slice(0, 5).map((result) => ({ row: result.line, reason: result.problems[0]?.message ?? '', value: result.externalId ?? '' })),
      completed: done === candidates.length,
      updatedAt: new Date().toISOString(),
    });
  }
  if (!values.json) process.stderr.write(`\r${dryRun ? 'Checked' : 'Imported'} ${done} of ${candidates.length} rows`);
}
if (!values.json) process.stderr.write('\n');

const counts = { new: 0, changed: 0, unchanged: 0, invalid: 0 };
for (const result of results) counts[result.outcome] += 1;
const report: ImportReport = { format, dryRun, counts, rows: results };
if (values.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const seconds = (performance.now() - started) / 1000;
  console.log(`${dryRun ? 'Dry run of' : 'Imported'} ${basename(file)} (${format}): ${counts.new} new, ${counts.changed} changed, ${counts.unchanged} unchanged, ${counts.invalid} invalid (${results.length} rows in ${seconds.toFixed(1)} s)`);
  for (const result of results) {
    if (result.outcome === 'changed') console.log(`  line ${result.line} ${result.outletId}: changed ${result.changes.join(', ')}`);
    if (result.outcome === 'invalid') console.log(`  line ${result.line}${result.externalId ? ` ${result.externalId}` : ''}: ${result.problems.map((problem) => `${problem.field}: ${problem.message}`).join('; ')}`);
    if (result.outcome !== 'invalid' && result.warnings.length > 0) {
      console.log(`  line ${result.line}${result.externalId ? ` ${result.externalId}` : ''}: check ${result.warnings.map((warning) => `${warning.field}: ${warning.message}`).join('; ')}`);
    }
  }
  if (resumeAt > 0) console.log(`  (rows 1–${resumeAt} were imported before the interruption)`);
}
await localEngine?.close();
