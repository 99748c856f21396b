/**
 * An area's records, read from the `area` index by local authority and kind: never a Scan. The
 * index projects only what a dashboard needs (`table-schema.ts`), and its reads are eventually
 * consistent: a change shows within about a second.
 */
import { type StoredBatch, storedBatchSchema } from '../contract/batches.js';
import { type ProblemReport, problemReportSchema } from '../contract/report.js';
import { type AreaOutlet, areaOutletSchema } from '../contract/outlet.js';
import type { SupplyDay } from '../contract/supplies.js';
import type { CoveragePlace } from '../core/coverage-gaps.js';
import { parsedItems, queryItems } from './query-pages.js';
import { supplyDayFromItem } from './supplies.js';
import { type AreaRecordKind, areaIndex } from './table-schema.js';
import * as z from 'zod';

/** The area index's items of one kind, in sort order (or newest first), optionally between two sort keys. */
function areaItems(area: string, kind: AreaRecordKind, { from, to, newestFirst = false }: { from?: string; to?: string; newestFirst?: boolean } = {}) {
  const range = from !== undefined && to !== undefined;
  return queryItems({
    IndexName: areaIndex.name,
    KeyConditionExpression: range ? '#key = :key AND #sort BETWEEN :from AND :to' : '#key = :key',
    ExpressionAttributeNames: { '#key': areaIndex.partitionKey, ...(range ? { '#sort': areaIndex.sortKey } : {}) },
    ExpressionAttributeValues: { ':key': `${area}#${kind}`, ...(range ? { ':from': from, ':to': to } : {}) },
    ScanIndexForward: !newestFirst,
  });
}

/** Every listing in the area, withdrawn ones included. */
export async function areaOutlets(area: string): Promise<AreaOutlet[]> {
  return parsedItems(await areaItems(area, 'outlet'), (item) => areaOutletSchema.safeParse(item));
}

const placeSchema = z.object({ lat: z.number(), lng: z.number(), postcode: z.string().optional(), outward: z.string().optional() });

/**
 * The places coverage is measured from: the area's full postcodes where they are loaded, otherwise
 * the postcode districts whose centroids lie in its boundary. Which was used is said.
 */
export async function areaPlaces(area: string): Promise<{ places: CoveragePlace[]; source: 'postcodes' | 'postcode_districts' | 'none' }> {
  const toPlaces = (items: Record<string, unknown>[]) =>
    parsedItems(items, (item) => placeSchema.safeParse(item)).map((place) => ({ label: place.postcode ?? place.outward ?? '', lat: place.lat, lng: place.lng }));
  const postcodes = toPlaces(await areaItems(area, 'postcode'));
  if (postcodes.length > 0) return { places: postcodes, source: 'postcodes' };
  const districts = toPlaces(await areaItems(area, 'outward'));
  return { places: districts, source: districts.length > 0 ? 'postcode_districts' : 'none' };
}

/** Kits given out in the area from `from` to `to` (dates, inclusive), per outlet, day and kit type. */
export async function areaSupplyDays(area: string, from: string, to: string): Promise<(SupplyDay & { outletId: string })[]> {
  const items = await areaItems(area, 'supply', { from, to: `${to}#~` });
  return items.flatMap((item) => {
    const day = supplyDayFromItem(item);
    return day && typeof item.outletId === 'string' ? [{ ...day, outletId: item.outletId }] : [];
  });
}

/** Every stock batch recorded in the area, soonest expiry first, with its outlet. */
export async function areaBatches(area: string): Promise<(StoredBatch & { outletId: string })[]> {
  const withOutlet = storedBatchSchema.extend({ outletId: z.string() });
  return parsedItems(await areaItems(area, 'batch'), (item) => withOutlet.safeParse(item));
}

/** The area's problem reports, newest first. */
export async function areaReports(area: string): Promise<ProblemReport[]> {
  return parsedItems(await areaItems(area, 'report', { newestFirst: true }), (item) => problemReportSchema.safeParse(item));
}
