/**
 * Whether a point lies inside a GeoJSON Polygon or MultiPolygon (longitude, latitude order, holes
 * honoured), by ray casting. Pure. Good for boundaries drawn at local-authority scale, where the
 * Earth's curvature between vertices is negligible.
 */
import type { Coordinates } from '../contract/outlet.js';

/** A GeoJSON Polygon or MultiPolygon geometry. */
export type AreaGeometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

function insideRing(point: Coordinates, ring: readonly number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    const crosses = yi > point.lat !== yj > point.lat && point.lng < ((xj - xi) * (point.lat - yi)) / (yj - yi) + xi;
    if (crosses) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and outside every hole. */
function insidePolygon(point: Coordinates, rings: readonly number[][][]): boolean {
  const [outer, ...holes] = rings;
  return !!outer && insideRing(point, outer) && !holes.some((hole) => insideRing(point, hole));
}

export function isInsideArea(point: Coordinates, geometry: AreaGeometry): boolean {
  return geometry.type === 'Polygon'
    ? insidePolygon(point, geometry.coordinates)
    : geometry.coordinates.some((polygon) => insidePolygon(point, polygon));
}

/** The code of the first area whose boundary holds the point, or undefined. */
export function areaContaining(point: Coordinates, areas: readonly { code: string; geometry: AreaGeometry }[]): string | undefined {
  return areas.find((area) => isInsideArea(point, area.geometry))?.code;
}
