/**
 * The exact k-nearest search over geohash cells, with its I/O injected: the data layer supplies
 * how to count what a cell holds and how to read a unit (every item under a geohash prefix), so
 * this module is pure and can be tested with plain in-memory data.
 *
 * How it stays exact: every unit gets a lower bound of the distance from the point to anything in
 * it (the distance to its box). Units are read in increasing order of that bound, and the search
 * stops once it holds k accepted items and the k-th distance is strictly below the bound of the
 * next unread unit (strictly, so an unread item at exactly the same distance with a smaller id
 * cannot be missed), or once no unread unit is within the radius.
 *
 * How it stays cheap: occupancy counts (one batch read) let it skip empty cells for free, read
 * small cells whole in one request, and split big cells into their 32 children, reading only the
 * non-empty children near the point. Splitting only pays where a cell is crowded: in the
 * countryside one request for a whole cell is cheaper than many for its pieces.
 *
 * How its cost stays bounded: a filter that matches nothing (no prisons near here) never fills k,
 * so without a limit the search would read every unit within the radius. Each search has a budget
 * of items read and one of units read (each unit is at least one request); a unit that would take
 * it over either is not read, and the search stops there with `searchedRadiusKm` at that unit's
 * bound, keeping only results nearer than it, so what it answers is still exact for the radius it
 * reports.
 */
import type { Coordinates } from '../contract/outlet.js';
import { boxAroundKm, haversineKm, minDistanceToBoxKm } from './distance.js';
import { geohashAlphabet, geohashBox, geohashesCovering } from './geohash.js';

/** One item as a unit read returns it: enough to measure it, and a way to load the full value. */
export interface Candidate<T> {
  id: string;
  location: Coordinates;
  /**
   * The full value, or null if it is malformed (it is then skipped). Called only for candidates
   * that could still make the result, so validating on load costs little.
   */
  load(): T | null;
}

/**
 * What a cell holds, as far as the counts know: `total` items, and per child character (the next
 * geohash character) how many are in each child. Counts may over-count, never under-count: a
 * count of 0 is a promise that the cell (or child) is empty.
 */
export interface CellOccupancy {
  total: number;
  children: Readonly<Record<string, number>>;
}

/** The I/O the search needs. */
export interface NearestSearchPorts<T> {
  /**
   * Occupancy of the given cells; a cell left out of the map is empty. Without this port every
   * candidate cell is read whole.
   */
  countCells?: (cells: string[]) => Promise<ReadonlyMap<string, CellOccupancy>>;
  /** Every item whose geohash starts with `prefix` (a cell or one of its children). */
  readUnit: (prefix: string) => Promise<Candidate<T>[]>;
}

/** Tuning of the search; the defaults suit geohash cells of 4 characters. */
export interface NearestSearchTuning {
  /** Geohash characters of a cell, the unit that is counted. */
  cellPrecision: number;
  /** A counted cell holding more items than this is read child by child. */
  splitAbove: number;
}

/** The defaults: see `functions/data/table-schema.ts` for why 4-character cells. */
export const defaultTuning: NearestSearchTuning = { cellPrecision: 4, splitAbove: 40 };

/**
 * The most items one search reads. A normal search reads about 40 (p95 100, max 200 in
 * `bench/results/search.json`), so this binds only searches whose filters match almost nothing
 * over a wide radius: they answer for a smaller radius instead of reading everything.
 */
export const maxItemsReadPerSearch = 1_000;

/**
 * The most units (cells or child cells, one Query each, more pages only for a big one) one search
 * reads. A normal search reads 5 (max 15 in `bench/results/search.json`); a search whose filters
 * match nothing spends its item budget on many small units, and this caps its requests too.
 */
export const maxUnitsReadPerSearch = 100;

export interface FindNearestInput<T> extends NearestSearchPorts<T> {
  point: Coordinates;
  /** How many results to find: at least 1. */
  k: number;
  /** Only items within this distance, in km, are results. */
  radiusKm: number;
  /** Filters applied while searching, so the k nearest *accepted* items are found. */
  accept?: (value: T) => boolean;
  tuning?: Partial<NearestSearchTuning>;
  /**
   * The most items this search may read. With `countCells` a unit is read only if its count fits
   * in what is left, so no more than this is ever read; without counts a unit's size is known only
   * once read, so the search stops once it has read this many.
   * @default maxItemsReadPerSearch
   */
  itemBudget?: number;
  /** The most units this search may read. @default maxUnitsReadPerSearch */
  unitBudget?: number;
}

/** One result: the item, its id and its distance from the point in km. */
export interface NearestItem<T> {
  id: string;
  value: T;
  distanceKm: number;
}

export interface FindNearestOutput<T> {
  /** Nearest first; equal distances by id. */
  results: NearestItem<T>[];
  /**
   * The distance within which every accepted item is known: the radius if the search read every
   * unit within it, otherwise the lower bound of the first unit it did not need to read.
   */
  searchedRadiusKm: number;
  /** The prefixes read, in order (for tests and tuning). */
  unitsRead: string[];
  /** Items the unit reads returned. */
  itemsRead: number;
  /** Whether the search stopped short of its radius because the next unit did not fit in the item or unit budget. */
  budgetExhausted: boolean;
}

/** A unit to read and the lower bound of the distance to anything in it. */
interface PlannedUnit {
  prefix: string;
  minDistanceKm: number;
  /** How many items the counts say it holds (an over-count at worst); undefined without counts. */
  count?: number;
}

