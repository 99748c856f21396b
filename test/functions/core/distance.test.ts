import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxAroundKm, haversineKm, minDistanceToBoxKm } from '../../../functions/core/distance.js';
import { encodeGeohash, geohashBox } from '../../../functions/core/geohash.js';

/** Uniform in [min, max] at micro-degree steps: fc.double leans hard towards 0 and the bounds. */
const between = (min: number, max: number) =>
  fc.integer({ min: Math.round(min * 1e6), max: Math.round(max * 1e6) }).map((micro) => micro / 1e6);

const ukPoint = fc.record({
  lat: between(49.8, 60.9),
  lng: between(-8.7, 1.8),
});
const anyPoint = fc.record({
  lat: between(-89.9, 89.9),
  lng: between(-180, 180),
});
/** Edges (0 and 1) often, and anywhere between. */
const fraction = fc.oneof(fc.constantFrom(0, 1), between(0, 1));

describe('haversineKm', () => {
  it('measures known distances', () => {
    // Act
    const manchesterToLondon = haversineKm({ lat: 53.4808, lng: -2.2426 }, { lat: 51.5074, lng: -0.1278 });
    const oneDegreeOfLatitude = haversineKm({ lat: 0, lng: 0 }, { lat: 1, lng: 0 });

    // Assess
    expect(manchesterToLondon).toBeCloseTo(262.0, 0);
    expect(oneDegreeOfLatitude).toBeCloseTo(111.195, 2);
  });
});

describe('minDistanceToBoxKm', () => {
  it('is 0 inside the box and on its edges', () => {
    // Prepare
    const box = geohashBox('gcw2');

    // Assess
    expect(minDistanceToBoxKm({ lat: 53.5, lng: -2.3 }, box)).toBe(0);
    expect(minDistanceToBoxKm({ lat: box.minLat, lng: box.minLng }, box)).toBe(0);
  });

  it('is a lower bound of the distance to any point of the cell', () => {
    fc.assert(
      fc.property(
        fc.oneof(ukPoint, anyPoint),
        ukPoint,
        fc.integer({ min: 2, max: 6 }),
        fraction,
        fraction,
        (point, anchor, precision, u, v) => {
          // Prepare: a cell, and a point of it (edges included: fractions 0 and 1 are common)
          const box = geohashBox(encodeGeohash(anchor, precision));
          const inCell = { lat: box.minLat + u * (box.maxLat - box.minLat), lng: box.minLng + v * (box.maxLng - box.minLng) };

          // Act
          const bound = minDistanceToBoxKm(point, box);

          // Assess
          expect(bound).toBeLessThanOrEqual(haversineKm(point, inCell));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('is a lower bound also for points just beside the cell, where the nearest edge point is not at their latitude', () => {
    fc.assert(
      fc.property(ukPoint, fc.integer({ min: 3, max: 5 }), between(-1.5, 2.5), between(-1.5, 2.5), fraction, fraction, (anchor, precision, a, b, u, v) => {
        // Prepare: a point within a cell or two of the cell, and a point of the cell
        const box = geohashBox(encodeGeohash(anchor, precision));
        const height = box.maxLat - box.minLat;
        const width = box.maxLng - box.minLng;
        const point = { lat: box.minLat + a * height, lng: box.minLng + b * width };
        const inCell = { lat: box.minLat + u * height, lng: box.minLng + v * width };

        // Act
        const bound = minDistanceToBoxKm(point, box);

        // Assess
        expect(bound).toBeLessThanOrEqual(haversineKm(point, inCell));
      }),
      { numRuns: 5000 },
    );
  });

  it('is tight: it is reached by some point of the box', () => {
    // Prepare: north-east of a cell, where the nearest point of its east edge is north of the corner's latitude
    const box = geohashBox('gcw2');
    const point = { lat: 53.7, lng: -1.0 };

    // Act
    const bound = minDistanceToBoxKm(point, box);
    let best = Infinity;
    for (let i = 0; i <= 1000; i += 1) {
      const lat = box.minLat + (i / 1000) * (box.maxLat - box.minLat);
      best = Math.min(best, haversineKm(point, { lat, lng: box.maxLng }), haversineKm(point, { lat: box.maxLat, lng: box.minLng + (i / 1000) * (box.maxLng - box.minLng) }));
    }

    // Assess
    expect(bound).toBeLessThanOrEqual(best);
    expect(best - bound).toBeLessThan(0.01);
  });
});

describe('boxAroundKm', () => {
  it('holds every point within the radius', () => {
    fc.assert(
      fc.property(anyPoint, between(0, 200), between(0, 360), fraction, (point, radiusKm, bearing, share) => {
        // Prepare: a point at a distance up to the radius, in any direction
        const d = (radiusKm * share) / 6371.0088;
        const lat1 = (point.lat * Math.PI) / 180;
        const theta = (bearing * Math.PI) / 180;
        const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(theta));
        const lng2 = (point.lng * Math.PI) / 180 + Math.atan2(Math.sin(theta) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
        const target = { lat: (lat2 * 180) / Math.PI, lng: ((((lng2 * 180) / Math.PI + 540) % 360) + 360) % 360 - 180 };

        // Act
        const box = boxAroundKm(point, radiusKm);

        // Assess
        expect(target.lat).toBeGreaterThanOrEqual(box.minLat - 1e-9);
        expect(target.lat).toBeLessThanOrEqual(box.maxLat + 1e-9);
        const span = (box.maxLng - box.minLng + 360) % 360 || 360;
        const offset = (((target.lng - box.minLng) % 360) + 360) % 360;
        expect(offset <= span + 1e-9 || offset >= 360 - 1e-9).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
