/**
 * Lambda entry for local authorities' dashboards: every route is for the commissioner of the area
 * named by the path (or an administrator), and reads the area index; coverage and uploads are the
 * heaviest work the API does, so they have a function of their own.
 */
import { getAreaBatches } from '../handlers/get-area-batches.js';
import { getAreaCoverage, getAreaCoverageCsv } from '../handlers/get-area-coverage.js';
import { getAreaOverview } from '../handlers/get-area-overview.js';
import { getAreaSupplies } from '../handlers/get-area-supplies.js';
import { importAreaListings } from '../handlers/import-area-listings.js';
import { listAreaAttention } from '../handlers/list-area-attention.js';
import { setAreaEstimate } from '../handlers/set-area-estimate.js';
import { readMemberships } from '../data/memberships.js';
import { outletAreaOf } from '../data/outlets.js';
import { groupEntry } from '../shared/request-pipeline.js';

export const handler = groupEntry(
  'area',
  { getAreaOverview, getAreaSupplies, setAreaEstimate, getAreaBatches, getAreaCoverage, getAreaCoverageCsv, importAreaListings, listAreaAttention },
  { readMemberships, outletAreaOf },
);
