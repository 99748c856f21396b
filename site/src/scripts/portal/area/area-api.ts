/**
 * The area dashboard's requests (`/api/portal/areas/{code}…`), through the portal's own client:
 * the same token handling, and every answer checked against the contract's schemas.
 */
// First, before any schema is built: the portal's CSP forbids zod's eval probe.
import '../../zod-without-eval.js';
import {
  areaBatchesSchema,
  areaCoverageSchema,
  areaOverviewSchema,
  areaSuppliesSchema,
  type AreaBatches,
  type AreaCoverage,
  type AreaImportRequest,
  type AreaOverview,
  type AreaSupplies,
} from '@contract/area-dashboard.js';
import { storedAreaEstimateSchema, type AreaEstimate, type StoredAreaEstimate } from '@contract/area.js';
import { importReportSchema, type ImportReport } from '@contract/outlet-import.js';
import { portalRequest, portalText, type PortalResult } from '../portal-api.js';

const areaPath = (code: string, rest = ''): string => `/portal/areas/${encodeURIComponent(code)}${rest}`;

/** `GET /api/portal/areas/{code}`: listings, counts, stale listings, open reports and the estimate. */
export const getAreaOverview = (code: string): Promise<PortalResult<AreaOverview>> => portalRequest(areaPath(code), areaOverviewSchema);

/** `GET …/supplies`: kits given out by month over the last 12 months, against the estimate. */
export const getAreaSupplies = (code: string): Promise<PortalResult<AreaSupplies>> => portalRequest(areaPath(code, '/supplies'), areaSuppliesSchema);

/** `PUT …/estimate`: the estimated number of people using opiates, with its source and year. */
export const setAreaEstimate = (code: string, estimate: AreaEstimate): Promise<PortalResult<StoredAreaEstimate>> =>
  portalRequest(areaPath(code, '/estimate'), storedAreaEstimateSchema, { method: 'PUT', body: estimate });

/** `GET …/batches`: batches expiring within 60 days, or every batch with a (recalled) number. */
export const getAreaBatches = (code: string, batchNumber?: string): Promise<PortalResult<AreaBatches>> =>
  portalRequest(areaPath(code, batchNumber ? `/batches?${new URLSearchParams({ number: batchNumber })}` : '/batches'), areaBatchesSchema);

/** `GET …/coverage`: the three moments' figures, worst-served places and map squares. */
export const getAreaCoverage = (code: string): Promise<PortalResult<AreaCoverage>> => portalRequest(areaPath(code, '/coverage'), areaCoverageSchema);

/** `GET …/coverage.csv`: every place and its distance at each moment, as the API writes it. */
export const getAreaCoverageCsv = (code: string): Promise<PortalResult<string>> => portalText(areaPath(code, '/coverage.csv'), 'text/csv');

/**
 * `POST …/imports`: a dry run (nothing written), or the import itself with an `Idempotency-Key`,
 * so that sending it again after a lost answer applies it once.
 */
export const importListings = (code: string, upload: AreaImportRequest, idempotencyKey?: string): Promise<PortalResult<ImportReport>> =>
  portalRequest(areaPath(code, '/imports'), importReportSchema, {
    method: 'POST',
    body: upload,
    headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
  });
