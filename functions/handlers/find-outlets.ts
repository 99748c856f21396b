/**
 * `GET /api/outlets`: the nearest outlets to a postcode or a point, filtered, nearest first.
 */
import { type FindOutletsResponse, findOutletsQuerySchema } from '../contract/find-outlets.js';
import { outletFilter } from '../core/outlet-filters.js';
import { toNearbyOutlet } from '../core/outlet-views.js';
import { locationForLog, resolveSearchLocation } from '../core/resolve-search-location.js';
import { findNearestOutlets } from '../data/nearest-outlets.js';
import { postcodeLookup } from '../data/postcodes.js';
import { json, parseQuery } from '../shared/http.js';
import { logger } from '../shared/logger.js';
import { metricNames } from '../shared/metric-names.js';
import { countMetric } from '../shared/metrics.js';
import type { PublicHandler } from '../shared/request-pipeline.js';

export const findOutlets: PublicHandler = async ({ event }) => {
  const query = parseQuery(findOutletsQuerySchema, event);
  const location = await resolveSearchLocation(query, postcodeLookup);
  const now = new Date();
  const found = await findNearestOutlets({
    point: location,
    limit: query.limit,
    radiusKm: query.radiusKm,
    accept: outletFilter(query, now),
  });
  logger.info('Outlets searched', {
    ...locationForLog(location),
    results: found.results.length,
    itemsRead: found.stats.itemsRead,
    budgetExhausted: found.budgetExhausted,
  });
  countMetric(metricNames.searches);
  countMetric(metricNames.searchResults, found.results.length);
  countMetric(metricNames.searchItemsRead, found.stats.itemsRead);
  if (found.budgetExhausted) countMetric(metricNames.searchBudgetExhausted);
  const body: FindOutletsResponse = {
    location,
    // Down to 10 m: the answer promises nothing was missed within this distance, so never round it up.
    searchedRadiusKm: Math.floor(found.searchedRadiusKm * 100) / 100,
    results: found.results.map(({ outlet, distanceKm }) => toNearbyOutlet(outlet, distanceKm, now)),
  };
  return json(200, body);
};
