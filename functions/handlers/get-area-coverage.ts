/**
 * `GET /api/portal/areas/{code}/coverage` (and `coverage.csv`): how far each place in the area is
 * from the nearest outlet open and giving out kits, on the coming Wednesday by day and night and
 * Sunday.
 */
import type { AreaCoverage } from '../contract/area-dashboard.js';
import { areaPathSchema } from '../contract/area.js';
import { searchLimits } from '../contract/find-outlets.js';
import { type CoverageWithGaps, computeCoverage, coverageMoments } from '../core/coverage-gaps.js';
import { toCsv } from '../core/csv.js';
import { boxAroundPointsKm } from '../core/distance.js';
import { areaPlaces } from '../data/area-records.js';
import { searchableOutletsIn } from '../data/nearest-outlets.js';
import { json, parsePath } from '../shared/http.js';
import { logger } from '../shared/logger.js';
import type { SignedInHandler } from '../shared/request-pipeline.js';

/** The area's coverage, with every place's distance. */
async function coverageOf(code: string): Promise<{ placesSource: AreaCoverage['placesSource']; results: CoverageWithGaps[]; itemsRead: number }> {
  const { places, source } = await areaPlaces(code);
  // As far out as a search looks: an outlet further than that is out of reach.
  const box = boxAroundPointsKm(places, searchLimits.maxRadiusKm);
  const { outlets, stats } = box ? await searchableOutletsIn(box) : { outlets: [], stats: { itemsRead: 0 } };
  const results = computeCoverage(places, outlets, coverageMoments(new Date()), { maxDistanceKm: searchLimits.maxRadiusKm, worst: 50 });
  logger.info('Area coverage computed', { area: code, places: places.length, outlets: outlets.length, itemsRead: stats.itemsRead });
  return { placesSource: source, results, itemsRead: stats.itemsRead };
}

export const getAreaCoverage: SignedInHandler = async ({ event }) => {
  const { code } = parsePath(areaPathSchema, event);
  const { placesSource, results, itemsRead } = await coverageOf(code);
  const body: AreaCoverage = { placesSource, results: results.map(({ gaps: _gaps, ...result }) => result), outletItemsRead: itemsRead };
  return json(200, body);
};

/** Every place and its distance at each moment, one row a place. */
export const getAreaCoverageCsv: SignedInHandler = async ({ event }) => {
  const { code } = parsePath(areaPathSchema, event);
  const { results } = await coverageOf(code);
  const header = ['place', 'latitude', 'longitude', ...results.flatMap((result) => [`${result.moment.label} (${result.moment.date}) km`, `${result.moment.label} nearest`])];
  const rows = (results[0]?.gaps ?? []).map((gap, index) => [
    gap.label,
    gap.lat,
    gap.lng,
    ...results.flatMap((result) => {
      const at = result.gaps[index];
      return [at?.distanceKm ?? 'none within reach', at?.nearest?.name ?? ''];
    }),
  ]);
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="coverage-${code}.csv"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    body: toCsv(header, rows),
  };
};
