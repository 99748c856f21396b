/**
 * `GET /api/outlets`: the nearest outlets to a postcode, a town or area, or a point, filtered,
 * nearest first; or, for a name several places have, those places to choose between.
 */
import { type FindOutletsResponse, findOutletsQuerySchema } from '../contract/find-outlets.js';
import { outletFilter } from '../core/outlet-filters.js';
import { toNearbyOutlet } from '../core/outlet-views.js';
import { locationForLog, resolveSearch } from '../core/resolve-search-location.js';
import { findNearestOutlets } from '../data/nearest-outlets.js';
import { postcodeLookup } from '../data/postcodes.js';
import { json, parseQuery } from '../shared/http.js';
import { logger } from '../shared/logger.js';
import type { PublicHandler } from '../shared/request-pipeline.js';

export const findOutlets: PublicHandler = async ({ event }) => {
  const query = parseQuery(findOutletsQuerySchema, event);
  const resolved = await resolveSearch(query, postcodeLookup);
  if (resolved.kind === 'choices') {
    // The name is one of the finder's own places (it matched several), not free text: safe to log.
    logger.info('Place choices offered', { source: 'place', area: resolved.answer.name, choices: resolved.answer.choices.length });
    return json(200, resolved.answer);
  }
  const { location } = resolved;
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
  const body: FindOutletsResponse = {
    location,
    // Down to 10 m: the answer promises nothing was missed within this distance, so never round it up.
    searchedRadiusKm: Math.floor(found.searchedRadiusKm * 100) / 100,
    results: found.results.map(({ outlet, distanceKm }) => toNearbyOutlet(outlet, distanceKm, now)),
  };
  return json(200, body);
};
