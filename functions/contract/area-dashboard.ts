/**
 * A local authority's dashboard (`/api/portal/areas/{code}…`): its listings, how fresh they are, the
 * public's reports, kits given out against its estimate of people using opiates, stock batches
 * about to expire, and coverage gaps.
 */
import * as z from 'zod';
import { storedAreaEstimateSchema } from './area.js';
import { batchSchema } from './batches.js';
import { coverageResultSchema } from './coverage.js';
import { freshnessSchema } from './freshness.js';
import { areaOutletSchema, outletStatusSchema, outletTypeSchema } from './outlet.js';
import { problemReportSchema } from './report.js';
import { supplyMonthSchema } from './supplies.js';

/** One of the area's listings, as the dashboard's table and map show it. */
export const areaListingSchema = z.object({
  ...areaOutletSchema.shape,
  /** The status the public sees now (a closure whose reopening day has come reads as active). */
  publicStatus: outletStatusSchema,
  freshness: freshnessSchema,
  /** Whole days since it was last confirmed (or listed, if never); null when neither is known. */
  unconfirmedDays: z.number().int().nullable(),
  openReports: z.number().int().nonnegative(),
});
export type AreaListing = z.infer<typeof areaListingSchema>;

/** `GET /api/portal/areas/{code}`. */
export const areaOverviewSchema = z.object({
  area: z.object({ code: z.string(), name: z.string().nullable() }),
  estimate: storedAreaEstimateSchema.nullable(),
  listings: z.array(areaListingSchema),
  /** How many listings of each type and public status. */
  counts: z.array(z.object({ outletType: outletTypeSchema, status: outletStatusSchema, count: z.number().int() })),
  /** Listings going stale or stale already, longest unconfirmed first. */
  stale: z.array(areaListingSchema),
  /** Open problem reports, newest first, with the listing's name. */
  openReports: z.array(z.object({ ...problemReportSchema.shape, outletName: z.string() })),
});
export type AreaOverview = z.infer<typeof areaOverviewSchema>;

/** `GET /api/portal/areas/{code}/supplies?from=&to=`: the area's kits given out by month and kit type. */
export const areaSuppliesSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  months: z.array(supplyMonthSchema),
  totals: z.object({ first: z.number().int(), resupply: z.number().int(), kits: z.number().int() }),
  estimate: storedAreaEstimateSchema.nullable(),
  /**
   * Kits given out in the range per person estimated to use opiates, to one decimal place; null
   * without an estimate. Release recommends at least one kit per person.
   */
  kitsPerPerson: z.number().nullable(),
});
export type AreaSupplies = z.infer<typeof areaSuppliesSchema>;

/** `GET /api/portal/areas/{code}/batches?number=`: batches expiring within 60 days, or those with a recalled batch number. */
export const areaBatchesSchema = z.object({
  batches: z.array(batchSchema.extend({ outletId: z.string(), outletName: z.string() })),
  expiringSoonDays: z.number().int(),
  /** The batch number searched for, if any. */
  number: z.string().nullable(),
});
export type AreaBatches = z.infer<typeof areaBatchesSchema>;

/** `GET /api/portal/areas/{code}/coverage`. */
export const areaCoverageSchema = z.object({
  /** What the places are: the area's full postcodes, or its postcode districts where those are not loaded. */
  placesSource: z.enum(['postcodes', 'postcode_districts', 'none']),
  results: z.array(coverageResultSchema),
  /** Items the search index gave for the outlets in and around the area. */
  outletItemsRead: z.number().int(),
});
export type AreaCoverage = z.infer<typeof areaCoverageSchema>;

/** The most rows one upload may hold: larger files go through `npm run import:outlets`. */
export const maxUploadRows = 5000;

/** `POST /api/portal/areas/{code}/imports`: a file's text, read by the browser, and whether to apply it. */
export const areaImportRequestSchema = z.object(
  {
    fileName: z.string().trim().min(1).max(200),
    content: z.string({ error: 'Choose a file to upload' }).min(1, 'The file is empty').max(10_000_000, 'The file is larger than 10 MB: use npm run import:outlets'),
    dryRun: z.boolean(),
  },
  { error: 'Send the upload as a JSON object' },
);
export type AreaImportRequest = z.infer<typeof areaImportRequestSchema>;

