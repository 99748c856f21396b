/**
 * Distances on a spherical Earth: between points, and the least distance from a point to a
 * latitude/longitude box (a geohash cell), which the nearest search uses as its lower bound.
 */
import type { Coordinates } from '../contract/outlet.js';
import type { GeohashBox } from './geohash.js';

/** The mean Earth radius (IUGG), in km. */
export const earthRadiusKm = 6371.0088;

const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
const toDegrees = (radians: number) => (radians * 180) / Math.PI;

/**
 * Slack taken off every lower bound, in km (a micrometre). The bound and the distance to a point
 * on the cell's edge are computed by different arithmetic, so without it rounding could make the
 * bound exceed the true distance by a few ulps and the search could stop one cell too early.
 */
const lowerBoundSlackKm = 1e-9;

/** Great-circle distance in km (haversine, which stays accurate for short distances). */
export function haversineKm(a: Coordinates, b: Coordinates): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLng = toRadians(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Signed difference `to - from` in degrees of longitude, in [-180, 180). */
function longitudeDifference(from: number, to: number): number {
  return ((((to - from + 180) % 360) + 360) % 360) - 180;
}

const modulo360 = (degrees: number) => ((degrees % 360) + 360) % 360;

/** True if `lng` is within the box's longitudes, which may cross the antimeridian (`minLng > maxLng`). */
function longitudeInside(lng: number, box: GeohashBox): boolean {
  const width = box.maxLng - box.minLng;
  const span = width >= 0 ? width : width + 360;
  return span >= 360 || modulo360(lng - box.minLng) <= span;
}

/**
 * Least distance from `point` to the segment of meridian `lng` between `minLat` and `maxLat`.
 * The nearest point of a whole meridian is NOT at the point's latitude: the great circle through
 * the point that meets the meridian at a right angle reaches it nearer the pole, at latitude
 * atan2(tan φ, cos Δλ). Distance along a great circle grows steadily away from that foot, so the
 * least distance on the segment is at the foot if the segment holds it, else at an end.
 */
function distanceToMeridianSegmentKm(point: Coordinates, lng: number, minLat: number, maxLat: number): number {
  const dLng = toRadians(longitudeDifference(point.lng, lng));
  const footLat = toDegrees(Math.atan2(Math.tan(toRadians(point.lat)), Math.cos(dLng)));
  if (footLat >= minLat && footLat <= maxLat) return haversineKm(point, { lat: footLat, lng });
  return Math.min(haversineKm(point, { lat: minLat, lng }), haversineKm(point, { lat: maxLat, lng }));
}

/**
 * Least distance from `point` to the part of parallel `lat` between `minLng` and `maxLng`.
 * Along a parallel the distance grows with the longitude difference, so the nearest point is at
 * the point's own longitude if the segment holds it, else at the nearer end.
 */
function distanceToParallelSegmentKm(point: Coordinates, lat: number, box: GeohashBox): number {
  if (longitudeInside(point.lng, box)) return haversineKm(point, { lat, lng: point.lng });
  return Math.min(haversineKm(point, { lat, lng: box.minLng }), haversineKm(point, { lat, lng: box.maxLng }));
}

/**
 * A lower bound, in km, of the distance from `point` to every point of the closed `box`: 0 inside,
 * otherwise the least distance to its four edges (the nearest point of a region seen from outside
 * lies on its boundary), less a micrometre of slack for rounding.
 */
export function minDistanceToBoxKm(point: Coordinates, box: GeohashBox): number {
  if (point.lat >= box.minLat && point.lat <= box.maxLat && longitudeInside(point.lng, box)) return 0;
  const least = Math.min(
    distanceToParallelSegmentKm(point, box.minLat, box),
    distanceToParallelSegmentKm(point, box.maxLat, box),
    distanceToMeridianSegmentKm(point, box.minLng, box.minLat, box.maxLat),
    distanceToMeridianSegmentKm(point, box.maxLng, box.minLat, box.maxLat),
  );
  return Math.max(0, least - lowerBoundSlackKm);
}

/**
 * The latitude/longitude box holding every point within `radiusKm` of `point`. Its longitudes
 * span the whole circle when the cap reaches a pole. `minLng > maxLng` means it crosses the
 * antimeridian.
 */
export function boxAroundKm(point: Coordinates, radiusKm: number): GeohashBox {
  const angular = radiusKm / earthRadiusKm;
  const dLat = toDegrees(angular);
  const minLat = Math.max(-90, point.lat - dLat);
  const maxLat = Math.min(90, point.lat + dLat);
  const sinRatio = Math.sin(angular) / Math.cos(toRadians(point.lat));
  if (minLat <= -90 || maxLat >= 90 || angular >= Math.PI / 2 || sinRatio >= 1) {
    return { minLat, maxLat, minLng: -180, maxLng: 180 };
  }
  // The widest longitude of a spherical cap, with a little extra so rounding never trims a cell.
  const dLng = toDegrees(Math.asin(sinRatio)) * (1 + 1e-9) + 1e-12;
  const wrap = (lng: number) => ((((lng + 180) % 360) + 360) % 360) - 180;
  if (dLng >= 180) return { minLat, maxLat, minLng: -180, maxLng: 180 };
  return { minLat, maxLat, minLng: wrap(point.lng - dLng), maxLng: wrap(point.lng + dLng) };
}

/**
 * The box holding every point within `radiusKm` of any of `points` (none: null): their bounding box
 * grown by the radius, measured where the longitude degrees are shortest.
 */
export function boxAroundPointsKm(points: readonly Coordinates[], radiusKm: number): GeohashBox | null {
  if (points.length === 0) return null;
  const lats = points.map((point) => point.lat);
  const lngs = points.map((point) => point.lng);
  const dLat = toDegrees(radiusKm / earthRadiusKm);
  const minLat = Math.max(-90, Math.min(...lats) - dLat);
  const maxLat = Math.min(90, Math.max(...lats) + dLat);
  const widestLat = Math.max(Math.abs(minLat), Math.abs(maxLat));
  if (widestLat >= 89) return { minLat, maxLat, minLng: -180, maxLng: 180 };
  const dLng = toDegrees(radiusKm / (earthRadiusKm * Math.cos(toRadians(widestLat))));
  return { minLat, maxLat, minLng: Math.max(-180, Math.min(...lngs) - dLng), maxLng: Math.min(180, Math.max(...lngs) + dLng) };
}
