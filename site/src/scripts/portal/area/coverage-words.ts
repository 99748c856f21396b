/**
 * Coverage gaps in words and bands: how far a place is from the nearest outlet open and giving out
 * kits, grouped as the map's legend and the tables say it.
 */
import type { AreaCoverage } from '@contract/area-dashboard.js';
import type { CoverageResult, PlaceGap } from '@contract/coverage.js';

/** The map's distance bands, nearest first; the last is "no outlet open within reach". */
export const distanceBands = [
  { key: 'within1', label: 'Within 1 km', upTo: 1 },
  { key: 'within2', label: '1 to 2 km', upTo: 2 },
  { key: 'within5', label: '2 to 5 km', upTo: 5 },
  { key: 'over5', label: 'More than 5 km', upTo: Number.POSITIVE_INFINITY },
  { key: 'none', label: 'No outlet open within reach', upTo: null },
] as const;
export type DistanceBand = (typeof distanceBands)[number]['key'];

/** The band of a distance in km (null: no open outlet within reach). */
export function bandOf(km: number | null): DistanceBand {
  if (km === null) return 'none';
  return distanceBands.find((band) => band.upTo !== null && km <= band.upTo)?.key ?? 'over5';
}

/** "0.4 km", "12.3 km", or "None open within reach". */
export const kmInWords = (km: number | null): string => (km === null ? 'None open within reach' : `${km.toLocaleString('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} km`);

/** What the places are, in a sentence. */
export function placesInWords(coverage: AreaCoverage): string {
  const places = coverage.results[0]?.places ?? 0;
  if (coverage.placesSource === 'none' || places === 0) return 'The finder has no postcodes for this area yet, so it cannot measure coverage here.';
  const count = places.toLocaleString('en-GB');
  return coverage.placesSource === 'postcodes'
    ? `Measured from the centre of each of the area’s ${count} postcodes.`
    : `Measured from the centre of each of the area’s ${count} postcode districts (like M14): full postcodes for the area are not loaded, so this is rougher.`;
}

/** A moment's label with its date: "Wednesday 12:00 (2 December 2026)". */
export function momentInWords(result: Pick<CoverageResult, 'moment'>): string {
  const date = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${result.moment.date}T12:00:00Z`));
  return `${result.moment.label} (${date})`;
}

/** A worst-served place's nearest open outlet, in words. */
export const nearestInWords = (place: PlaceGap): string => place.nearest?.name ?? 'None open within reach';
