/**
 * The geo occupancy counters that let the nearest search skip empty cells and split crowded ones.
 *
 * A counter item (`geoCountKey(cell)`) counts the published outlets of a 4-character geohash cell
 * in `total`, and of each of its 5-character children in `c_<char>`. The counters may over-count
 * but must never under-count, because the search skips a cell or child whose count is 0: an
 * under-count hides outlets, an over-count costs one wasted read. So a write counts an outlet INTO
 * its new cell before the outlet item is written, and OUT OF its old cell after; a failure in
 * between leaves an over-count, never a hidden outlet. Every change is a single-item `ADD` (the
 * embedded engine has no transactions). `rebuildGeoCounters` recounts them all, offline.
 *
 * Consistency, honestly:
 * - Queries of the `geo` index are always eventually consistent on DynamoDB (a GSI cannot be read
 *   consistently). For about a second after an outlet is published or moved, a search may not find
 *   it (or may find it where it was); after it is withdrawn, a search may still find it. The
 *   embedded engine updates the index at once, so tests cannot show this window, and nothing in
 *   this code can close it.
 * - The counters are read with ConsistentRead so that they never widen that window. An increment
 *   is committed before the outlet item is written, and the index changes only after that, so a
 *   consistent counter read counts every outlet the index held when the counter was read. An
 *   eventually consistent read could return a counter from before the increment while the index
 *   already holds the outlet, and the search would skip a cell it could have answered from: a
 *   break of the "never under-count" promise. The price is double read units on the few counter
 *   items a search reads (each well under 4 KB: about 16 read units instead of 8 for a 25 km
 *   search), small next to the Queries that follow.
 */
import { UpdateCommand } from './dynamodb-documents.js';
import { geohashAlphabet } from '../core/geohash.js';
import type { CellOccupancy } from '../core/nearest-search.js';
import { batchGet } from './batch-get.js';
import { forEachLimited } from './batch-retry.js';
import { type BatchWriteRequest, batchWrite } from './batch-write.js';
import { documents, tableName } from './client.js';
import { cellOfGeoCountKey, geoCountKey, geoCountSortKey } from './keys.js';
import { geoCellPrecision, geoChildPrecision, geoIndex, tableKeys } from './table-schema.js';
import { scanWholeTable } from './table-scan.js';

/** Attribute of a counter item holding the count of one child cell. */
export const geoChildCountAttribute = (childChar: string) => `c_${childChar}`;

/** Attribute of a counter item holding the cell's total. */
export const geoTotalCountAttribute = 'total';

/** Counter updates in flight at once during bulk loads. */
const bulkConcurrency = 4;

const cellOf = (child: string) => child.slice(0, geoCellPrecision);
const childCharOf = (child: string) => child.slice(geoCellPrecision, geoChildPrecision);

