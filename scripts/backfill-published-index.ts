/**
 * `npm run backfill:published-index -- --table NAME [--endpoint URL]`: gives the open data index's
 * keys to the publicly listed outlets of a table deployed before the index existed (README, "Open
 * data"). Safe to run while the finder runs, and to run again.
 */
import { parseArgs } from 'node:util';

const helpText = `Adds the open data index's keys to publicly listed outlets stored without them.

  npm run backfill:published-index -- --table NAME [--endpoint URL]

  --table NAME     the finder's table; sets TABLE_NAME (default: $TABLE_NAME)
  --endpoint URL   a local DynamoDB endpoint; sets DYNAMODB_ENDPOINT. Leave it out for AWS, which
                   uses your credentials and AWS_REGION.`;

const { values } = parseArgs({
  options: { table: { type: 'string' }, endpoint: { type: 'string' }, help: { type: 'boolean', default: false } },
});

if (values.help) {
  console.log(helpText);
  process.exit(0);
}
if (values.table) process.env.TABLE_NAME = values.table;
if (values.endpoint) process.env.DYNAMODB_ENDPOINT = values.endpoint;
if (!process.env.TABLE_NAME) {
  console.error(`Name the table with --table NAME or TABLE_NAME.\n\n${helpText}`);
  process.exit(2);
}

// The data layer reads its configuration when it loads: only now that it is set.
const { backfillPublishedIndex } = await import('../functions/data/published-index-backfill.js');
const result = await backfillPublishedIndex();
console.log(`Found ${result.missing} outlets without the open data index's keys; gave them to the ${result.added} publicly listed.`);
