/**
 * `GET /outlets/{id}`: one outlet's full listing.
 */
import { outletPathSchema } from '../contract/find-outlets.js';
import { toOutletDetail } from '../core/outlet-views.js';
import { getOutlet as readOutlet } from '../data/outlets.js';
import { notFound } from '../shared/errors.js';
import { type ApiHandler, json, parsePath } from '../shared/http.js';

export const getOutlet: ApiHandler = async (event) => {
  const { id } = parsePath(outletPathSchema, event);
  const outlet = await readOutlet(id);
  if (!outlet || outlet.status === 'inactive') throw notFound('We could not find that outlet');
  return json(200, toOutletDetail(outlet, new Date()));
};
