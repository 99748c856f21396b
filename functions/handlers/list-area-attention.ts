/**
 * `GET /api/portal/areas/{code}/attention`: the area's listings whose contacts did not confirm
 * them in time (or that have no contact to ask), for the area's commissioner or an administrator.
 */
import { areaPathSchema } from '../contract/readiness.js';
import { areaAttention } from '../core/attention-views.js';
import { listAttention } from '../data/attention.js';
import { getStoredOutlets } from '../data/outlets.js';
import { json, parsePath } from '../shared/http.js';
import type { SignedInHandler } from '../shared/request-pipeline.js';

export const listAreaAttention: SignedInHandler = async ({ event, actor }) => {
  const { code } = parsePath(areaPathSchema, event);
  const records = await listAttention(code);
  const outlets = await getStoredOutlets(records.map((record) => record.outletId));
  const area = { code, name: actor.areaNames[code] ?? null };
  return json(200, areaAttention(area, records, outlets.map((stored) => stored.outlet), new Date()));
};
