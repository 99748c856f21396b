/**
 * `POST /api/portal/outlets/{id}/confirmations` with an `Idempotency-Key`: "everything here is
 * still correct". A repeat of the same request confirms once.
 */
import { outletPathSchema } from '../contract/find-outlets.js';
import { confirmListing as confirm } from '../core/listing-updates.js';
import { type PortalOutlet } from '../contract/portal-outlet.js';
import { toPortalOutlet, etagOf } from '../core/portal-views.js';
import { once } from '../data/idempotency.js';
import { listingStore } from '../data/outlets.js';
import { json, parsePath } from '../shared/http.js';
import { logger } from '../shared/logger.js';
import type { SignedInHandler } from '../shared/request-pipeline.js';
import { changeContextOf, idempotencyKeyOf } from './portal-request.js';

export const confirmListing: SignedInHandler = async ({ event, actor, context }) => {
  const { id } = parsePath(outletPathSchema, event);
  const key = idempotencyKeyOf(event);
  const listing = await once<PortalOutlet>({ scope: `${id}:confirmations`, key, body: {} }, context, async () => {
    const change = changeContextOf(actor);
    const stored = await confirm(listingStore, { id }, change);
    logger.info('Listing confirmed', { outletId: id });
    return toPortalOutlet(stored, change.now);
  });
  return json(201, listing, { etag: etagOf(listing.version) });
};
