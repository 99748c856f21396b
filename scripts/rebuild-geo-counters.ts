/**
 * `npm run rebuild:geo-counters -- --table NAME [--endpoint URL]`: recounts the occupancy counters
 * that the nearest search trusts, from the published outlets, and rewrites the wrong ones.
 * Run it with outlet writes paused (see `rebuildGeoCounters`).
 */
import { tableOptionsHelp, useTableFromArguments } from './table-arguments.js';

const helpText = `Recounts the geo index's occupancy counters from the published outlets.

  npm run rebuild:geo-counters -- --table NAME [--endpoint URL]

${tableOptionsHelp}

Pause outlet writes while it runs: a write during the recount can be overwritten.`;

useTableFromArguments(helpText);

// The data layer reads its configuration when it loads: only now that it is set.
const { rebuildGeoCounters } = await import('../functions/data/geo-counters.js');
const result = await rebuildGeoCounters();
console.log(
  `Recounted ${result.outlets} published outlets in ${result.cells} cells; ` +
    (result.corrected.length === 0 ? 'every counter was right.' : `corrected ${result.corrected.length}: ${result.corrected.join(', ')}`),
);
