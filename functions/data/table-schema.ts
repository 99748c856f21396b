/**
 * The shape of the one DynamoDB table: key attributes and indexes. Pure constants, shared by the
 * data layer, the embedded engine's table creation and the CDK stack, so the three cannot drift.
 */
import { areaOutletFields, searchableOutletFields } from '../contract/outlet.js';

/** Partition and sort key of the table. Every item's keys are built in `data/keys.ts`. */
export const tableKeys = { partitionKey: 'pk', sortKey: 'sk' } as const;

/**
 * The sparse geospatial index: only searchable outlets carry `geoCell` and `geoKey`.
 * `geoCell` is the outlet's geohash at `geoCellPrecision` characters; `geoKey` is its full geohash
 * followed by `#` and the outlet id, so a cell can be read whole or by geohash prefix ranges.
 *
 * It projects only the fields the search reads (an INCLUDE projection of `projectedAttributes`):
 * change history and private fields never travel with a search, and a change to them never
 * writes to the index.
 */
export const geoIndex = {
  name: 'geo',
  partitionKey: 'geoCell',
  sortKey: 'geoKey',
  projectedAttributes: searchableOutletFields,
} as const;

/**
 * The sparse index of an area's records, so a local authority's dashboard never scans the table:
 * outlets, postcodes, kits given out, stock batches and problem reports each carry `areaKey`
 * (`<local authority code>#<kind>`) and `areaSort` (their order within the kind) when their local
 * authority is known. It projects only what the dashboard reads, never history or contact details.
 */
export const areaIndex = {
  name: 'area',
  partitionKey: 'areaKey',
  sortKey: 'areaSort',
  projectedAttributes: [
    // Outlets: the table and map of an area's listings.
    ...areaOutletFields,
    // Postcodes and postcode districts: the places coverage is measured from.
    'postcode', 'outward', 'lat', 'lng',
    // Kits given out.
    'outletId', 'date', 'kitType', 'first', 'resupply',
    'reason_used_on_someone', 'reason_lost', 'reason_expired', 'reason_confiscated', 'reason_other',
    // Stock batches.
    'batchNumber', 'quantity', 'expiresOn', 'addedAt', 'addedBy',
    // Problem reports.
    'problem', 'details', 'receivedAt', 'dealtWithAt', 'dealtWithBy', 'note',
  ],
} as const;

/** The kinds of record the area index holds. */
export type AreaRecordKind = 'outlet' | 'postcode' | 'outward' | 'supply' | 'batch' | 'report';

/**
 * The sparse index of listings the readiness job must look at (`core/readiness-rules.ts`): every
 * listing that is not withdrawn carries `readinessQueue` (always {@link readinessQueueValue}) and
 * `readinessDueAt`, the moment the job should next look at it followed by `#` and the outlet id. The
 * job reads only `readinessDueAt <= now`, never the whole table, and moves the moment on (or takes
 * the listing out, once it is escalated) each time it looks.
 *
 * One partition: the index holds one small item per listing and changes only when a listing is
 * confirmed or looked at, far below a partition's limits even for every outlet in the UK. Keys
 * only: the job reads each due listing itself, consistently, before acting on it.
 */
export const readinessIndex = {
  name: 'readiness',
  partitionKey: 'readinessQueue',
  sortKey: 'readinessDueAt',
  projectedAttributes: [],
} as const;

/** The one value of {@link readinessIndex}'s partition key. */
export const readinessQueueValue = 'due';

/**
 * The sparse `published` index of the open data API and files: only publicly listed outlets carry
 * `publishedPartition` (always `partitionValue`) and `publishedKey` (their HSDS service id,
 * `core/hsds-service-at-location.ts`), so it holds exactly the listings open data may show, in one
 * partition ordered by service id. It is counted and paged through for HSDS's numbered pages, finds
 * a service by its id, and lists everything for the open data job; never a Scan of the table.
 *
 * It projects only the outlet's id and `updatedAt` (for `modified_after`): about 150 bytes an
 * entry, so counting 15,000 listings reads about 2 MB in three Query pages. The listings themselves
 * are then read by key, with a projection of their public fields only.
 *
 * One partition on purpose: it takes about a thousand writes a second, far above how often
 * listings change, and keeps the order whole. Adding it to a deployed table: README, "Open data".
 *
 * Why not the `area` index, which already lists outlets under `<local authority>#outlet`: it has
 * one partition per local authority (some 360 in the UK), so one HSDS page, which must tell the
 * total, would Query every one of them; it holds withdrawn outlets too and none whose local
 * authority is unknown, and it copies the dashboard's fifteen-odd fields where this
 * copies two. Nor the `readiness` index, one partition of listings too: it lets a listing go once
 * its reminder is escalated, orders them by when the job looks next (which moves with every
 * confirmation, so numbered pages would shift under a reader), and copies no `updatedAt`. Paging
 * every published listing in one stable order with a count is what this index is for, and nothing
 * else gives it without a Scan.
 */
export const publishedIndex = {
  name: 'published',
  partitionKey: 'publishedPartition',
  sortKey: 'publishedKey',
  partitionValue: 'OUTLETS',
  projectedAttributes: ['id', 'updatedAt'],
} as const;

/**
 * The table's secondary indexes, each with the attributes it copies (none: keys only); the embedded
 * engine and the stack build them from this list.
 */
export const secondaryIndexes = [geoIndex, areaIndex, readinessIndex, publishedIndex] as const;

/**
 * Characters of geohash in `geoCell`: 4 is about 39 km by 19.5 km (24 km by 19.5 km at 53°N).
 * Coarse on purpose: a 25 km search meets about 16 cells and a 100 km one about 100, so one or
 * two BatchGetItem calls read all their occupancy counters; the counters' children give the fine
 * grain where outlets are dense.
 */
export const geoCellPrecision = 4;

/** Characters of geohash stored in `geoKey` (9 is about 5 m). */
export const geoKeyPrecision = 9;

/**
 * Geohash characters of the occupancy counters' children: each `GEOCOUNT#<cell>` item counts its
 * cell's outlets in `total` and each child (one character finer, about 4.9 km north to south by 2.9 km west to east at 53°N) in
 * its own attribute, so one batch read tells the search which cells and children are empty and
 * which are crowded enough to read child by child.
 */
export const geoChildPrecision = geoCellPrecision + 1;

/**
 * The only attribute of a listing the public's reports may change: the count of "no kits" reports
 * since the outlet last confirmed (`Outlet.noKitsReports`). The stack lets the reports function
 * UpdateItem this attribute alone.
 */
export const reportCounterAttribute = 'noKitsReports' as const;
