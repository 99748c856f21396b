/**
 * The open data API's reads, for `core/hsds-listing.ts`: the published index and listings, the
 * exact nearest search over the `geo` index (`data/nearest-outlets.ts`), and postcode lookups with
 * the public search's rules and messages.
 */
import type { HsdsListingPorts } from '../core/hsds-listing.js';
import { resolveSearchLocation } from '../core/resolve-search-location.js';
import { findNearestOutlets } from '../data/nearest-outlets.js';
import { postcodeLookup } from '../data/postcodes.js';
import { findPublishedEntry, readPublishedEntries, readPublishedListings } from '../data/published-listings.js';

export const hsdsListingPorts: HsdsListingPorts = {
  publishedEntries: readPublishedEntries,
  entryOf: findPublishedEntry,
  listings: readPublishedListings,
  locate: async (postcode) => resolveSearchLocation({ postcode }, postcodeLookup),
  nearest: async (point, radiusKm) => {
    // Every published outlet within the distance: HSDS pages count them all.
    const found = await findNearestOutlets({ point, limit: Number.MAX_SAFE_INTEGER, radiusKm });
    return found.results.map(({ outlet, distanceKm }) => ({ outletId: outlet.id, distanceKm }));
  },
};
