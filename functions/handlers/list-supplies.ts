/**
 * `GET /api/portal/outlets/{id}/supplies?from=&to=`: kits given out by day and by month.
 */
import { outletPathSchema } from '../contract/find-outlets.js';
import { type SuppliesResponse, suppliesQuerySchema } from '../contract/supplies.js';
import { supplyRange, totalsByMonth } from '../core/supplies.js';
import { listSupplyDays } from '../data/supplies.js';
import { json, parsePath, parseQuery } from '../shared/http.js';
import type { SignedInHandler } from '../shared/request-pipeline.js';

export const listSupplies: SignedInHandler = async ({ event }) => {
  const { id } = parsePath(outletPathSchema, event);
  const { from, to } = supplyRange(parseQuery(suppliesQuerySchema, event), new Date());
  const days = await listSupplyDays(id, from, to);
  const body: SuppliesResponse = { from, to, days, months: totalsByMonth(days) };
  return json(200, body);
};
