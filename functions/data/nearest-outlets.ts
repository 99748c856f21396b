/**
 * The nearest searchable outlets to a point, exactly, from the sparse `geo` index: the pure search
 * in `core/nearest-search.ts` with DynamoDB behind its two ports.
 *
 * - `countCells`: the `geo-counters.ts` occupancy counters, one consistent BatchGetItem per 100
 *   cells (unprocessed keys retried with backoff, see `batch-get.ts`).
 * - `readUnit`: a Query of the `geo` index on `geoCell`, narrowed with `begins_with(geoKey, …)`
 *   for a child cell, following `LastEvaluatedKey` pages.
 *
 * "Exactly" is over what the index holds when it is read. Queries of a GSI are always eventually
 * consistent on DynamoDB, so for about a second after an outlet is published or moved a search may
 * not find it (or find it where it was), and a just-withdrawn outlet may still be found. The
 * counters are read consistently so that they never widen that window (see `geo-counters.ts`).
 */
import { QueryCommand, type QueryCommandOutput } from './dynamodb-documents.js';
import type { Coordinates, SearchableOutlet } from '../contract/outlet.js';
import { type GeohashBox, geohashesCovering } from '../core/geohash.js';
import { type Candidate, defaultTuning, findNearest } from '../core/nearest-search.js';
import { logger } from '../shared/logger.js';
import { documents, tableName } from './client.js';
import { readCellCounts } from './geo-counters.js';
import { searchableOutletFromItem } from './outlet-items.js';
import { geoCellPrecision, geoIndex } from './table-schema.js';

export interface NearestOutletsRequest {
  point: Coordinates;
  /** How many outlets to find. */
  limit: number;
  /** Only outlets within this distance, in km. */
  radiusKm: number;
  /** A filter (kit type, open now, …): the search finds the `limit` nearest outlets it accepts. */
  accept?: (outlet: SearchableOutlet) => boolean;
  /** The most items the search may read. @default maxItemsReadPerSearch (`core/nearest-search.ts`) */
  itemBudget?: number;
  /** The most units (Queries, but for extra pages) the search may read. @default maxUnitsReadPerSearch */
  unitBudget?: number;
}

export interface NearestOutletsResult {
  /** Nearest first; equal distances by id. */
  results: { outlet: SearchableOutlet; distanceKm: number }[];
  /**
   * The distance within which every accepted outlet is known: the radius if fewer than `limit`
   * were found, unless a budget ran out first.
   */
  searchedRadiusKm: number;
  /** Whether the search stopped short of the radius because its item or unit budget ran out. */
  budgetExhausted: boolean;
  /** `itemsRead`: items the Queries scanned; `requests`: DynamoDB requests (Query pages and batch reads). */
  stats: { itemsRead: number; requests: number };
}

type Stats = NearestOutletsResult['stats'];

/** A candidate from an index item: the location is checked cheaply now, the whole outlet only if it is needed. */
function candidateOf(item: Record<string, unknown>): Candidate<SearchableOutlet> | null {
  const location = item.location as { lat?: unknown; lng?: unknown } | undefined;
  if (typeof item.id !== 'string' || typeof location?.lat !== 'number' || typeof location.lng !== 'number') {
    logger.error('Indexed outlet has no usable id or location; leaving it out', {
      pk: typeof item.pk === 'string' ? item.pk : '(no key)',
    });
    return null;
  }
  return { id: item.id, location: { lat: location.lat, lng: location.lng }, load: () => searchableOutletFromItem(item) };
}

async function readUnit(prefix: string, stats: Stats): Promise<Candidate<SearchableOutlet>[]> {
  const cell = prefix.slice(0, geoCellPrecision);
  const wholeCell = prefix.length === geoCellPrecision;
  const candidates: Candidate<SearchableOutlet>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    stats.requests += 1;
    const response: QueryCommandOutput = await documents.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: geoIndex.name,
        KeyConditionExpression: wholeCell ? '#cell = :cell' : '#cell = :cell AND begins_with(#key, :prefix)',
        ExpressionAttributeNames: { '#cell': geoIndex.partitionKey, ...(wholeCell ? {} : { '#key': geoIndex.sortKey }) },
        ExpressionAttributeValues: { ':cell': cell, ...(wholeCell ? {} : { ':prefix': prefix }) },
        ExclusiveStartKey: startKey,
      }),
    );
    stats.itemsRead += response.ScannedCount ?? response.Items?.length ?? 0;
    for (const item of response.Items ?? []) {
      const candidate = candidateOf(item);
      if (candidate) candidates.push(candidate);
    }
    startKey = response.LastEvaluatedKey;
  } while (startKey);
  return candidates;
}

/**
 * The `limit` nearest searchable outlets within `radiusKm` of `point` that `accept` accepts,
 * exactly (see `core/nearest-search.ts` for the stop rule), with what the search cost.
 */
export async function findNearestOutlets(request: NearestOutletsRequest): Promise<NearestOutletsResult> {
  const stats: Stats = { itemsRead: 0, requests: 0 };
  const found = await findNearest<SearchableOutlet>({
    point: request.point,
    k: request.limit,
    radiusKm: request.radiusKm,
    ...(request.accept ? { accept: request.accept } : {}),
    ...(request.itemBudget === undefined ? {} : { itemBudget: request.itemBudget }),
    ...(request.unitBudget === undefined ? {} : { unitBudget: request.unitBudget }),
    tuning: { ...defaultTuning, cellPrecision: geoCellPrecision },
    countCells: async (cells) => {
      const { occupancy, calls } = await readCellCounts(cells);
      stats.requests += calls;
      return occupancy;
    },
    readUnit: (prefix) => readUnit(prefix, stats),
  });
  return {
    results: found.results.map(({ value, distanceKm }) => ({ outlet: value, distanceKm })),
    searchedRadiusKm: found.searchedRadiusKm,
    budgetExhausted: found.budgetExhausted,
    stats,
  };
}

/**
 * Every searchable outlet in the index's cells that meet `box` (a superset of those inside it), for
 * batch work such as an area's coverage: the occupancy counters first, then one Query per cell that
 * holds any, never a Scan.
 */
export async function searchableOutletsIn(box: GeohashBox): Promise<{ outlets: SearchableOutlet[]; stats: Stats }> {
  const stats: Stats = { itemsRead: 0, requests: 0 };
  const cells = geohashesCovering(box, geoCellPrecision);
  const { occupancy, calls } = await readCellCounts(cells);
  stats.requests += calls;
  const occupied = cells.filter((cell) => (occupancy.get(cell)?.total ?? 0) > 0);
  const outlets: SearchableOutlet[] = [];
  for (const cell of occupied) {
    for (const candidate of await readUnit(cell, stats)) {
      const outlet = candidate.load();
      if (outlet) outlets.push(outlet);
    }
  }
  return { outlets, stats };
}