/** Orders results: nearer first, then by id, so equal distances come out the same every time. */
export function compareNearest(a: { distanceKm: number; id: string }, b: { distanceKm: number; id: string }): number {
  if (a.distanceKm !== b.distanceKm) return a.distanceKm - b.distanceKm;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The cells at `precision` that could hold a point within `radiusKm` of `point`, with their bounds. */
export function candidateCells(point: Coordinates, radiusKm: number, precision: number): PlannedUnit[] {
  return geohashesCovering(boxAroundKm(point, radiusKm), precision)
    .map((prefix) => ({ prefix, minDistanceKm: minDistanceToBoxKm(point, geohashBox(prefix)) }))
    .filter((unit) => unit.minDistanceKm <= radiusKm);
}

/**
 * The units to read, nearest first: empty cells and children dropped, crowded cells split.
 * Pure: exported so tests can check the plan itself.
 */
export function planUnits(
  point: Coordinates,
  radiusKm: number,
  cells: PlannedUnit[],
  occupancy: ReadonlyMap<string, CellOccupancy> | undefined,
  splitAbove: number,
): PlannedUnit[] {
  const units: PlannedUnit[] = [];
  for (const cell of cells) {
    if (!occupancy) {
      units.push(cell);
      continue;
    }
    const counted = occupancy.get(cell.prefix);
    if (!counted || !(counted.total > 0)) continue;
    if (counted.total <= splitAbove) {
      units.push({ ...cell, count: counted.total });
      continue;
    }
    for (const char of geohashAlphabet) {
      const count = counted.children[char] ?? 0;
      if (!(count > 0)) continue;
      const prefix = cell.prefix + char;
      const minDistanceKm = minDistanceToBoxKm(point, geohashBox(prefix));
      if (minDistanceKm <= radiusKm) units.push({ prefix, minDistanceKm, count });
    }
  }
  return units.sort((a, b) => a.minDistanceKm - b.minDistanceKm || (a.prefix < b.prefix ? -1 : 1));
}

/** Inserts into a list kept sorted by `compareNearest` and no longer than `k`. */
function insertBounded<T>(best: NearestItem<T>[], item: NearestItem<T>, k: number): void {
  let index = best.length;
  while (index > 0 && compareNearest(best[index - 1] as NearestItem<T>, item) > 0) index -= 1;
  best.splice(index, 0, item);
  if (best.length > k) best.pop();
}

/**
 * Finds the `k` nearest accepted items within `radiusKm` of `point`, exactly, reading as few
 * units as the stop rule allows. Units are read one after another: each read can prove the
 * answer and save the rest.
 */
export async function findNearest<T>(input: FindNearestInput<T>): Promise<FindNearestOutput<T>> {
  const { point, k, radiusKm, accept } = input;
  if (!Number.isInteger(k) || k < 1) throw new RangeError('k must be a whole number of at least 1');
  if (!(radiusKm >= 0)) throw new RangeError('radiusKm must be a number of at least 0');
  const itemBudget = input.itemBudget ?? maxItemsReadPerSearch;
  if (!(itemBudget >= 0)) throw new RangeError('itemBudget must be a number of at least 0');
  const unitBudget = input.unitBudget ?? maxUnitsReadPerSearch;
  if (!(unitBudget >= 0)) throw new RangeError('unitBudget must be a number of at least 0');
  const tuning = { ...defaultTuning, ...input.tuning };

  const cells = candidateCells(point, radiusKm, tuning.cellPrecision);
  const occupancy = input.countCells && cells.length > 0 ? await input.countCells(cells.map((cell) => cell.prefix)) : undefined;
  const units = planUnits(point, radiusKm, cells, occupancy, tuning.splitAbove);

  const best: NearestItem<T>[] = [];
  const unitsRead: string[] = [];
  let itemsRead = 0;
  let budgetExhausted = false;
  let next = 0;
  for (; next < units.length; next += 1) {
    const unit = units[next] as PlannedUnit;
    const kth = best.length >= k ? best[k - 1] : undefined;
    if (kth && kth.distanceKm < unit.minDistanceKm) break;
    const overItems = itemsRead + (unit.count ?? 0) > itemBudget || (unit.count === undefined && itemsRead >= itemBudget);
    if (overItems || unitsRead.length >= unitBudget) {
      budgetExhausted = true;
      break;
    }

    unitsRead.push(unit.prefix);
    const candidates = await input.readUnit(unit.prefix);
    itemsRead += candidates.length;
    for (const candidate of candidates) {
      const distanceKm = haversineKm(point, candidate.location);
      if (!(distanceKm <= radiusKm)) continue;
      const worst = best.length >= k ? best[best.length - 1] : undefined;
      if (worst && compareNearest({ distanceKm, id: candidate.id }, worst) >= 0) continue;
      const value = candidate.load();
      if (value === null || (accept && !accept(value))) continue;
      insertBounded(best, { id: candidate.id, value, distanceKm }, k);
    }
  }

  const firstUnread = units[next];
  const searchedRadiusKm = firstUnread ? Math.min(radiusKm, firstUnread.minDistanceKm) : radiusKm;
  return {
    // Stopped by the budget, an unread unit may hold something nearer than a result beyond its
    // bound (even at the bound itself, with a smaller id): only results nearer than it are known.
    results: budgetExhausted ? best.filter((item) => item.distanceKm < searchedRadiusKm) : best,
    searchedRadiusKm,
    unitsRead,
    itemsRead,
    budgetExhausted,
  };
}
