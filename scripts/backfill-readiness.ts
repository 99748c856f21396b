/**
 * `npm run backfill:readiness -- --table NAME [--endpoint URL]`: once, after the first deploy of
 * readiness reminders on a table that already held listings, puts those listings in the readiness
 * index so the daily job finds them (see `backfillReadinessIndex`).
 */
import { parseArgs } from 'node:util';

const helpText = `Puts listings written before readiness reminders into the readiness index, so the daily job finds them.

  npm run backfill:readiness -- --table NAME [--endpoint URL]

  --table NAME     the finder's table; sets TABLE_NAME (default: $TABLE_NAME)
  --endpoint URL   a local DynamoDB endpoint; sets DYNAMODB_ENDPOINT. Leave it out for AWS, which
                   uses your credentials and AWS_REGION.

It reads the whole table once (a Scan). Safe while outlets keep writing, and safe to run again.`;

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
const { backfillReadinessIndex } = await import('../functions/data/readiness-backfill.js');
const result = await backfillReadinessIndex();
console.log(`Found ${result.found} listings outside the readiness index; put ${result.added} in it (withdrawn ones stay out).`);
