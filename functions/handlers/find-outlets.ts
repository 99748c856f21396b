/**
 * `GET /api/outlets`: the nearest outlets to a postcode, a town or area, or a point, filtered,
 * nearest first, and the postal services that post to the searched place; or, for a name several
 * places have, those places to choose between.
 */
import { type FindOutletsResponse, findOutletsQuerySchema } from '../contract/find-outlets.js';
import { outletFilter } from '../core/outlet-filters.js';
import { toNearbyOutlet } from '../core/outlet-views.js';
import { toPostalServiceSummary } from '../core/postal-services.js';
import { locationForLog, resolveSearch } from '../core/resolve-search-location.js';
import { searchedArea, searchedAreaOfPlace } from '../core/searched-area.js';
import { findNearestOutlets } from '../data/nearest-outlets.js';
import { findPostalServicesCovering } from '../data/postal-services.js';
import { type PostcodeLocation, postcodeLookup } from '../data/postcodes.js';
import { json, parseQuery } from '../shared/http.js';
import { logger } from '../shared/logger.js';
import { metricNames } from '../shared/metric-names.js';
import { countMetric } from '../shared/metrics.js';
import type { PublicHandler } from '../shared/request-pipeline.js';

export const findOutlets: PublicHandler = async ({ event }) => {
  const query = parseQuery(findOutletsQuerySchema, event);
  // The resolver returns the point only; the item it came from also knows its local authority,
  // so the lookups are watched rather than asked twice. It returns on the first item found, so
  // the last one found is the one the search is centred on.
  let found: PostcodeLocation | null = null;
  const watch = (lookup: (key: string) => Promise<PostcodeLocation | null>) => async (key: string) => {
    const item = await lookup(key);
    if (item) found = item;
    return item;
  };
  const resolved = await resolveSearch(query, { postcode: watch(postcodeLookup.postcode), outwardCode: watch(postcodeLookup.outwardCode) });
  if (resolved.kind === 'choices') {
    // The name is one of the finder's own places (it matched several), not free text: safe to log.
    logger.info('Place choices offered', { source: 'place', area: resolved.answer.name, choices: resolved.answer.choices.length });
    return json(200, resolved.answer);
  }
  const { location } = resolved;
  // A town or area found by name has no postcode item: the place list's own entry places it.
  const area = resolved.place
    ? searchedAreaOfPlace(resolved.place)
    : searchedArea(location, (found as PostcodeLocation | null)?.localAuthorityCode ?? null);
  const now = new Date();
  const [nearest, postal] = await Promise.all([
    findNearestOutlets({
      point: location,
      limit: query.limit,
      radiusKm: query.radiusKm,
      accept: outletFilter(query, now),
    }),
    findPostalServicesCovering(area),
  ]);
  logger.info('Outlets searched', {
    ...locationForLog(location),
    results: nearest.results.length,
    itemsRead: nearest.stats.itemsRead,
    budgetExhausted: nearest.budgetExhausted,
    areaKnownFrom: area.knownFrom,
    postalServices: postal.services.length,
  });
  countMetric(metricNames.searches);
  countMetric(metricNames.searchResults, nearest.results.length);
  countMetric(metricNames.searchItemsRead, nearest.stats.itemsRead);
  if (nearest.budgetExhausted) countMetric(metricNames.searchBudgetExhausted);
  const body: FindOutletsResponse = {
    location,
    // Down to 10 m: the answer promises nothing was missed within this distance, so never round it up.
    searchedRadiusKm: Math.floor(nearest.searchedRadiusKm * 100) / 100,
    results: nearest.results.map(({ outlet, distanceKm }) => toNearbyOutlet(outlet, distanceKm, now)),
    area,
    postalServices: postal.services.map(toPostalServiceSummary),
  };
  return json(200, body);
};
