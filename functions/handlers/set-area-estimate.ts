/**
 * `PUT /api/portal/areas/{code}/estimate`: the commissioner's estimate of people using opiates in
 * the area, with its source and year.
 */
import { areaEstimateSchema, areaPathSchema, type StoredAreaEstimate } from '../contract/area.js';
import { putAreaEstimate } from '../data/areas.js';
import { json, parseBody, parsePath } from '../shared/http.js';
import { logger } from '../shared/logger.js';
import type { SignedInHandler } from '../shared/request-pipeline.js';

export const setAreaEstimate: SignedInHandler = async ({ event, actor }) => {
  const { code } = parsePath(areaPathSchema, event);
  const estimate: StoredAreaEstimate = { ...parseBody(areaEstimateSchema, event), setAt: new Date().toISOString(), setBy: actor.label };
  await putAreaEstimate(code, estimate);
  logger.info('Area estimate set', { area: code, year: estimate.year });
  return json(200, estimate);
};
