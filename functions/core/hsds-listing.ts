/**
 * Which published listings a page of the open data API holds, with its I/O injected: the data layer
 * supplies the published index's entries, the exact nearest search, postcode lookups and the
 * listings themselves, so the paging, `modified_after` and proximity rules are pure and tested with
 * plain values.
 *
 * HSDS pages by number (`page`, `per_page`) and tells the total, so every answer counts what
 * matches: a plain listing counts the published index's entries (small items: ids and when each
 * listing changed, never the listings), a proximity listing everything the nearest search finds
 * within the distance. Only the listings of the page asked for are then read in full.
 */
import type { HsdsPage, PublishedListing } from '../contract/open-data.js';
import type { Coordinates } from '../contract/outlet.js';

/** One entry of the sparse `published` index: a publicly listed outlet, in service id order. */
export interface PublishedEntry {
  outletId: string;
  /** The HSDS service id (`hsdsServiceId`): the index's sort key. */
  serviceId: string;
  /** When the listing last changed, ISO 8601. */
  updatedAt: string;
}

/** What the open data API reads; the handlers pass the data layer's readers. */
export interface HsdsListingPorts {
  /** Every entry of the `published` index, ordered by service id. */
  publishedEntries(): Promise<PublishedEntry[]>;
  /** The entry of one service id, or null when no published listing has it. */
  entryOf(serviceId: string): Promise<PublishedEntry | null>;
  /** The published outlets within `radiusKm` of `point`, nearest first, ties by outlet id: the exact nearest search. */
  nearest(point: Coordinates, radiusKm: number): Promise<{ outletId: string; distanceKm: number }[]>;
  /** Where a postcode is: its centroid, or its district's (throws the search's coded postcode errors). */
  locate(postcode: string): Promise<Coordinates>;
  /** These outlets' listings in the order asked; those no longer published are left out. */
  listings(outletIds: readonly string[]): Promise<PublishedListing[]>;
}

/** What a list request asks for, validated. */
export interface HsdsListingRequest {
  page: number;
  perPage: number;
  /** Only listings changed at or after this instant (ISO 8601 with offset). */
  modifiedAfter?: string;
  /** Only listings within `proximityMetres` of the postcode's centroid, nearest first. */
  near?: { postcode: string; proximityMetres: number };
}

/**
 * The page object for `total` items with `contents` on page `page` of `perPage`. A page past the
 * last is empty, not an error: `empty` is true and `total_items` still counts them all.
 */
export function hsdsPageOf<T>(total: number, page: number, perPage: number, contents: T[]): HsdsPage<T> {
  const totalPages = Math.ceil(total / perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/** Whether a listing changed at or after `after`; compared as instants, whatever offsets the two strings use. */
export const changedSince = (updatedAt: string | undefined, after: string): boolean =>
  updatedAt !== undefined && Date.parse(updatedAt) >= Date.parse(after);

/** The outlet ids the request matches, in the order the answer lists them. */
async function matchingIds(request: HsdsListingRequest, ports: HsdsListingPorts): Promise<string[]> {
  const { modifiedAfter, near } = request;
  if (!near) {
    const entries = await ports.publishedEntries();
    return entries.filter((entry) => modifiedAfter === undefined || changedSince(entry.updatedAt, modifiedAfter)).map((entry) => entry.outletId);
  }
  const point = await ports.locate(near.postcode);
  const nearest = await ports.nearest(point, near.proximityMetres / 1000);
  if (modifiedAfter === undefined) return nearest.map((found) => found.outletId);
  // The geo index does not hold when a listing changed; the published index does.
  const updatedAt = new Map((await ports.publishedEntries()).map((entry) => [entry.outletId, entry.updatedAt]));
  return nearest.filter((found) => changedSince(updatedAt.get(found.outletId), modifiedAfter)).map((found) => found.outletId);
}

/**
 * One page of published listings: counted over everything the request matches, read in full only
 * for the page. A listing withdrawn between the count and the read is left out of its page.
 */
export async function listPublishedListings(request: HsdsListingRequest, ports: HsdsListingPorts): Promise<HsdsPage<PublishedListing>> {
  const ids = await matchingIds(request, ports);
  const offset = (request.page - 1) * request.perPage;
  const pageIds = ids.slice(offset, offset + request.perPage);
  const listings = pageIds.length === 0 ? [] : await ports.listings(pageIds);
  return hsdsPageOf(ids.length, request.page, request.perPage, listings);
}

/** The published listing with this HSDS service id, or null when there is none (or it was just withdrawn). */
export async function findPublishedListing(serviceId: string, ports: Pick<HsdsListingPorts, 'entryOf' | 'listings'>): Promise<PublishedListing | null> {
  const entry = await ports.entryOf(serviceId);
  if (!entry) return null;
  const [found] = await ports.listings([entry.outletId]);
  return found ?? null;
}
