/**
 * `GET /api/hsds/services`: published listings as fully nested HSDS services, a page at a time.
 */
import { hsdsCacheControl, hsdsServicesQuerySchema } from '../contract/open-data.js';
import { listPublishedListings } from '../core/hsds-listing.js';
import { toHsdsServiceView } from '../core/hsds-views.js';
import { json, parseQuery } from '../shared/http.js';
import type { PublicHandler } from '../shared/request-pipeline.js';
import { hsdsListingPorts } from './hsds-ports.js';

export const listHsdsServices: PublicHandler = async ({ event }) => {
  const query = parseQuery(hsdsServicesQuerySchema, event);
  const page = await listPublishedListings(
    { page: query.page, perPage: query.per_page, ...(query.modified_after ? { modifiedAfter: query.modified_after } : {}) },
    hsdsListingPorts,
  );
  const now = new Date();
  return json(200, { ...page, contents: page.contents.map((listing) => toHsdsServiceView(listing, now)) }, { 'cache-control': hsdsCacheControl.shared });
};
