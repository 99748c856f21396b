/**
 * Open data: the Open Referral (HSDS 3.0) API under `/api/hsds` and the bulk files under
 * `/api/open-data/`. Paths, query parameters, limits, the page object and the files' columns, for
 * the handlers, the local server, the CDK stack and the tests alike.
 *
 * The HSDS API reference (openreferral/specification, `schema/openapi.json`, branch 3.0) is followed
 * where Open Referral UK's draft 3.0 profile differs: see README, "Open data".
 */
import * as z from 'zod';
// The outlet contract is written with zod/mini (it is the site's too); classic has no `pick` function.
import * as zm from 'zod/mini';
import { INVALID_POSTCODE_MESSAGE, publicListingFields } from './find-outlets.js';
import { outletSchema } from './outlet.js';
import { apiPrefix } from './web-policy.js';

/** The HSDS API's base: its endpoints are `{base}/`, `{base}/services`, … */
export const hsdsBasePath = `${apiPrefix}/hsds` as const;

/**
 * Paths the API answers as another: HSDS's root endpoint is `{base}/`, but API Gateway route paths
 * cannot end in `/`, so the route is `{base}` and the CDN (a viewer-request function) and the local
 * server send `{base}/` to it.
 */
export const apiPathAliases: Readonly<Record<string, string>> = { [`${hsdsBasePath}/`]: hsdsBasePath };

/** What `GET /api/hsds/` answers: HSDS's "API meta information". */
export const hsdsRoot = {
  /** The HSDS version of the objects this API serves. */
  version: '3.0',
  /**
   * The profile followed: HSDS 3.0 itself. Open Referral UK's 3.0 profile is still a draft, and the
   * answers are checked against HSDS's own compiled schemas (`data/hsds/`).
   */
  profile: 'https://docs.openreferral.org/en/3.0/',
  /** HSDS's reference OpenAPI document for 3.0, which this API implements a part of (README, "Open data"). */
  openapi_url: 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json',
  description:
    'Places in the UK that give out free take-home naloxone, as Open Referral HSDS 3.0: published listings only. ' +
    'The demonstration data is real pharmacy data with illustrative naloxone details (see each service description): ' +
    "names, addresses and hours from the NHS Business Services Authority's Consolidated Pharmaceutical List, Open Government Licence v3.0.",
} as const;

export const hsdsRootSchema = z.object({
  version: z.string(),
  profile: z.url(),
  openapi_url: z.url(),
  description: z.string(),
});

/**
 * How long caches may keep an HSDS answer: five minutes for the listings everyone sees, which
 * change when an outlet taps its stock; never for a proximity search, whose postcode says where
 * someone is (as the public search's answers are never kept).
 */
export const hsdsCacheControl = { shared: 'public, max-age=300', personal: 'no-store' } as const;

/** Page sizes and numbers: HSDS leaves them to the publisher. */
export const hsdsPageLimits = { defaultPerPage: 50, maxPerPage: 100, maxPage: 100_000 } as const;

/**
 * `proximity`, in metres. Every published outlet within it is read to count and order them (the
 * exact nearest search), so it is capped; without `proximity`, a `postcode` search covers the
 * public search's default radius.
 */
export const hsdsProximityLimits = { defaultMetres: 25_000, maxMetres: 50_000 } as const;

