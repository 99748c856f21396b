/**
 * `GET /api/portal/areas/{code}/supplies?from=&to=`: the area's kits given out by month and kit
 * type, against its estimate of people using opiates.
 */
import { areaPathSchema } from '../contract/area.js';
import { suppliesQuerySchema } from '../contract/supplies.js';
import { areaSupplies } from '../core/area-dashboard.js';
import { supplyRange } from '../core/supplies.js';
import { areaSupplyDays } from '../data/area-records.js';
import { getArea } from '../data/areas.js';
import { json, parsePath, parseQuery } from '../shared/http.js';
import type { SignedInHandler } from '../shared/request-pipeline.js';

export const getAreaSupplies: SignedInHandler = async ({ event }) => {
  const { code } = parsePath(areaPathSchema, event);
  const range = supplyRange(parseQuery(suppliesQuerySchema, event), new Date());
  const [days, stored] = await Promise.all([areaSupplyDays(code, range.from, range.to), getArea(code)]);
  return json(200, areaSupplies(days, range, stored.estimate));
};
