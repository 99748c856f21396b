/**
 * `GET /api/portal/areas/{code}`: the area's listings, counts, stale listings and open reports.
 */
import { areaPathSchema } from '../contract/area.js';
import { areaOverview } from '../core/area-dashboard.js';
import { areaOutlets, areaReports } from '../data/area-records.js';
import { getArea } from '../data/areas.js';
import { json, parsePath } from '../shared/http.js';
import type { SignedInHandler } from '../shared/request-pipeline.js';

export const getAreaOverview: SignedInHandler = async ({ event, actor }) => {
  const { code } = parsePath(areaPathSchema, event);
  const [outlets, reports, stored] = await Promise.all([areaOutlets(code), areaReports(code), getArea(code)]);
  const name = stored.boundary?.name ?? actor.areaNames[code] ?? null;
  return json(200, areaOverview({ code, name }, outlets, reports, stored.estimate, new Date()));
};
