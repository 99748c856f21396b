/**
 * `PATCH /api/portal/outlets/{id}` with `If-Match`: change the listing as the person read it.
 */
import { outletPathSchema } from '../contract/find-outlets.js';
import { listingPatchSchema } from '../contract/portal-outlet.js';
import { editListing } from '../core/listing-updates.js';
import { listingStore } from '../data/outlets.js';
import { parseBody, parsePath } from '../shared/http.js';
import { logger } from '../shared/logger.js';
import type { SignedInHandler } from '../shared/request-pipeline.js';
import { changeContextOf, expectedVersionOf, portalOutletResponse } from './portal-request.js';

export const editPortalOutlet: SignedInHandler = async ({ event, actor }) => {
  const { id } = parsePath(outletPathSchema, event);
  const expectedVersion = expectedVersionOf(event);
  const patch = parseBody(listingPatchSchema, event);
  const context = changeContextOf(actor);
  const stored = await editListing(listingStore, { id, expectedVersion, patch }, context);
  logger.info('Listing edited', { outletId: id, fields: Object.keys(patch), version: stored.version });
  return portalOutletResponse(stored, context.now);
};
