import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeGeohash,
  encodeGeohash,
  geohashBox,
  geohashCellSize,
  geohashesCovering,
} from '../../../functions/core/geohash.js';

const anyPoint = fc.record({
  lat: fc.double({ min: -90, max: 90, noNaN: true }),
  lng: fc.double({ min: -180, max: 180, noNaN: true }),
});

describe('geohash', () => {
  it('encodes known points', () => {
    // Act
    const vectors = [
      encodeGeohash({ lat: 57.64911, lng: 10.40744 }, 11),
      encodeGeohash({ lat: 53.4808, lng: -2.2426 }, 9),
      encodeGeohash({ lat: 51.5074, lng: -0.1278 }, 9),
    ];

    // Assess
    expect(vectors).toEqual(['u4pruydqqvj', 'gcw2hzyup', 'gcpvj0duq']);
  });

  it('decodes a cell to a box that holds every point encoded to it', () => {
    fc.assert(
      fc.property(anyPoint, fc.integer({ min: 1, max: 12 }), (point, precision) => {
        // Act
        const box = geohashBox(encodeGeohash(point, precision));

        // Assess
        expect(point.lat).toBeGreaterThanOrEqual(box.minLat);
        expect(point.lat).toBeLessThanOrEqual(box.maxLat);
        expect(point.lng).toBeGreaterThanOrEqual(box.minLng);
        expect(point.lng).toBeLessThanOrEqual(box.maxLng);
      }),
    );
  });

  it('round-trips: the centre of a cell encodes to the same cell', () => {
    fc.assert(
      fc.property(anyPoint, fc.integer({ min: 1, max: 12 }), (point, precision) => {
        // Prepare
        const hash = encodeGeohash(point, precision);

        // Act
        const again = encodeGeohash(decodeGeohash(hash), precision);

        // Assess
        expect(again).toBe(hash);
      }),
    );
  });

  it('puts a point on a cell boundary in the cell to its north and east', () => {
    // Prepare
    const box = geohashBox('gcw2');

    // Act
    const corner = encodeGeohash({ lat: box.minLat, lng: box.minLng }, 4);

    // Assess
    expect(corner).toBe('gcw2');
  });

  it('covers a box with every cell that meets it, also across the antimeridian', () => {
    // Prepare: the cells of a fine grid of points over the box, corners included
    const box = { minLat: 53.4, maxLat: 53.6, minLng: -2.5, maxLng: -2.0 };
    const size = geohashCellSize(4);
    const expected = new Set<string>();
    for (let lat = box.minLat; lat <= box.maxLat + 1e-12; lat += (box.maxLat - box.minLat) / 20) {
      for (let lng = box.minLng; lng <= box.maxLng + 1e-12; lng += (box.maxLng - box.minLng) / 20) {
        expected.add(encodeGeohash({ lat: Math.min(lat, box.maxLat), lng: Math.min(lng, box.maxLng) }, 4));
      }
    }

    // Act
    const plain = geohashesCovering(box, 4);
    const wrapped = geohashesCovering({ minLat: 0, maxLat: 0.1, minLng: 179.9, maxLng: -179.9 }, 4);

    // Assess
    expect((box.maxLat - box.minLat) / 20).toBeLessThan(size.latDeg);
    expect((box.maxLng - box.minLng) / 20).toBeLessThan(size.lngDeg);
    expect(new Set(plain)).toEqual(expected);
    expect(wrapped.map((hash) => Math.sign(geohashBox(hash).minLng)).sort()).toEqual([-1, 1]);
  });

});
