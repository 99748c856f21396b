/**
 * `GET /api/hsds/services/{id}`: one published listing as a fully nested HSDS service.
 */
import { hsdsCacheControl, hsdsServicePathSchema } from '../contract/open-data.js';
import { findPublishedListing } from '../core/hsds-listing.js';
import { toHsdsServiceView } from '../core/hsds-views.js';
import { notFound } from '../shared/errors.js';
import { json, parsePath } from '../shared/http.js';
import type { PublicHandler } from '../shared/request-pipeline.js';
import { hsdsListingPorts } from './hsds-ports.js';

export const getHsdsService: PublicHandler = async ({ event }) => {
  const { id } = parsePath(hsdsServicePathSchema, event);
  const found = await findPublishedListing(id, hsdsListingPorts);
  if (!found) throw notFound('We could not find that service');
  return json(200, toHsdsServiceView(found, new Date()), { 'cache-control': hsdsCacheControl.shared });
};
