/**
 * `GET /api/hsds/service_at_locations`: published listings as HSDS services at locations, a page at
 * a time; with `postcode` (and `proximity` in metres), only those within the distance, nearest first.
 */
import { hsdsCacheControl, hsdsProximityLimits, hsdsServiceAtLocationsQuerySchema } from '../contract/open-data.js';
import { listPublishedListings } from '../core/hsds-listing.js';
import { toHsdsServiceAtLocationView } from '../core/hsds-views.js';
import { json, parseQuery } from '../shared/http.js';
import type { PublicHandler } from '../shared/request-pipeline.js';
import { hsdsListingPorts } from './hsds-ports.js';

export const listHsdsServiceAtLocations: PublicHandler = async ({ event }) => {
  const query = parseQuery(hsdsServiceAtLocationsQuerySchema, event);
  const near =
    query.postcode === undefined ? undefined : { postcode: query.postcode, proximityMetres: query.proximity ?? hsdsProximityLimits.defaultMetres };
  const page = await listPublishedListings(
    { page: query.page, perPage: query.per_page, ...(query.modified_after ? { modifiedAfter: query.modified_after } : {}), ...(near ? { near } : {}) },
    hsdsListingPorts,
  );
  const now = new Date();
  const body = { ...page, contents: page.contents.map((listing) => toHsdsServiceAtLocationView(listing, now)) };
  return json(200, body, { 'cache-control': near ? hsdsCacheControl.personal : hsdsCacheControl.shared });
};
