/**
 * `GET /api/portal/outlets/{id}`: the full editable listing, with its `ETag`.
 */
import { outletPathSchema } from '../contract/find-outlets.js';
import { listingStore } from '../data/outlets.js';
import { notFound } from '../shared/errors.js';
import { parsePath } from '../shared/http.js';
import type { SignedInHandler } from '../shared/request-pipeline.js';
import { portalOutletResponse } from './portal-request.js';

export const getPortalOutlet: SignedInHandler = async ({ event }) => {
  const { id } = parsePath(outletPathSchema, event);
  const stored = await listingStore.read(id);
  if (!stored) throw notFound('We could not find that listing');
  return portalOutletResponse(stored, new Date());
};
