/**
 * `npm run backfill:readiness -- --table NAME [--endpoint URL]`: once, after the first deploy of
 * readiness reminders on a table that already held listings, puts those listings in the readiness
 * index so the daily job finds them (see `backfillReadinessIndex`).
 */
import { tableOptionsHelp, useTableFromArguments } from './table-arguments.js';

const helpText = `Puts listings written before readiness reminders into the readiness index, so the daily job finds them.

  npm run backfill:readiness -- --table NAME [--endpoint URL]

${tableOptionsHelp}

It reads the whole table once (a Scan). Safe while outlets keep writing, and safe to run again.`;

useTableFromArguments(helpText);

// The data layer reads its configuration when it loads: only now that it is set.
const { backfillReadinessIndex } = await import('../functions/data/readiness-backfill.js');
const result = await backfillReadinessIndex();
console.log(`Found ${result.found} listings outside the readiness index; put ${result.added} in it (withdrawn ones stay out).`);
