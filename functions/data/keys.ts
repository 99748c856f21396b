/**
 * Key builders: the only place that knows how items are keyed.
 */

export const outletKey = (id: string) => ({ pk: `OUTLET#${id}`, sk: 'OUTLET' });

/** Full postcodes are keyed without spaces, upper case: `POSTCODE#M154AB`. */
export const postcodeKey = (postcode: string) => ({ pk: `POSTCODE#${postcode.replace(/\s+/g, '').toUpperCase()}`, sk: 'POSTCODE' });

/** Outward codes (`M15`) hold the centroid of the postcode district. */
export const outwardCodeKey = (outwardCode: string) => ({ pk: `OUTCODE#${outwardCode.toUpperCase()}`, sk: 'OUTCODE' });

/** Marks a dataset as fully loaded (for example the local demo), so loading is done once. */
export const datasetKey = (name: string) => ({ pk: `DATASET#${name}`, sk: 'DATASET' });

/**
 * Problem reports live in their outlet's partition, newest last, so an outlet's reports are one
 * Query (`begins_with(sk, 'REPORT#')`).
 */
export const reportKey = (outletId: string, receivedAt: string, id: string) => ({
  pk: `OUTLET#${outletId}`,
  sk: `REPORT#${receivedAt}#${id}`,
});

const geoCountPrefix = 'GEOCOUNT#';

/** Sort key shared by every geo occupancy counter item (`geo-counters.ts`). */
export const geoCountSortKey = 'GEOCOUNT';

/** The occupancy counter of a 4-character geohash cell: `GEOCOUNT#gcw2`. */
export const geoCountKey = (cell: string) => ({ pk: `${geoCountPrefix}${cell}`, sk: geoCountSortKey });

/** The cell a counter item counts, from its keys; null if the item is not a counter. */
export function cellOfGeoCountKey(item: Record<string, unknown>): string | null {
  if (item.sk !== geoCountSortKey || typeof item.pk !== 'string' || !item.pk.startsWith(geoCountPrefix)) return null;
  return item.pk.slice(geoCountPrefix.length);
}
