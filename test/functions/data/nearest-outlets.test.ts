import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Coordinates, Outlet, SearchableOutlet } from '../../../functions/contract/outlet.js';
import { isSearchable } from '../../../functions/core/listing-visibility.js';
import { haversineKm } from '../../../functions/core/distance.js';
import { encodeGeohash, geohashBox } from '../../../functions/core/geohash.js';
import { compareNearest, maxItemsReadPerSearch, maxUnitsReadPerSearch } from '../../../functions/core/nearest-search.js';
import { ensureTable } from '../../../functions/data/create-table.js';
import { findNearestOutlets } from '../../../functions/data/nearest-outlets.js';
import { putOutlets } from '../../../functions/data/outlets.js';
import { buildOutlet } from '../../fixtures/outlets.js';
import { seededRandom } from '../../support/seeded-random.js';

const manchester = { lat: 53.4808, lng: -2.2426 };
/** A packed block inside one 5-character cell, big enough that reading it takes more than one Query page. */
const packedCentre = geohashBox('gcw2n');
const packed = { lat: (packedCentre.minLat + packedCentre.maxLat) / 2, lng: (packedCentre.minLng + packedCentre.maxLng) / 2 };

function buildTable(): Outlet[] {
  const random = seededRandom(20250301);
  const spots: { centre: Coordinates; count: number; dLat: number; dLng: number }[] = [
    { centre: packed, count: 1200, dLat: 0.004, dLng: 0.006 },
    { centre: manchester, count: 500, dLat: 0.06, dLng: 0.1 },
    { centre: { lat: 53.8, lng: -1.55 }, count: 500, dLat: 0.05, dLng: 0.08 },
    { centre: { lat: 53.38, lng: -1.47 }, count: 400, dLat: 0.05, dLng: 0.08 },
    { centre: manchester, count: 350, dLat: 1.5, dLng: 2.5 },
  ];
  const outlets: Outlet[] = [];
  for (const spot of spots) {
    for (let n = 0; n < spot.count; n += 1) {
      const roll = random();
      outlets.push(
        buildOutlet({
          id: `o${outlets.length}`,
          location: {
            lat: spot.centre.lat + (random() * 2 - 1) * spot.dLat,
            lng: spot.centre.lng + (random() * 2 - 1) * spot.dLng,
          },
          status: roll < 0.05 ? 'inactive' : roll < 0.1 ? 'temporarily_closed' : 'active',
          kitTypes: random() < 0.3 ? ['nasal', 'injectable'] : ['nasal'],
          eligibility: { free: true, noIdNeeded: random() < 0.7, walkIn: random() < 0.8, familyAndFriendsCanCollect: true, minimumAge: null },
          // Long listings in the packed block, so it spans more than one 1 MB Query page. Only fields
          // the index projects count: the search never reads the others.
          ...(spot.centre === packed
            ? { address: { lines: Array.from({ length: 4 }, () => 'Unit 7, The Long Named Shopping Arcade and Health Centre, '.repeat(2)), town: 'Manchester', postcode: 'M1 5AN' } }
            : {}),
          alert: spot.centre === packed ? 'Kits are given at the counter; ask for naloxone. '.repeat(4) : null,
        }),
      );
    }
  }
  // Two outlets at one spot, so distance ties are broken by id.
  outlets.push(buildOutlet({ id: 'tie-b', location: { lat: 53.6, lng: -2.6 } }), buildOutlet({ id: 'tie-a', location: { lat: 53.6, lng: -2.6 } }));
  return outlets;
}

const filters: Record<string, ((outlet: SearchableOutlet) => boolean) | undefined> = {
  none: undefined,
  injectable: (outlet) => outlet.kitTypes.includes('injectable'),
  noIdWalkIn: (outlet) => outlet.eligibility.noIdNeeded && outlet.eligibility.walkIn,
};

/** Uniform in [min, max] at micro-degree steps: fc.double leans hard towards 0 and the bounds. */
const between = (min: number, max: number) =>
  fc.integer({ min: Math.round(min * 1e6), max: Math.round(max * 1e6) }).map((micro) => micro / 1e6);

