/**
 * `GET /api/outlets/{id}`: one outlet's public listing.
 */
import { outletPathSchema } from '../contract/find-outlets.js';
import { isPubliclyListed } from '../core/listing-visibility.js';
import { toOutletDetail } from '../core/outlet-views.js';
import { getOutlet as readOutlet } from '../data/outlets.js';
import { notFound } from '../shared/errors.js';
import { json, parsePath } from '../shared/http.js';
import type { PublicHandler } from '../shared/request-pipeline.js';

export const getOutlet: PublicHandler = async ({ event }) => {
  const { id } = parsePath(outletPathSchema, event);
  const outlet = await readOutlet(id);
  if (!outlet || !isPubliclyListed(outlet)) throw notFound('We could not find that outlet');
  return json(200, toOutletDetail(outlet, new Date()));
};
