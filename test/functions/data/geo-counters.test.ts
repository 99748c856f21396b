import { BatchGetCommand, GetCommand, PutCommand } from '../../../functions/data/dynamodb-documents.js';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Coordinates, Outlet } from '../../../functions/contract/outlet.js';
import { haversineKm } from '../../../functions/core/distance.js';
import { encodeGeohash } from '../../../functions/core/geohash.js';
import { compareNearest } from '../../../functions/core/nearest-search.js';
import { documents, tableName } from '../../../functions/data/client.js';
import { ensureTable } from '../../../functions/data/create-table.js';
import { readCellCounts, rebuildGeoCounters } from '../../../functions/data/geo-counters.js';
import { geoCountKey } from '../../../functions/data/keys.js';
import { findNearestOutlets } from '../../../functions/data/nearest-outlets.js';
import { putOutlets } from '../../../functions/data/outlets.js';
import { buildOutlet } from '../../fixtures/outlets.js';
import { seededRandom } from '../../support/seeded-random.js';

const manchester = { lat: 53.4808, lng: -2.2426 };
/** North of Leeds: with the spread below, every outlet of each spot stays inside its spot's 4-character cell. */
const leeds = { lat: 53.87, lng: -1.58 };
/** In the sea: no outlet will ever be counted here. */
const northSea = { lat: 54.5, lng: 1.5 };
const cellOf = (point: Coordinates) => encodeGeohash(point, 4);

function buildOutlets(): Outlet[] {
  const random = seededRandom(7);
  return [manchester, leeds].flatMap((centre, spot) =>
    Array.from({ length: 60 }, (_, n) =>
      buildOutlet({
        id: `spot${spot}-${n}`,
        location: { lat: centre.lat + (random() * 2 - 1) * 0.04, lng: centre.lng + (random() * 2 - 1) * 0.08 },
        status: n % 10 === 9 ? 'inactive' : 'active',
      }),
    ),
  );
}

/** What the counter of `cell` should hold for these outlets, as stored by the rebuild. */
function exactCounter(outlets: Outlet[], cell: string): Record<string, unknown> {
  const counter: Record<string, unknown> = { ...geoCountKey(cell), total: 0 };
  for (const outlet of outlets) {
    const child = encodeGeohash(outlet.location, 5);
    if (outlet.status !== 'active' || !child.startsWith(cell)) continue;
    counter.total = Number(counter.total) + 1;
    counter[`c_${child.slice(4)}`] = Number(counter[`c_${child.slice(4)}`] ?? 0) + 1;
  }
  return counter;
}

async function counter(cell: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: geoCountKey(cell), ConsistentRead: true }));
  return Item;
}

describe('geo counters', () => {
  const outlets = buildOutlets();
  const published = outlets.filter((outlet) => outlet.status === 'active');

  function bruteForce(point: Coordinates, limit: number, radiusKm: number) {
    return published
      .map((outlet) => ({ id: outlet.id, distanceKm: haversineKm(point, outlet.location) }))
      .filter((entry) => entry.distanceKm <= radiusKm)
      .sort(compareNearest)
      .slice(0, limit);
  }

  async function search(point: Coordinates, limit: number, radiusKm: number) {
    const found = await findNearestOutlets({ point, limit, radiusKm });
    return found.results.map(({ outlet, distanceKm }) => ({ id: outlet.id, distanceKm }));
  }

  beforeAll(async () => {
    await ensureTable();
    await putOutlets(outlets);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('reads the counters consistently, so they never under-count what the index returns', async () => {
    // Prepare
    const send = vi.spyOn(documents, 'send');

    // Act
    const { occupancy, calls } = await readCellCounts([cellOf(manchester), cellOf(northSea)]);

    // Assess
    const batchGets = send.mock.calls.map(([command]) => command).filter((command) => command instanceof BatchGetCommand);
    expect(batchGets.map((command) => command.input.RequestItems?.[tableName]?.ConsistentRead)).toEqual([true]);
    expect(calls).toBe(1);
    expect([...occupancy.keys()]).toEqual([cellOf(manchester)]);
    expect(occupancy.get(cellOf(manchester))?.total).toBe(exactCounter(outlets, cellOf(manchester)).total);
  });

  it('rebuilds over- and under-counted counters, after which searches are exact again', async () => {
    // Prepare: Manchester's cell counted empty (its outlets vanish from searches), Leeds's counted
    // far too high, and a counter left behind in an empty cell.
    await documents.send(new PutCommand({ TableName: tableName, Item: { ...geoCountKey(cellOf(manchester)), total: 0 } }));
    const inflated: Record<string, unknown> = { ...geoCountKey(cellOf(leeds)), total: 900 };
    for (const char of '0123456789bcdefghjkmnpqrstuvwxyz') inflated[`c_${char}`] = 30;
    await documents.send(new PutCommand({ TableName: tableName, Item: inflated }));
    await documents.send(new PutCommand({ TableName: tableName, Item: { ...geoCountKey(cellOf(northSea)), total: 3, c_u: 3 } }));
    const corrupted = await search(manchester, 10, 5);

    // Act
    const rebuilt = await rebuildGeoCounters({ segments: 3 });

    // Assess
    expect(corrupted).toEqual([]);
    expect(rebuilt).toEqual({
      outlets: published.length,
      cells: new Set(published.map((outlet) => cellOf(outlet.location))).size,
      corrected: [cellOf(manchester), cellOf(leeds), cellOf(northSea)].sort(),
    });
    expect(await counter(cellOf(manchester))).toEqual(exactCounter(outlets, cellOf(manchester)));
    expect(await counter(cellOf(leeds))).toEqual(exactCounter(outlets, cellOf(leeds)));
    expect(await counter(cellOf(northSea))).toBeUndefined();
    for (const point of [manchester, leeds, { lat: 53.65, lng: -1.9 }]) {
      expect(await search(point, 10, 60)).toEqual(bruteForce(point, 10, 60));
    }
  });

  it('changes nothing when the counters are right', async () => {
    // Prepare
    await rebuildGeoCounters();

    // Act
    const again = await rebuildGeoCounters();

    // Assess
    expect(again.corrected).toEqual([]);
    expect(again.outlets).toBe(published.length);
  });
});
