/**
 * `npm run import:postal -- FILE.json [--dry-run]`: creates or updates postal naloxone services,
 * which cover an area rather than stand at a point, from a JSON file in the finder's own shape
 * (README, "Postal services"). Applying the same file twice changes nothing the second time; a
 * service is withdrawn by importing it with `"status": "inactive"`.
 */
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { importCommandOptions, importFileArgument, openTableForCommand, readImportFile, readOrExit } from './open-table.js';

const helpText = `Creates or updates postal naloxone services from a JSON file.

  npm run import:postal -- FILE.json [--dry-run] [--table NAME] [--endpoint URL] [--data-dir DIR]

  FILE.json        a list of services (or { "services": [...] }), each: id, name, organisation,
                   description, whoCanOrder, website and/or phone, kitTypes, serviceArea
                   { nations: [england|wales|scotland|northern_ireland], localAuthorities: [GSS codes] },
                   status (active|inactive), demo
  --dry-run        say what each service would do; write nothing
  --table NAME     the finder's table on AWS (or $TABLE_NAME); uses your AWS credentials and AWS_REGION
  --endpoint URL   a DynamoDB endpoint of your own (with --table)
  --data-dir DIR   without --table: the local finder's data (default .local/dynamodb; stop npm start first)`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: importCommandOptions,
});
const file = importFileArgument(values.help, positionals, helpText);
const { localEngine } = await openTableForCommand({ table: values.table, endpoint: values.endpoint, dataDir: values['data-dir'] });

// The data layer reads its configuration when it loads: only now that it is set.
const { readPostalServiceFile } = await import('../functions/core/postal-service-import.js');
const { getPostalService, savePostalService, sameService } = await import('../functions/data/postal-services.js');

const text = await readImportFile(file);
const entries = await readOrExit(() => readPostalServiceFile(text));

const dryRun = values['dry-run'];
const counts = { new: 0, changed: 0, unchanged: 0, invalid: 0 };
const lines: string[] = [];
for (const entry of entries) {
  if (entry.service === null) {
    counts.invalid += 1;
    lines.push(`  entry ${entry.index + 1}${entry.id ? ` ${entry.id}` : ''}: ${entry.problems.map((problem) => `${problem.field}: ${problem.message}`).join('; ')}`);
    continue;
  }
  let outcome: 'new' | 'changed' | 'unchanged';
  if (dryRun) {
    const current = await getPostalService(entry.service.id);
    outcome = current === null ? 'new' : sameService(current, entry.service) ? 'unchanged' : 'changed';
  } else {
    const saved = await savePostalService(entry.service);
    outcome = saved === 'created' ? 'new' : saved;
  }
  counts[outcome] += 1;
  if (outcome !== 'unchanged') lines.push(`  entry ${entry.index + 1} ${entry.service.id}: ${outcome}`);
}
console.log(`${dryRun ? 'Dry run of' : 'Imported'} ${basename(file)}: ${counts.new} new, ${counts.changed} changed, ${counts.unchanged} unchanged, ${counts.invalid} invalid`);
for (const line of lines) console.log(line);
await localEngine?.close();
if (counts.invalid > 0) process.exitCode = 1;
