/**
 * `npm run rebuild:geo-counters -- --table NAME [--endpoint URL]`: recounts the occupancy counters
 * that the nearest search trusts, from the published outlets, and rewrites the wrong ones.
 * Run it with outlet writes paused (see `rebuildGeoCounters`).
 */
import { parseArgs } from 'node:util';

const helpText = `Recounts the geo index's occupancy counters from the published outlets.

  npm run rebuild:geo-counters -- --table NAME [--endpoint URL]

  --table NAME     the finder's table; sets TABLE_NAME (default: $TABLE_NAME)
  --endpoint URL   a local DynamoDB endpoint; sets DYNAMODB_ENDPOINT. Leave it out for AWS, which
                   uses your credentials and AWS_REGION.

Pause outlet writes while it runs: a write during the recount can be overwritten.`;

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
const { rebuildGeoCounters } = await import('../functions/data/geo-counters.js');
const result = await rebuildGeoCounters();
console.log(
  `Recounted ${result.outlets} published outlets in ${result.cells} cells; ` +
    (result.corrected.length === 0 ? 'every counter was right.' : `corrected ${result.corrected.length}: ${result.corrected.join(', ')}`),
);
