/**
 * Geohash: encode, decode to a cell's box, neighbours, children and the cells covering a box.
 *
 * Cells are handled as integer (latitude, longitude) indices at a precision, because every
 * boundary is then an exact binary fraction of the whole range: a point on a boundary belongs to
 * exactly one cell (the one above or to the east, as in the standard bisection) and always lies
 * inside that cell's closed box, with no rounding. The nearest search relies on that for exactness.
 */
import type { Coordinates } from '../contract/outlet.js';

/** The geohash alphabet (no a, i, l, o). */
export const geohashAlphabet = '0123456789bcdefghjkmnpqrstuvwxyz';

const maxPrecision = 12;

/** A cell's closed bounding box, in degrees. */
export interface GeohashBox {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}

/** A cell as integer indices: `latIndex` counts cells north from -90°, `lngIndex` east from -180°. */
interface CellIndex {
  latIndex: number;
  lngIndex: number;
}

function checkPrecision(precision: number): void {
  if (!Number.isInteger(precision) || precision < 1 || precision > maxPrecision) {
    throw new RangeError(`Geohash precision must be a whole number from 1 to ${maxPrecision}`);
  }
}

/** Bits of latitude and longitude in a geohash of `precision` characters: longitude takes the odd one. */
function bitsOf(precision: number): { latBits: number; lngBits: number } {
  const bits = precision * 5;
  return { latBits: Math.floor(bits / 2), lngBits: Math.ceil(bits / 2) };
}

/** The size of a cell in degrees at a precision. */
export function geohashCellSize(precision: number): { latDeg: number; lngDeg: number } {
  checkPrecision(precision);
  const { latBits, lngBits } = bitsOf(precision);
  return { latDeg: 180 / 2 ** latBits, lngDeg: 360 / 2 ** lngBits };
}

/** Bisection, as the geohash standard does it: a value on a midpoint goes to the upper half. */
function bisect(value: number, low: number, high: number, bits: number): number {
  let index = 0;
  for (let bit = 0; bit < bits; bit += 1) {
    const mid = (low + high) / 2;
    index *= 2;
    if (value >= mid) {
      index += 1;
      low = mid;
    } else {
      high = mid;
    }
  }
  return index;
}

function indexOf(point: Coordinates, precision: number): CellIndex {
  const { latBits, lngBits } = bitsOf(precision);
  return {
    latIndex: bisect(point.lat, -90, 90, latBits),
    lngIndex: bisect(point.lng, -180, 180, lngBits),
  };
}

function hashOf({ latIndex, lngIndex }: CellIndex, precision: number): string {
  const { latBits, lngBits } = bitsOf(precision);
  let hash = '';
  let chunk = 0;
  let chunkBits = 0;
  // Bits alternate longitude, latitude, longitude...; read each index from its most significant bit.
  let lngBit = lngBits - 1;
  let latBit = latBits - 1;
  for (let bit = 0; bit < precision * 5; bit += 1) {
    const value = bit % 2 === 0 ? Math.floor(lngIndex / 2 ** lngBit--) % 2 : Math.floor(latIndex / 2 ** latBit--) % 2;
    chunk = chunk * 2 + value;
    chunkBits += 1;
    if (chunkBits === 5) {
      hash += geohashAlphabet[chunk];
      chunk = 0;
      chunkBits = 0;
    }
  }
  return hash;
}

function indexOfHash(hash: string): CellIndex {
  checkPrecision(hash.length);
  let latIndex = 0;
  let lngIndex = 0;
  let bit = 0;
  for (const char of hash) {
    const value = geohashAlphabet.indexOf(char);
    if (value < 0) throw new RangeError(`Not a geohash: ${JSON.stringify(hash)}`);
    for (let shift = 4; shift >= 0; shift -= 1) {
      const bitValue = Math.floor(value / 2 ** shift) % 2;
      if (bit % 2 === 0) lngIndex = lngIndex * 2 + bitValue;
      else latIndex = latIndex * 2 + bitValue;
      bit += 1;
    }
  }
  return { latIndex, lngIndex };
}

/** The geohash of a point at `precision` characters (1 to 12). */
export function encodeGeohash(point: Coordinates, precision: number): string {
  checkPrecision(precision);
  return hashOf(indexOf(point, precision), precision);
}

/** The closed box of a cell. Throws on a string that is not a geohash. */
export function geohashBox(hash: string): GeohashBox {
  const { latIndex, lngIndex } = indexOfHash(hash);
  const { latDeg, lngDeg } = geohashCellSize(hash.length);
  return {
    minLat: -90 + latIndex * latDeg,
    maxLat: -90 + (latIndex + 1) * latDeg,
    minLng: -180 + lngIndex * lngDeg,
    maxLng: -180 + (lngIndex + 1) * lngDeg,
  };
}

/** The centre of a cell: a point within half a cell of every point that encodes to it. */
export function decodeGeohash(hash: string): Coordinates {
  const box = geohashBox(hash);
  return { lat: (box.minLat + box.maxLat) / 2, lng: (box.minLng + box.maxLng) / 2 };
}

/**
 * Every cell at `precision` that meets a latitude/longitude box. `minLng > maxLng` means the box
 * crosses the antimeridian. Latitudes are clamped to the poles.
 */
export function geohashesCovering(box: GeohashBox, precision: number): string[] {
  checkPrecision(precision);
  const { latBits, lngBits } = bitsOf(precision);
  const lngCount = 2 ** lngBits;
  const low = indexOf({ lat: Math.max(-90, box.minLat), lng: box.minLng }, precision);
  const high = indexOf({ lat: Math.min(90, box.maxLat), lng: box.maxLng }, precision);
  const lngSteps = high.lngIndex >= low.lngIndex ? high.lngIndex - low.lngIndex : high.lngIndex + lngCount - low.lngIndex;
  const cells: string[] = [];
  for (let latIndex = low.latIndex; latIndex <= Math.min(high.latIndex, 2 ** latBits - 1); latIndex += 1) {
    for (let step = 0; step <= lngSteps; step += 1) {
      cells.push(hashOf({ latIndex, lngIndex: (low.lngIndex + step) % lngCount }, precision));
    }
  }
  return cells;
}
