/**
 * `GET /api/portal/areas/{code}/batches?number=`: the area's stock batches expiring within 60 days,
 * or every batch with a recalled batch number.
 */
import { areaPathSchema } from '../contract/area.js';
import { batchesQuerySchema } from '../contract/batches.js';
import { areaBatches as batchesView } from '../core/area-dashboard.js';
import { areaBatches, areaOutlets } from '../data/area-records.js';
import { json, parsePath, parseQuery } from '../shared/http.js';
import type { SignedInHandler } from '../shared/request-pipeline.js';

export const getAreaBatches: SignedInHandler = async ({ event }) => {
  const { code } = parsePath(areaPathSchema, event);
  const { number } = parseQuery(batchesQuerySchema, event);
  const [batches, outlets] = await Promise.all([areaBatches(code), areaOutlets(code)]);
  const names = new Map(outlets.map((outlet) => [outlet.id, outlet.name]));
  return json(200, batchesView(batches, names, new Date(), number));
};
