/**
 * `npm run backfill:published-index -- --table NAME [--endpoint URL]`: gives the open data index's
 * keys to the publicly listed outlets of a table deployed before the index existed (README, "Open
 * data"). Safe to run while the finder runs, and to run again.
 */
import { tableOptionsHelp, useTableFromArguments } from './table-arguments.js';

const helpText = `Adds the open data index's keys to publicly listed outlets stored without them.

  npm run backfill:published-index -- --table NAME [--endpoint URL]

${tableOptionsHelp}`;

useTableFromArguments(helpText);

// The data layer reads its configuration when it loads: only now that it is set.
const { backfillPublishedIndex } = await import('../functions/data/published-index-backfill.js');
const result = await backfillPublishedIndex();
console.log(`Found ${result.missing} outlets without the open data index's keys; gave them to the ${result.added} publicly listed.`);
