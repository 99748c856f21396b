/**
 * Coverage gaps: for every place in an area (postcode centroids), the straight-line distance to the
 * nearest outlet that is open and giving out kits at a given moment, for three moments a week, and
 * the worst-served places. Pure.
 *
 * Exact, not approximated: each place's nearest open outlet is the least great-circle distance over
 * every candidate outlet (the same haversine the nearest search uses), the batch equivalent of one
 * exact nearest search per place. The candidates come from the search index around the area
 * (`data/area-coverage.ts`) far enough out that no nearer outlet is missed within `maxDistanceKm`;
 * a place with none that near is reported as having none.
 */
import type { CoverageMoment, CoverageMomentKey, CoverageResult, PlaceGap } from '../contract/coverage.js';
import type { Coordinates, SearchableOutlet } from '../contract/outlet.js';
import { haversineKm } from './distance.js';
import { isFreshEnoughForSearch } from './listing-freshness.js';
import { isGivingOutKits, isPubliclyListed } from './listing-visibility.js';
import { addDays, londonInstant, londonWallClock } from './london-time.js';
import { listingOpenStateAt } from './outlet-views.js';

/** A place to measure from: a postcode (or outward code) centroid. */
export interface CoveragePlace extends Coordinates {
  label: string;
}

const momentTimes: Record<CoverageMomentKey, { weekday: number; minuteOfDay: number; label: string }> = {
  weekday_day: { weekday: 3, minuteOfDay: 12 * 60, label: 'Wednesday 12:00' },
  weekday_night: { weekday: 3, minuteOfDay: 22 * 60, label: 'Wednesday 22:00' },
  sunday: { weekday: 0, minuteOfDay: 12 * 60, label: 'Sunday 12:00' },
};

/** The three moments of the coming week (from tomorrow, London time): the next Wednesday at 12:00 and 22:00, and the next Sunday at 12:00. */
export function coverageMoments(now: Date): CoverageMoment[] {
  const today = londonWallClock(now).date;
  return (Object.entries(momentTimes) as [CoverageMomentKey, (typeof momentTimes)[CoverageMomentKey]][]).map(([key, time]) => {
    let date = addDays(today, 1);
    while (new Date(`${date}T12:00:00Z`).getUTCDay() !== time.weekday) date = addDays(date, 1);
    return { key, label: time.label, date, at: londonInstant(date, time.minuteOfDay).toISOString() };
  });
}

/** Whether an outlet would give someone a kit at that moment: listed, not closed, fresh enough to be searched, and open (by its own nation’s bank holidays). */
const servesAt = (outlet: SearchableOutlet, at: Date): boolean =>
  isPubliclyListed(outlet) && isGivingOutKits(outlet, at) && isFreshEnoughForSearch(outlet, at) && listingOpenStateAt(outlet, at).status === 'open';

/** The nearest of `outlets` to `place` within `maxDistanceKm`, or null. */
function nearestOf(place: Coordinates, outlets: readonly SearchableOutlet[], maxDistanceKm: number): { outlet: SearchableOutlet; distanceKm: number } | null {
  let best: { outlet: SearchableOutlet; distanceKm: number } | null = null;
  for (const outlet of outlets) {
    const distanceKm = haversineKm(place, outlet.location);
    if (distanceKm <= maxDistanceKm && (!best || distanceKm < best.distanceKm || (distanceKm === best.distanceKm && outlet.id < best.outlet.id))) {
      best = { outlet, distanceKm };
    }
  }
  return best;
}

const round = (km: number) => Math.round(km * 100) / 100;

/** Size of the map layer's squares, in degrees of latitude (about 1.1 km) and longitude (about 0.9 km at 53°N). */
const squareDegrees = { lat: 0.01, lng: 0.015 } as const;

/** The places gathered into squares, each at its centre, with the furthest distance in it. */
function squaresOf(gaps: readonly PlaceGap[]): CoverageResult['squares'] {
  const squares = new Map<string, { lat: number; lng: number; places: number; maxKm: number | null; none: boolean }>();
  for (const gap of gaps) {
    const [row, column] = [Math.floor(gap.lat / squareDegrees.lat), Math.floor(gap.lng / squareDegrees.lng)];
    const key = `${row}:${column}`;
    const square = squares.get(key) ?? { lat: (row + 0.5) * squareDegrees.lat, lng: (column + 0.5) * squareDegrees.lng, places: 0, maxKm: 0, none: false };
    square.places += 1;
    if (gap.distanceKm === null) square.none = true;
    else square.maxKm = Math.max(square.maxKm ?? 0, gap.distanceKm);
    squares.set(key, square);
  }
  return [...squares.values()].map(({ none, ...square }) => ({ ...square, lat: round6(square.lat), lng: round6(square.lng), maxKm: none ? null : square.maxKm }));
}

const round6 = (degrees: number) => Math.round(degrees * 1e6) / 1e6;

/** The value at a quantile of sorted numbers (nearest rank). */
const quantile = (sorted: readonly number[], q: number): number | null => (sorted.length === 0 ? null : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? null));

/** A moment's coverage with every place's distance too (for a CSV), which answers leave out. */
export type CoverageWithGaps = CoverageResult & { gaps: PlaceGap[] };

/**
 * Coverage of `places` by `outlets` at each moment: every place's distance, the share within 1, 2
 * and 5 km, the median, 90th percentile and furthest, the `worst` worst-served places, and squares
 * for a map.
 */
export function computeCoverage(
  places: readonly CoveragePlace[],
  outlets: readonly SearchableOutlet[],
  moments: readonly CoverageMoment[],
  { maxDistanceKm, worst = 20 }: { maxDistanceKm: number; worst?: number },
): CoverageWithGaps[] {
  return moments.map((moment) => {
    const at = new Date(moment.at);
    const open = outlets.filter((outlet) => servesAt(outlet, at));
    const gaps: PlaceGap[] = places.map((place) => {
      const nearest = nearestOf(place, open, maxDistanceKm);
      return {
        label: place.label,
        lat: place.lat,
        lng: place.lng,
        distanceKm: nearest ? round(nearest.distanceKm) : null,
        nearest: nearest ? { id: nearest.outlet.id, name: nearest.outlet.name } : null,
      };
    });
    const distances = gaps.flatMap((gap) => (gap.distanceKm === null ? [] : [gap.distanceKm])).sort((a, b) => a - b);
    const share = (km: number) => (places.length === 0 ? 0 : Math.round((1000 * distances.filter((distance) => distance <= km).length) / places.length) / 10);
    // No outlet in reach is the worst of all, then the furthest first.
    const worstFirst = [...gaps].sort((a, b) => (b.distanceKm ?? Infinity) - (a.distanceKm ?? Infinity) || a.label.localeCompare(b.label));
    return {
      moment,
      openOutlets: open.length,
      places: places.length,
      withoutOutletInReach: gaps.filter((gap) => gap.distanceKm === null).length,
      medianKm: quantile(distances, 0.5),
      p90Km: quantile(distances, 0.9),
      maxKm: distances.at(-1) ?? null,
      sharePercentWithin: { '1': share(1), '2': share(2), '5': share(5) },
      worst: worstFirst.slice(0, worst),
      squares: squaresOf(gaps),
      gaps,
    };
  });
}
