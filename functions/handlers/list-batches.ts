/**
 * `GET /api/portal/outlets/{id}/batches?number=`: the outlet's batches, soonest expiry first, or
 * those with a (recalled) batch number.
 */
import { type BatchesResponse, batchesQuerySchema, expiringSoonDays } from '../contract/batches.js';
import { outletPathSchema } from '../contract/find-outlets.js';
import { batchesFor } from '../core/batches.js';
import { listBatches as readBatches } from '../data/batches.js';
import { json, parsePath, parseQuery } from '../shared/http.js';
import type { SignedInHandler } from '../shared/request-pipeline.js';

export const listBatches: SignedInHandler = async ({ event }) => {
  const { id } = parsePath(outletPathSchema, event);
  const { number } = parseQuery(batchesQuerySchema, event);
  const body: BatchesResponse = { batches: batchesFor(await readBatches(id), new Date(), number), expiringSoonDays };
  return json(200, body);
};
