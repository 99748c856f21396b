import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Coordinates } from '../../../functions/contract/outlet.js';
import { haversineKm } from '../../../functions/core/distance.js';
import { encodeGeohash, geohashBox } from '../../../functions/core/geohash.js';
import {
  type Candidate,
  type CellOccupancy,
  compareNearest,
  findNearest,
  maxItemsReadPerSearch,
  maxUnitsReadPerSearch,
} from '../../../functions/core/nearest-search.js';

interface Place {
  id: string;
  location: Coordinates;
  open: boolean;
}

/** An in-memory store behind the search's ports, counting what it is asked. */
function memoryStore(places: Place[], overCount: string[] = []) {
  const hashed = places.map((place) => ({ place, hash: encodeGeohash(place.location, 9) }));
  const reads: string[] = [];
  return {
    reads,
    readUnit: async (prefix: string): Promise<Candidate<Place>[]> => {
      reads.push(prefix);
      return hashed
        .filter(({ hash }) => hash.startsWith(prefix))
        .map(({ place }) => ({ id: place.id, location: place.location, load: () => place }));
    },
    countCells: async (cells: string[]): Promise<ReadonlyMap<string, CellOccupancy>> => {
      const counts = new Map<string, { total: number; children: Record<string, number> }>();
      const add = (hash: string) => {
        const cell = hash.slice(0, 4);
        if (!cells.includes(cell)) return;
        const entry = counts.get(cell) ?? { total: 0, children: {} };
        entry.total += 1;
        entry.children[hash.charAt(4)] = (entry.children[hash.charAt(4)] ?? 0) + 1;
        counts.set(cell, entry);
      };
      for (const { hash } of hashed) add(hash);
      // Counters may over-count after a crash; that must cost reads, never answers.
      for (const hash of overCount) add(hash);
      return counts;
    },
  };
}

function bruteForce(places: Place[], point: Coordinates, k: number, radiusKm: number, accept?: (place: Place) => boolean) {
  return places
    .map((place) => ({ id: place.id, distanceKm: haversineKm(point, place.location), place }))
    .filter((entry) => entry.distanceKm <= radiusKm && (!accept || accept(entry.place)))
    .sort(compareNearest)
    .slice(0, k)
    .map(({ id, distanceKm }) => ({ id, distanceKm }));
}

const manchester = { lat: 53.4808, lng: -2.2426 };

/** Uniform in [min, max] at micro-degree steps: fc.double leans hard towards 0 and the bounds. */
const between = (min: number, max: number) =>
  fc.integer({ min: Math.round(min * 1e6), max: Math.round(max * 1e6) }).map((micro) => micro / 1e6);

/** Places in a few dense clusters and thinly spread around them. */
const placesArbitrary = fc
  .tuple(
    fc.array(fc.record({ lat: between(-0.6, 0.6), lng: between(-1, 1) }), { minLength: 1, maxLength: 4, size: 'max' }),
    fc.array(
      fc.record({
        cluster: fc.nat(),
        dLat: between(-0.03, 0.03),
        dLng: between(-0.05, 0.05),
        open: fc.boolean(),
      }),
      { minLength: 20, maxLength: 250, size: 'max' },
    ),
    fc.array(
      fc.record({ lat: between(-1, 1), lng: between(-1.6, 1.6), open: fc.boolean() }),
      { maxLength: 60, size: 'max' },
    ),
  )
  .map(([centres, clustered, sparse]) => {
    const places: Place[] = [];
    clustered.forEach((entry, index) => {
      const centre = centres[entry.cluster % centres.length] ?? { lat: 0, lng: 0 };
      places.push({
        id: `c${index}`,
        location: { lat: manchester.lat + centre.lat + entry.dLat, lng: manchester.lng + centre.lng + entry.dLng },
        open: entry.open,
      });
    });
    sparse.forEach((entry, index) =>
      places.push({ id: `s${index}`, location: { lat: manchester.lat + entry.lat, lng: manchester.lng + entry.lng }, open: entry.open }),
    );
    return places;
  });

/** A query point: anywhere near the data, snapped to cell edges or corners at 4 or 5 characters, or on a place. */
const pointArbitrary = fc
  .tuple(
    fc.record({ lat: between(-1.2, 1.2), lng: between(-2, 2) }),
    fc.constantFrom('free', 'edge-lat', 'edge-lng', 'corner'),
    fc.constantFrom(4, 5),
  )
  .map(([offset, snap, precision]) => {
    const point = { lat: manchester.lat + offset.lat, lng: manchester.lng + offset.lng };
    const box = geohashBox(encodeGeohash(point, precision));
    if (snap === 'edge-lat' || snap === 'corner') point.lat = box.minLat;
    if (snap === 'edge-lng' || snap === 'corner') point.lng = box.minLng;
    return point;
  });