const wholeNumber = (name: string, min: number, max: number) => {
  const range = `${name} must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: range }).int(range).min(min, range).max(max, range);
};

/**
 * Parameters of HSDS's API that this one does not support. Refused rather than ignored: a client
 * filtering by one would otherwise take an unfiltered answer for a filtered one.
 */
const unsupportedMessage = 'This API does not support this parameter';

const listQueryShape = {
  page: wholeNumber('page', 1, hsdsPageLimits.maxPage).default(1),
  per_page: wholeNumber('per_page', 1, hsdsPageLimits.maxPerPage).default(hsdsPageLimits.defaultPerPage),
  /** HSDS: "Return all results modified on or after this datetime": when the listing last changed. */
  modified_after: z.iso
    .datetime({ offset: true, error: 'Give modified_after as a date and time with its offset, for example 2026-01-31T09:00:00Z' })
    .optional(),
  /** Answers are always fully nested; `full` is accepted for clients that send it. */
  full: z.enum(['true', 'false'], { error: 'Use true or false' }).optional(),
  /** Only JSON pages; HSDS's `ndjson` stream is not offered. */
  format: z.literal('json', { error: 'Only json is available' }).optional(),
};

const strictQuery = <S extends z.ZodRawShape>(shape: S) =>
  z.strictObject(shape, { error: (issue) => (issue.code === 'unrecognized_keys' ? unsupportedMessage : undefined) });

/** The query string of `GET /api/hsds/services`. */
export const hsdsServicesQuerySchema = strictQuery(listQueryShape);
export type HsdsServicesQuery = z.infer<typeof hsdsServicesQuerySchema>;

/** The query string of `GET /api/hsds/service_at_locations`: the list's, and where. */
export const hsdsServiceAtLocationsQuerySchema = strictQuery({
  ...listQueryShape,
  /** HSDS: the postcode whose centroid `proximity` is measured from. */
  postcode: z.string().trim().min(1, 'Enter a postcode').max(10, INVALID_POSTCODE_MESSAGE).optional(),
  /** HSDS: metres from the postcode's centroid. */
  proximity: wholeNumber('proximity', 1, hsdsProximityLimits.maxMetres).optional(),
}).superRefine((query, ctx) => {
  if (query.proximity !== undefined && query.postcode === undefined) {
    ctx.addIssue({ code: 'custom', path: ['postcode'], message: 'Give a postcode to measure proximity from' });
  }
});
export type HsdsServiceAtLocationsQuery = z.infer<typeof hsdsServiceAtLocationsQuerySchema>;

/** Path parameters of `GET /api/hsds/services/{id}`: an HSDS service id. */
export const hsdsServicePathSchema = z.object({ id: z.uuid('Give a service id, a UUID from this API') });

/**
 * HSDS's page object (API reference, "Lists"; OpenAPI `components.schemas.Page`), written from the
 * specification: HSDS publishes no JSON schema file for it. `size` is the number of entities in
 * this page, as the reference words it; `empty` says this page holds none.
 */
export const hsdsPageSchema = z.strictObject({
  total_items: z.number().int().nonnegative(),
  total_pages: z.number().int().nonnegative(),
  page_number: z.number().int().positive(),
  size: z.number().int().nonnegative(),
  first_page: z.boolean(),
  last_page: z.boolean(),
  empty: z.boolean(),
  contents: z.array(z.unknown()),
});
export type HsdsPage<T> = Omit<z.infer<typeof hsdsPageSchema>, 'contents'> & { contents: T[] };

type PublicListingField = (typeof publicListingFields)[number];

/**
 * A listing's public fields: what every open data answer is built from. The data layer reads only
 * these from the table, so private fields (the contact email, change history) never leave it.
 */
export const publicListingSchema = zm.pick(
  outletSchema,
  Object.fromEntries(publicListingFields.map((field) => [field, true])) as Record<PublicListingField, true>,
);
export type PublicListing = z.infer<typeof publicListingSchema>;

/** A published listing and when it last changed (the stored `updatedAt`, HSDS `last_modified`). */
export const publishedListingSchema = z.object({
  listing: publicListingSchema,
  updatedAt: z.iso.datetime({ offset: true }),
});
export type PublishedListing = z.infer<typeof publishedListingSchema>;

/**
 * The bulk files of every published listing, under `/api/open-data/`. On AWS a scheduled job
 * writes them to a bucket that CloudFront serves at these paths (their object keys are the paths
 * without the leading slash); the local server builds them when asked and keeps them as long.
 */
export const openDataFiles = {
  geojson: { path: `${apiPrefix}/open-data/outlets.geojson`, contentType: 'application/geo+json' },
  csv: { path: `${apiPrefix}/open-data/outlets.csv`, contentType: 'text/csv; charset=utf-8' },
} as const;
export type OpenDataFileName = keyof typeof openDataFiles;

/** The files' path prefix: CloudFront's behaviour for them is this followed by `*`. */
export const openDataFilesPrefix = `${apiPrefix}/open-data/` as const;

/**
 * How often the files are rebuilt, and so how long a copy may be kept: the job runs every
 * `rebuildMinutes` and each file says `max-age` of the same, so a change reaches a reader within
 * twice that at worst. The local server keeps what it built for as long.
 */
export const openDataFilesSchedule = { rebuildMinutes: 15 } as const;
export const openDataFilesCacheControl = `public, max-age=${openDataFilesSchedule.rebuildMinutes * 60}` as const;

/**
 * One published listing as a row of the CSV file and the properties of a GeoJSON feature (whose
 * geometry holds the point, so it has no `latitude`/`longitude` there). Flat, with snake_case
 * names like HSDS's; lists are arrays in GeoJSON and `;`-separated in the CSV. Built from the
 * public listing alone, so nothing private can reach it.
 */
export const openDataOutletSchema = z.strictObject({
  id: z.string(),
  hsds_service_id: z.uuid(),
  name: z.string(),
  organisation: z.string(),
  outlet_type: z.string(),
  supply_basis: z.string(),
  address: z.string(),
  town: z.string(),
  postcode: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  kit_types: z.array(z.string()),
  free: z.boolean(),
  no_id_needed: z.boolean(),
  walk_in: z.boolean(),
  family_and_friends_can_collect: z.boolean(),
  minimum_age: z.number().int().nullable(),
  languages: z.array(z.string()),
  accessibility: z.string().nullable(),
  /** As of when the file was built: a temporary closure whose reopening day has come reads as active. */
  status: z.string(),
  reopens_on: z.string().nullable(),
  alert: z.string().nullable(),
  /** The usual week in words, Monday first: `Monday: 09:00 to 17:00; Tuesday: …`. */
  opening_hours: z.string(),
  stock_status: z.string(),
  stock_updated_at: z.string().nullable(),
  assured_at: z.string().nullable(),
  listed_at: z.string().nullable(),
  last_modified: z.string(),
  ods_code: z.string().nullable(),
  local_authority_code: z.string().nullable(),
  cabinet_status: z.string().nullable(),
  demo: z.boolean(),
});
export type OpenDataOutlet = z.infer<typeof openDataOutletSchema>;

/** The CSV file's columns, in order: every field of {@link openDataOutletSchema}. */
export const openDataCsvColumns = Object.keys(openDataOutletSchema.shape) as (keyof OpenDataOutlet)[];

/** The GeoJSON file (RFC 7946): a FeatureCollection of points, and when and from what it was built. */
export const openDataGeoJsonSchema = z.strictObject({
  type: z.literal('FeatureCollection'),
  /** A foreign member (RFC 7946, 6.1): when the file was built and what it holds. */
  metadata: z.strictObject({ generated_at: z.iso.datetime(), count: z.number().int().nonnegative(), description: z.string() }),
  features: z.array(
    z.strictObject({
      type: z.literal('Feature'),
      id: z.uuid(),
      geometry: z.strictObject({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
      properties: openDataOutletSchema.omit({ latitude: true, longitude: true }),
    }),
  ),
});
export type OpenDataGeoJson = z.infer<typeof openDataGeoJsonSchema>;
