/**
 * `POST /api/portal/outlets/{id}/batches` with an `Idempotency-Key`: record a batch received.
 */
import { randomUUID } from 'node:crypto';
import { type Batch, newBatchSchema } from '../contract/batches.js';
import { outletPathSchema } from '../contract/find-outlets.js';
import { withExpiry } from '../core/batches.js';
import { putBatch } from '../data/batches.js';
import { once } from '../data/idempotency.js';
import { outletAreaOf } from '../data/outlets.js';
import { json, parseBody, parsePath } from '../shared/http.js';
import { logger } from '../shared/logger.js';
import type { SignedInHandler } from '../shared/request-pipeline.js';
import { idempotencyKeyOf } from './portal-request.js';

export const addBatch: SignedInHandler = async ({ event, actor, context }) => {
  const { id } = parsePath(outletPathSchema, event);
  const key = idempotencyKeyOf(event);
  const body = parseBody(newBatchSchema, event);
  const batch = await once<Batch>({ scope: `${id}:batches`, key, body }, context, async () => {
    const now = new Date();
    const stored = { ...body, id: randomUUID(), addedAt: now.toISOString(), addedBy: actor.label };
    await putBatch(id, stored, await outletAreaOf(id));
    logger.info('Batch recorded', { outletId: id, kitType: body.kitType, quantity: body.quantity });
    return withExpiry(stored, now);
  });
  return json(201, batch);
};