describe('findNearest', () => {
  it('finds exactly what a brute-force search finds, in the same order', async () => {
    await fc.assert(
      fc.asyncProperty(
        placesArbitrary,
        pointArbitrary,
        fc.integer({ min: 1, max: 30 }),
        between(0, 100),
        fc.constantFrom('all', 'open'),
        fc.constantFrom(0, 5, 40, 1000),
        fc.array(fc.constantFrom('gcw2h', 'gcw2j', 'gcqrz', 'gcw80', 'gcqx0'), { maxLength: 3 }),
        fc.boolean(),
        async (places, point, k, radiusKm, filter, splitAbove, overCount, useCounts) => {
          // Prepare
          const store = memoryStore(places, overCount);
          const accept = filter === 'open' ? (place: Place) => place.open : undefined;

          // Act
          const found = await findNearest<Place>({
            point,
            k,
            radiusKm,
            ...(accept ? { accept } : {}),
            // Without budgets: splitting every cell can make more units than the unit budget
            itemBudget: Infinity,
            unitBudget: Infinity,
            tuning: { splitAbove },
            readUnit: store.readUnit,
            ...(useCounts ? { countCells: store.countCells } : {}),
          });

          // Assess
          const expected = bruteForce(places, point, k, radiusKm, accept);
          expect(found.results.map(({ id, distanceKm }) => ({ id, distanceKm }))).toEqual(expected);
          expect(found.searchedRadiusKm).toBeLessThanOrEqual(radiusKm);
          if (expected.length < k) expect(found.searchedRadiusKm).toBe(radiusKm);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('breaks distance ties by id, even across cells', async () => {
    // Prepare: four places at the same distance from a cell corner, one in each cell around it
    const corner = geohashBox('gcw2').minLat;
    const point = { lat: corner, lng: geohashBox('gcw2').minLng };
    const d = 0.01;
    const places: Place[] = [
      { id: 'd', location: { lat: point.lat + d, lng: point.lng }, open: true },
      { id: 'a', location: { lat: point.lat - d, lng: point.lng }, open: true },
      { id: 'c', location: { lat: point.lat + d, lng: point.lng }, open: true },
      { id: 'b', location: { lat: point.lat - d, lng: point.lng }, open: true },
    ];
    const store = memoryStore(places);

    // Act
    const found = await findNearest<Place>({ point, k: 3, radiusKm: 5, ...store });

    // Assess
    expect(found.results.map((result) => result.id)).toEqual(['a', 'b', 'c']);
  });

  it('reads only the units near a point in a crowded place, and stops there', async () => {
    // Prepare: 2,000 places packed around central Manchester
    const places: Place[] = Array.from({ length: 2000 }, (_, index) => ({
      id: `p${index}`,
      location: { lat: manchester.lat + ((index % 50) - 25) * 0.002, lng: manchester.lng + (Math.floor(index / 50) - 20) * 0.003 },
      open: true,
    }));
    const store = memoryStore(places);

    // Act: about 600 places a child cell, far denser than anywhere real, so over the item budget
    // (which has tests of its own) in four reads
    const found = await findNearest<Place>({ point: manchester, k: 10, radiusKm: 25, itemBudget: Infinity, unitBudget: Infinity, ...store });

    // Assess
    expect(found.results).toHaveLength(10);
    expect(found.unitsRead.every((prefix) => prefix.length === 5)).toBe(true);
    expect(found.unitsRead.length).toBeLessThanOrEqual(4);
    expect(found.searchedRadiusKm).toBeLessThan(25);
  });

  it('reads nothing when every cell within the radius is empty', async () => {
    // Prepare
    const store = memoryStore([{ id: 'far', location: { lat: 51.5, lng: -0.12 }, open: true }]);

    // Act
    const found = await findNearest<Place>({ point: manchester, k: 5, radiusKm: 25, ...store });

    // Assess
    expect(found.results).toEqual([]);
    expect(store.reads).toEqual([]);
    expect(found.searchedRadiusKm).toBe(25);
  });

  it('skips items that fail to load', async () => {
    // Prepare
    const readUnit = async (): Promise<Candidate<Place>[]> => [
      { id: 'bad', location: manchester, load: () => null },
      { id: 'good', location: manchester, load: () => ({ id: 'good', location: manchester, open: true }) },
    ];

    // Act
    const found = await findNearest<Place>({ point: manchester, k: 5, radiusKm: 1, readUnit });

    // Assess
    expect(found.results.map((result) => result.id)).toEqual(['good']);
  });

  it('rejects a k below 1', async () => {
    // Act
    const search = findNearest<Place>({ point: manchester, k: 0, radiusKm: 1, readUnit: async () => [] });

    // Assess
    await expect(search).rejects.toThrow(RangeError);
  });
});

describe('findNearest with an item budget', () => {
  /** 3,000 places on a grid over about 60 × 60 km of Greater Manchester, none of them a match. */
  const grid: Place[] = Array.from({ length: 3000 }, (_, index) => ({
    id: `g${index}`,
    location: { lat: manchester.lat + ((index % 60) - 30) * 0.009, lng: manchester.lng + (Math.floor(index / 60) - 25) * 0.015 },
    open: false,
  }));

  it('reads no more than the budget when the filter matches nothing, and says how far it looked', async () => {
    // Prepare
    const store = memoryStore(grid);
    const unbounded = await findNearest<Place>({ point: manchester, k: 50, radiusKm: 100, accept: (place) => place.open, itemBudget: Infinity, unitBudget: Infinity, ...memoryStore(grid) });

    // Act
    const found = await findNearest<Place>({ point: manchester, k: 50, radiusKm: 100, accept: (place) => place.open, ...store });

    // Assess: without a budget it reads everything; with the default it stops within it.
    expect(unbounded.itemsRead).toBe(grid.length);
    expect(found.itemsRead).toBeLessThanOrEqual(maxItemsReadPerSearch);
    expect(found.unitsRead.length).toBeLessThanOrEqual(maxUnitsReadPerSearch);
    expect(found.budgetExhausted).toBe(true);
    expect(found.results).toEqual([]);
    expect(found.searchedRadiusKm).toBeGreaterThan(0);
    expect(found.searchedRadiusKm).toBeLessThan(100);
  });

  it('stops at the unit budget when the items come in many small units', async () => {
    // Prepare: places about 5 km apart, about one in each child cell, and every cell split
    const sparse: Place[] = Array.from({ length: 1600 }, (_, index) => ({
      id: `s${index}`,
      location: { lat: manchester.lat + ((index % 40) - 20) * 0.045, lng: manchester.lng + (Math.floor(index / 40) - 20) * 0.075 },
      open: false,
    }));
    const store = memoryStore(sparse);

    // Act
    const found = await findNearest<Place>({ point: manchester, k: 50, radiusKm: 100, accept: (place) => place.open, tuning: { splitAbove: 0 }, ...store });

    // Assess
    expect(store.reads.length).toBe(maxUnitsReadPerSearch);
    expect(found.itemsRead).toBeLessThan(maxItemsReadPerSearch);
    expect(found.budgetExhausted).toBe(true);
    expect(found.searchedRadiusKm).toBeLessThan(100);
  });

  it('spends nothing of the budget on a search that stops by itself', async () => {
    // Prepare
    const open = grid.map((place) => ({ ...place, open: true }));

    // Act
    const found = await findNearest<Place>({ point: manchester, k: 10, radiusKm: 100, ...memoryStore(open) });

    // Assess
    expect(found.results).toHaveLength(10);
    expect(found.budgetExhausted).toBe(false);
  });

  it('answers exactly for the radius it reports, whatever the budget', async () => {
    await fc.assert(
      fc.asyncProperty(
        placesArbitrary,
        pointArbitrary,
        fc.integer({ min: 1, max: 30 }),
        between(0, 100),
        fc.constantFrom('all', 'open', 'none'),
        fc.integer({ min: 0, max: 120 }),
        fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constant(Infinity)),
        fc.constantFrom(0, 5, 40),
        fc.boolean(),
        async (places, point, k, radiusKm, filter, itemBudget, unitBudget, splitAbove, useCounts) => {
          // Prepare
          const store = memoryStore(places);
          const accept = filter === 'open' ? (place: Place) => place.open : filter === 'none' ? () => false : undefined;

          // Act
          const found = await findNearest<Place>({
            point,
            k,
            radiusKm,
            itemBudget,
            unitBudget,
            ...(accept ? { accept } : {}),
            tuning: { splitAbove },
            readUnit: store.readUnit,
            ...(useCounts ? { countCells: store.countCells } : {}),
          });

          // Assess: exactly the brute force's answer, within the radius it reports
          const within = found.budgetExhausted
            ? bruteForce(places, point, k, found.searchedRadiusKm, accept).filter((entry) => entry.distanceKm < found.searchedRadiusKm)
            : bruteForce(places, point, k, radiusKm, accept);
          expect(found.results.map(({ id, distanceKm }) => ({ id, distanceKm }))).toEqual(within);
          expect(found.searchedRadiusKm).toBeLessThanOrEqual(radiusKm);
          if (useCounts) expect(found.itemsRead).toBeLessThanOrEqual(itemBudget);
          expect(found.unitsRead.length).toBeLessThanOrEqual(unitBudget);
          if (!found.budgetExhausted && within.length < k) expect(found.searchedRadiusKm).toBe(radiusKm);
        },
      ),
      { numRuns: 300 },
    );
  });
});
