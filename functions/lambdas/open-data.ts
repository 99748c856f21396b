/**
 * Lambda entry for open data: the Open Referral (HSDS 3.0) API, public and read-only, readable by
 * pages of any site (`shared/cross-origin.ts`).
 */
import { getHsdsRoot } from '../handlers/get-hsds-root.js';
import { getHsdsService } from '../handlers/get-hsds-service.js';
import { listHsdsServiceAtLocations } from '../handlers/list-hsds-service-at-locations.js';
import { listHsdsServices } from '../handlers/list-hsds-services.js';
import { answerPreflight, withCrossOriginHeaders } from '../shared/cross-origin.js';
import { groupEntry } from '../shared/request-pipeline.js';

export const handler = withCrossOriginHeaders(
  groupEntry('open-data', { getHsdsRoot, listHsdsServices, getHsdsService, listHsdsServiceAtLocations, answerPreflight }),
);
