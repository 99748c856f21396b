/**
 * `PUT /api/portal/outlets/{id}/stock`: the one-tap stock update, which also confirms the listing.
 */
import { outletPathSchema } from '../contract/find-outlets.js';
import { stockUpdateSchema } from '../contract/portal-outlet.js';
import { setStock as setStockStatus } from '../core/listing-updates.js';
import { listingStore } from '../data/outlets.js';
import { parseBody, parsePath } from '../shared/http.js';
import { logger } from '../shared/logger.js';
import type { SignedInHandler } from '../shared/request-pipeline.js';
import { changeContextOf, portalOutletResponse } from './portal-request.js';

export const setStock: SignedInHandler = async ({ event, actor }) => {
  const { id } = parsePath(outletPathSchema, event);
  const { status } = parseBody(stockUpdateSchema, event);
  const context = changeContextOf(actor);
  const stored = await setStockStatus(listingStore, { id, status }, context);
  logger.info('Stock set', { outletId: id, stock: status });
  return portalOutletResponse(stored, context.now);
};