/** Adds each child's delta to its count, and their sum to the cell's total, in one `ADD`. */
async function addToCell(cell: string, childDeltas: ReadonlyMap<string, number>, totalDelta: number): Promise<void> {
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const adds: string[] = [];
  if (totalDelta !== 0) {
    names['#total'] = geoTotalCountAttribute;
    values[':total'] = totalDelta;
    adds.push('#total :total');
  }
  for (const [childChar, delta] of childDeltas) {
    names[`#c${childChar}`] = geoChildCountAttribute(childChar);
    values[`:c${childChar}`] = delta;
    adds.push(`#c${childChar} :c${childChar}`);
  }
  if (adds.length === 0) return;
  await documents.send(
    new UpdateCommand({
      TableName: tableName,
      Key: geoCountKey(cell),
      UpdateExpression: `ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
}

/** Moves one outlet's count by `delta` in `child`, and in its cell's total unless it stays in the cell. */
async function addToChild(child: string, delta: number, other: string | null): Promise<void> {
  const staysInCell = other !== null && cellOf(other) === cellOf(child);
  await addToCell(cellOf(child), new Map([[childCharOf(child), delta]]), staysInCell ? 0 : delta);
}

/**
 * Counts an outlet into child cell `to` (a 5-character geohash; null when it is not published)
 * as it moves there from `from`. Call BEFORE writing the outlet item.
 */
export async function countIn(from: string | null, to: string | null): Promise<void> {
  if (to === null || from === to) return;
  await addToChild(to, 1, from);
}

/**
 * Takes back a `countIn(from, to)` whose outlet write is known not to have been applied. Only then:
 * if the write may have been applied, keeping the over-count is the safe side.
 */
export async function undoCountIn(from: string | null, to: string | null): Promise<void> {
  if (to === null || from === to) return;
  await addToChild(to, -1, from);
}

/** Counts an outlet out of child cell `from` after it moved to `to`. Call AFTER writing the outlet item. */
export async function countOut(from: string | null, to: string | null): Promise<void> {
  if (from === null || from === to) return;
  await addToChild(from, -1, to);
}

/**
 * Counts many new outlets in, one child cell (a 5-character geohash) per outlet, with one `ADD`
 * per cell. For bulk loads: call BEFORE writing the outlet items.
 */
export async function countInBulk(children: readonly string[]): Promise<void> {
  const byCell = new Map<string, Map<string, number>>();
  for (const child of children) {
    const counts = byCell.get(cellOf(child)) ?? new Map<string, number>();
    counts.set(childCharOf(child), (counts.get(childCharOf(child)) ?? 0) + 1);
    byCell.set(cellOf(child), counts);
  }
  await forEachLimited([...byCell], bulkConcurrency, ([cell, counts]) =>
    addToCell(cell, counts, [...counts.values()].reduce((sum, count) => sum + count, 0)),
  );
}

function countOf(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function occupancyOf(item: Record<string, unknown>): CellOccupancy {
  const children: Record<string, number> = {};
  for (const char of geohashAlphabet) children[char] = countOf(item[geoChildCountAttribute(char)]);
  return { total: countOf(item[geoTotalCountAttribute]), children };
}

/**
 * The occupancy of the given 4-character cells, read consistently (see the header for why); a
 * cell without a counter item is left out, which the search reads as empty. `calls` counts the
 * BatchGetItem calls, retries of unprocessed keys included.
 */
export async function readCellCounts(cells: readonly string[]): Promise<{ occupancy: Map<string, CellOccupancy>; calls: number }> {
  const { items, calls } = await batchGet(cells.map(geoCountKey), { consistentRead: true });
  const occupancy = new Map<string, CellOccupancy>();
  for (const item of items) {
    const cell = cellOfGeoCountKey(item);
    if (cell !== null) occupancy.set(cell, occupancyOf(item));
  }
  return { occupancy, calls };
}

/** What `rebuildGeoCounters` found and changed. */
export interface GeoCounterRebuild {
  /** Published outlets counted. */
  outlets: number;
  /** Cells that hold at least one published outlet. */
  cells: number;
  /** Cells whose counter was wrong and was rewritten (or deleted, when the cell is empty), sorted. */
  corrected: string[];
}

/** Options of {@link rebuildGeoCounters}. */
export interface GeoCounterRebuildOptions {
  /** Parallel Scan segments. Default 4. */
  segments?: number;
}

function sameCounts(item: Record<string, unknown> | undefined, wanted: ReadonlyMap<string, number> | undefined): boolean {
  const occupancy = item ? occupancyOf(item) : { total: 0, children: {} as Record<string, number> };
  let total = 0;
  for (const char of geohashAlphabet) {
    const count = wanted?.get(char) ?? 0;
    total += count;
    if ((occupancy.children[char] ?? 0) !== count) return false;
  }
  return occupancy.total === total;
}

/**
 * Maintenance: recounts every counter from the published outlets and rewrites the ones that are
 * wrong (too high or too low), deleting counters of cells that are now empty.
 *
 * It reads the whole table once (`scanWholeTable`: outlet items with `geoKey`, and the counter
 * items) and writes with unconditional batch writes.
 *
 * Run it OFFLINE, with outlet writes paused: a write that counts an outlet in while the Scan is
 * running can be overwritten by the recount, and the resulting under-count would hide the outlet
 * until the next rebuild. Raising a counter is always safe; lowering one is not while writes are
 * in flight.
 */
export async function rebuildGeoCounters(options: GeoCounterRebuildOptions = {}): Promise<GeoCounterRebuild> {
  const { segments } = options;
  const wanted = new Map<string, Map<string, number>>();
  const stored = new Map<string, Record<string, unknown>>();
  let outlets = 0;

  const names: Record<string, string> = {
    '#pk': tableKeys.partitionKey,
    '#sk': tableKeys.sortKey,
    '#geoKey': geoIndex.sortKey,
    '#total': geoTotalCountAttribute,
  };
  for (const char of geohashAlphabet) names[`#c${char}`] = geoChildCountAttribute(char);

  await scanWholeTable(
    { filter: 'attribute_exists(#geoKey) OR #sk = :counter', projection: Object.keys(names).join(', '), names, values: { ':counter': geoCountSortKey }, segments },
    (items) => {
      for (const item of items) {
        const cell = cellOfGeoCountKey(item);
        if (cell !== null) {
          stored.set(cell, item);
        } else if (typeof item.geoKey === 'string') {
          outlets += 1;
          const counts = wanted.get(cellOf(item.geoKey)) ?? new Map<string, number>();
          counts.set(childCharOf(item.geoKey), (counts.get(childCharOf(item.geoKey)) ?? 0) + 1);
          wanted.set(cellOf(item.geoKey), counts);
        }
      }
    },
  );

  const corrected = [...new Set([...wanted.keys(), ...stored.keys()])]
    .filter((cell) => !sameCounts(stored.get(cell), wanted.get(cell)))
    .sort();
  const writes: BatchWriteRequest[] = corrected.map((cell) => {
    const counts = wanted.get(cell);
    if (!counts) return { delete: geoCountKey(cell) };
    const item: Record<string, unknown> = { ...geoCountKey(cell) };
    let total = 0;
    for (const [childChar, count] of counts) {
      item[geoChildCountAttribute(childChar)] = count;
      total += count;
    }
    item[geoTotalCountAttribute] = total;
    return { put: item };
  });
  await batchWrite(writes, { concurrency: bulkConcurrency });
  return { outlets, cells: wanted.size, corrected };
}
