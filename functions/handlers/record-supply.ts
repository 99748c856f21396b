/**
 * `POST /api/portal/outlets/{id}/supplies` with an `Idempotency-Key`: record kits given out. No
 * personal data; a repeat of the same request records once.
 */
import { outletPathSchema } from '../contract/find-outlets.js';
import { type RecordSupplyResponse, supplyRecordSchema } from '../contract/supplies.js';
import { checkSupplyDate } from '../core/supplies.js';
import { once } from '../data/idempotency.js';
import { outletAreaOf } from '../data/outlets.js';
import { addSupply } from '../data/supplies.js';
import { json, parseBody, parsePath } from '../shared/http.js';
import { logger } from '../shared/logger.js';
import type { SignedInHandler } from '../shared/request-pipeline.js';
import { idempotencyKeyOf } from './portal-request.js';

export const recordSupply: SignedInHandler = async ({ event, context }) => {
  const { id } = parsePath(outletPathSchema, event);
  const key = idempotencyKeyOf(event);
  const record = parseBody(supplyRecordSchema, event);
  checkSupplyDate(record.date, new Date());
  const day = await once<RecordSupplyResponse>({ scope: `${id}:supplies`, key, body: record }, context, async () => {
    const totals = await addSupply(id, record, key, await outletAreaOf(id));
    logger.info('Kits given out recorded', { outletId: id, kitType: record.kitType, count: record.count, supply: record.supply });
    return totals;
  });
  return json(201, day);
};