describe('findNearestOutlets', () => {
  const outlets = buildTable();
  const published = outlets.filter(isSearchable);

  function bruteForce(point: Coordinates, limit: number, radiusKm: number, accept?: (outlet: SearchableOutlet) => boolean) {
    return published
      .map((outlet) => ({ id: outlet.id, distanceKm: haversineKm(point, outlet.location), outlet }))
      .filter((entry) => entry.distanceKm <= radiusKm && (!accept || accept(entry.outlet)))
      .sort(compareNearest)
      .slice(0, limit)
      .map(({ id, distanceKm }) => ({ id, distanceKm }));
  }

  beforeAll(async () => {
    await ensureTable();
    await putOutlets(outlets);
  });

  it('finds exactly what a brute-force search of the whole table finds', async () => {
    const pointArbitrary = fc.oneof(
      fc
        .tuple(between(-1.8, 1.8), between(-3, 3), fc.constantFrom('free', 'edge-lat', 'edge-lng', 'corner'), fc.constantFrom(4, 5))
        .map(([dLat, dLng, snap, precision]) => {
          const point = { lat: manchester.lat + dLat, lng: manchester.lng + dLng };
          const box = geohashBox(encodeGeohash(point, precision));
          if (snap === 'edge-lat' || snap === 'corner') point.lat = box.minLat;
          if (snap === 'edge-lng' || snap === 'corner') point.lng = box.minLng;
          return point;
        }),
      fc.nat({ max: outlets.length - 1 }).map((index) => ({ ...(outlets[index] ?? buildOutlet()).location })),
      // Far from everything: the North Sea and the Irish Sea.
      fc.constantFrom({ lat: 54.5, lng: 1.5 }, { lat: 53.9, lng: -5.0 }),
    );
    await fc.assert(
      fc.asyncProperty(
        pointArbitrary,
        fc.integer({ min: 1, max: 50 }),
        fc.oneof(fc.constantFrom(0.1, 1, 25, 100), between(0.1, 100)),
        fc.constantFrom(...Object.keys(filters)),
        async (point, limit, radiusKm, filter) => {
          // Prepare
          const accept = filters[filter];

          // Act: without the item budget, which the packed block would exceed (it has tests of its own)
          const found = await findNearestOutlets({ point, limit, radiusKm, ...(accept ? { accept } : {}), itemBudget: Infinity, unitBudget: Infinity });

          // Assess
          expect(found.results.map(({ outlet, distanceKm }) => ({ id: outlet.id, distanceKm }))).toEqual(
            bruteForce(point, limit, radiusKm, accept),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('returns each outlet in the contract shape with its distance', async () => {
    // Act
    const found = await findNearestOutlets({ point: { lat: 53.6, lng: -2.6 }, limit: 2, radiusKm: 1 });

    // Assess
    expect(found.results.map((result) => result.outlet.id)).toEqual(['tie-a', 'tie-b']);
    expect(found.results[0]?.distanceKm).toBe(0);
    expect(Object.keys(found.results[0]?.outlet ?? {})).not.toContain('geoCell');
  });

  it('follows Query pages through a crowded cell', async () => {
    // Act: 1,200 outlets in one child cell, more than the item budget lets a search read
    const found = await findNearestOutlets({ point: packed, limit: 50, radiusKm: 0.2, itemBudget: 2000 });

    // Assess
    expect(found.results).toEqual(expect.any(Array));
    expect(found.stats.itemsRead).toBeGreaterThan(1000);
    // One counter read, then at least two pages of the one crowded child cell.
    expect(found.stats.requests).toBeGreaterThanOrEqual(3);
    expect(found.results.map(({ outlet, distanceKm }) => ({ id: outlet.id, distanceKm }))).toEqual(bruteForce(packed, 50, 0.2));
  });

  it('reads a small part of the table near a city centre', async () => {
    // Act
    const found = await findNearestOutlets({ point: manchester, limit: 10, radiusKm: 25 });

    // Assess
    expect(found.results).toHaveLength(10);
    expect(found.stats.itemsRead).toBeLessThan(published.length / 10);
    expect(found.searchedRadiusKm).toBeLessThan(25);
  });

  it('reads nothing and says so where there are no outlets', async () => {
    // Act
    const found = await findNearestOutlets({ point: { lat: 54.5, lng: 1.5 }, limit: 10, radiusKm: 25 });

    // Assess
    expect(found).toEqual({ results: [], searchedRadiusKm: 25, budgetExhausted: false, stats: { itemsRead: 0, requests: 1 } });
  });

  it('stops at the item budget when a filter matches nothing, and answers for the radius it searched', async () => {
    // Prepare: a filter no outlet passes, over the widest radius the API allows
    const nothing = () => false;
    const unbounded = await findNearestOutlets({ point: manchester, limit: 50, radiusKm: 100, accept: nothing, itemBudget: Infinity, unitBudget: Infinity });

    // Act
    const found = await findNearestOutlets({ point: manchester, limit: 50, radiusKm: 100, accept: nothing });

    // Assess: unbounded, it reads most of the table; bounded, no more than the budget
    expect(unbounded.stats.itemsRead).toBeGreaterThan(2 * maxItemsReadPerSearch);
    expect(found.stats.itemsRead).toBeLessThanOrEqual(maxItemsReadPerSearch);
    // One Query a unit, none here big enough for a second page, and one batch read of the counters
    expect(found.stats.requests).toBeLessThanOrEqual(maxUnitsReadPerSearch + 1);
    expect(found).toMatchObject({ results: [], budgetExhausted: true });
    expect(found.searchedRadiusKm).toBeGreaterThan(0);
    expect(found.searchedRadiusKm).toBeLessThan(100);
  });

  it('is exact within the radius it reports when the budget cuts it short', async () => {
    // Prepare: injectable kits only, with a budget small enough to bind
    const accept = filters.injectable;

    // Act
    const found = await findNearestOutlets({ point: manchester, limit: 50, radiusKm: 100, ...(accept ? { accept } : {}), itemBudget: 150 });

    // Assess
    expect(found.budgetExhausted).toBe(true);
    expect(found.stats.itemsRead).toBeLessThanOrEqual(150);
    const expected = bruteForce(manchester, 50, found.searchedRadiusKm, accept).filter((entry) => entry.distanceKm < found.searchedRadiusKm);
    expect(found.results.map(({ outlet, distanceKm }) => ({ id: outlet.id, distanceKm }))).toEqual(expected);
  });
});
