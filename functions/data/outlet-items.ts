/**
 * Outlet items, pure: the contract's fields at the top level plus storage attributes: keys,
 * `version` (optimistic concurrency), `updatedAt`, `history` (the most recent changes, older ones
 * in archive items), and, only while the listing is searchable, `geoCell`/`geoKey`, which put it
 * in the sparse `geo` index; and, unless it is withdrawn, `readinessQueue`/`readinessDueAt`, which
 * put it in the sparse `readiness` index (`readiness-items.ts`).
 */
import { type ChangeEntry, changeEntrySchema } from '../contract/portal-outlet.js';
import { type Outlet, type SearchableOutlet, outletSchema, searchableOutletSchema } from '../contract/outlet.js';
import { encodeGeohash } from '../core/geohash.js';
import { hsdsServiceId } from '../core/hsds-service-at-location.js';
import { isPubliclyListed, isSearchable } from '../core/listing-visibility.js';
import type { StoredListing } from '../core/portal-views.js';
import { logger } from '../shared/logger.js';
import { areaIndexKeys, outletKey } from './keys.js';
import { readinessIndexAttributes } from './readiness-items.js';
import { geoCellPrecision, geoChildPrecision, geoKeyPrecision, publishedIndex } from './table-schema.js';

/** An outlet as stored: the listing, its version and last change, its recent history, and where the index has it. */
export interface StoredOutlet extends StoredListing {
  history: ChangeEntry[];
  placement: GeoPlacement | null;
}

/** Where a searchable outlet sits: its counted cell and child, and its index attributes. */
export interface GeoPlacement {
  geoCell: string;
  geoKey: string;
  /** The 5-character child cell: what the counters count. */
  child: string;
}

/** The placement of an outlet in the index, or null when the search must not find it. */
export function placementOf(outlet: Outlet): GeoPlacement | null {
  if (!isSearchable(outlet)) return null;
  const hash = encodeGeohash(outlet.location, geoKeyPrecision);
  return { geoCell: hash.slice(0, geoCellPrecision), geoKey: `${hash}#${outlet.id}`, child: hash.slice(0, geoChildPrecision) };
}

/** The placement recorded on a stored item, read back from its index attributes. */
export function storedPlacement(item: Record<string, unknown> | undefined): GeoPlacement | null {
  if (!item || typeof item.geoCell !== 'string' || typeof item.geoKey !== 'string') return null;
  return { geoCell: item.geoCell, geoKey: item.geoKey, child: item.geoKey.slice(0, geoChildPrecision) };
}

/** The counted child cell (5-character geohash) of a placement, or null when not searchable. */
export const childOf = (placement: GeoPlacement | null): string | null => placement?.child ?? null;

/**
 * The `published` index's keys of an outlet: present exactly while it is publicly listed, so the
 * open data API and files can never find a withdrawn listing. Null when it must not be published.
 */
export function publishedIndexKeysOf(outlet: Pick<Outlet, 'id' | 'status'>): Record<string, string> | null {
  if (!isPubliclyListed(outlet)) return null;
  return { [publishedIndex.partitionKey]: publishedIndex.partitionValue, [publishedIndex.sortKey]: hsdsServiceId(outlet.id) };
}

/** The item for an outlet at a version. Pure: builds what `putOutlet` writes. */
export function outletItem(outlet: Outlet, version: number, updatedAt: string, history: ChangeEntry[] = []): Record<string, unknown> {
  const placement = placementOf(outlet);
  return {
    ...outlet,
    ...outletKey(outlet.id),
    entity: 'outlet',
    version,
    updatedAt,
    history,
    ...(placement ? { geoCell: placement.geoCell, geoKey: placement.geoKey } : {}),
    ...publishedIndexKeysOf(outlet),
    ...areaKeysOf(outlet),
    // Written whole, the listing is looked at from its basis again: the reminder state (kept in an
    // item of its own) still says what was already sent.
    ...readinessIndexAttributes(outlet),
  };
}

/** The outlet's keys in the `area` index, or none when its local authority is not known. */
export const areaKeysOf = (outlet: Pick<Outlet, 'id' | 'localAuthorityCode'>): { areaKey?: string; areaSort?: string } =>
  outlet.localAuthorityCode ? areaIndexKeys(outlet.localAuthorityCode, 'outlet', outlet.id) : {};

function parsedOrLogged<T>(result: { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[] }[] } }, item: Record<string, unknown>): T | null {
  if (result.success) return result.data;
  logger.error('Stored outlet breaks the contract; leaving it out', {
    pk: typeof item.pk === 'string' ? item.pk : '(no key)',
    fields: result.error.issues.map((issue) => issue.path.join('.')).slice(0, 10),
  });
  return null;
}

/**
 * The contract's outlet from a stored item, stripped of storage attributes; null (and an error
 * in the log naming the fields, never their values) if the item breaks the contract, so one bad
 * item is left out of answers instead of failing them.
 */
export const outletFromItem = (item: Record<string, unknown>): Outlet | null => parsedOrLogged(outletSchema.safeParse(item), item);

/** The searchable fields of an item of the `geo` index (which projects only those), or null if they break the contract. */
export const searchableOutletFromItem = (item: Record<string, unknown>): SearchableOutlet | null =>
  parsedOrLogged(searchableOutletSchema.safeParse(item), item);

/** The recent history on an item; entries that break the contract are skipped. */
export function historyFromItem(item: Record<string, unknown>): ChangeEntry[] {
  if (!Array.isArray(item.history)) return [];
  return item.history.flatMap((entry) => {
    const parsed = changeEntrySchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The stored outlet on an item, or null if there is none or it breaks the contract. */
export function storedOutletFromItem(item: Record<string, unknown> | undefined): StoredOutlet | null {
  if (!item) return null;
  const outlet = outletFromItem(item);
  if (!outlet) return null;
  return {
    outlet,
    version: typeof item.version === 'number' ? item.version : 0,
    updatedAt: typeof item.updatedAt === 'string' ? item.updatedAt : new Date(0).toISOString(),
    history: historyFromItem(item),
    placement: storedPlacement(item),
  };
}

/**
 * How much history stays in the listing item: the newest entries up to this many, and while they
 * fit in this many bytes of JSON (an entry that changed a long list of dated hours is large, and
 * the item must stay well under DynamoDB's 400 KB).
 */
export const recentHistoryLimits = { entries: 20, bytes: 48 * 1024 } as const;

/** The history after adding `entry`: what stays in the item, and the oldest entries that move to archive items. */
export function boundHistory(history: readonly ChangeEntry[], entry: ChangeEntry): { recent: ChangeEntry[]; evicted: ChangeEntry[] } {
  const all = [...history, entry];
  let keep = 0;
  let bytes = 0;
  for (let index = all.length - 1; index >= 0; index -= 1) {
    const size = Buffer.byteLength(JSON.stringify(all[index]));
    // The newest entry always stays, however large.
    if (keep > 0 && (keep >= recentHistoryLimits.entries || bytes + size > recentHistoryLimits.bytes)) break;
    keep += 1;
    bytes += size;
  }
  return { recent: all.slice(all.length - keep), evicted: all.slice(0, all.length - keep) };
}
