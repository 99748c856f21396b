/**
 * `PUT /api/portal/outlets/{id}/cabinet`: an emergency cabinet's guardian says, in one tap, whether
 * it is ready or used and awaiting restock; recorded in the listing's history like the stock tap.
 */
import { outletPathSchema } from '../contract/find-outlets.js';
import { cabinetUpdateSchema } from '../contract/portal-outlet.js';
import { setCabinetStatus as setStatus } from '../core/listing-updates.js';
import { listingStore } from '../data/outlets.js';
import { parseBody, parsePath } from '../shared/http.js';
import { logger } from '../shared/logger.js';
import type { SignedInHandler } from '../shared/request-pipeline.js';
import { changeContextOf, portalOutletResponse } from './portal-request.js';

export const setCabinetStatus: SignedInHandler = async ({ event, actor }) => {
  const { id } = parsePath(outletPathSchema, event);
  const { status } = parseBody(cabinetUpdateSchema, event);
  const context = changeContextOf(actor);
  const stored = await setStatus(listingStore, { id, status }, context);
  logger.info('Cabinet status set', { outletId: id, cabinetStatus: status });
  return portalOutletResponse(stored, context.now);
};
