import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { documents, tableName } from '../../../functions/data/client.js';
import { ensureTable } from '../../../functions/data/create-table.js';
import { findNearestOutlets } from '../../../functions/data/nearest-outlets.js';
import {
  geoCountKey,
  getOutlet,
  getStoredOutlet,
  outletItem,
  putOutlet,
  putOutlets,
} from '../../../functions/data/outlets.js';
import { encodeGeohash } from '../../../functions/core/geohash.js';
import { buildOutlet } from '../../fixtures/outlets.js';

/** The counter item of a 4-character cell, or an empty object. */
async function counter(cell: string): Promise<Record<string, unknown>> {
  const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: geoCountKey(cell), ConsistentRead: true }));
  return Item ?? {};
}

/** The ids the geo index holds in a cell. */
async function indexedIds(cell: string): Promise<string[]> {
  const { Items } = await documents.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'geo',
      KeyConditionExpression: 'geoCell = :cell',
      ExpressionAttributeValues: { ':cell': cell },
    }),
  );
  return (Items ?? []).map((item) => String(item.id));
}

const manchester = { lat: 53.4808, lng: -2.2426 };
const leeds = { lat: 53.7997, lng: -1.5492 };
const cellOf = (point: { lat: number; lng: number }) => encodeGeohash(point, 4);
const childCharOf = (point: { lat: number; lng: number }) => encodeGeohash(point, 5).slice(4);

describe('outlets', () => {
  beforeAll(async () => {
    await ensureTable();
  });

  it('returns the outlet it stored, without storage attributes', async () => {
    // Prepare
    const outlet = buildOutlet({ id: 'round-trip', location: manchester });

    // Act
    await putOutlet(outlet);
    const read = await getOutlet('round-trip');

    // Assess
    expect(read).toEqual(outlet);
    expect(Object.keys(read ?? {})).not.toContain('geoKey');
  });

  it('returns null for an outlet that does not exist', async () => {
    // Act
    const read = await getOutlet('no-such-outlet');

    // Assess
    expect(read).toBeNull();
  });

  it('replaces an outlet and increments its version', async () => {
    // Prepare
    await putOutlet(buildOutlet({ id: 'replaced', name: 'Before' }));

    // Act
    await putOutlet(buildOutlet({ id: 'replaced', name: 'After' }));
    const stored = await getStoredOutlet('replaced');

    // Assess
    expect(stored?.outlet.name).toBe('After');
    expect(stored?.version).toBe(2);
    expect(stored?.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('takes an outlet out of the index and its counter when it stops being active', async () => {
    // Prepare
    const point = { lat: 51.5072, lng: -0.1276 };
    await putOutlet(buildOutlet({ id: 'closing', location: point }));
    const before = await counter(cellOf(point));

    // Act
    await putOutlet(buildOutlet({ id: 'closing', location: point, status: 'inactive' }));

    // Assess
    expect(before).toMatchObject({ total: 1, [`c_${childCharOf(point)}`]: 1 });
    expect(await counter(cellOf(point))).toMatchObject({ total: 0, [`c_${childCharOf(point)}`]: 0 });
    expect(await indexedIds(cellOf(point))).toEqual([]);
    expect((await getOutlet('closing'))?.status).toBe('inactive');
  });

  it('moves the counts with an outlet that moves to another cell', async () => {
    // Prepare
    await putOutlet(buildOutlet({ id: 'mover', location: leeds }));

    // Act
    const york = { lat: 53.959, lng: -1.0815 };
    await putOutlet(buildOutlet({ id: 'mover', location: york }));

    // Assess
    expect(await counter(cellOf(leeds))).toMatchObject({ total: 0, [`c_${childCharOf(leeds)}`]: 0 });
    expect(await counter(cellOf(york))).toMatchObject({ total: 1, [`c_${childCharOf(york)}`]: 1 });
    expect(await indexedIds(cellOf(york))).toEqual(['mover']);
  });

  it('keeps counts and versions right when two writers replace the same outlet at once', async () => {
    // Prepare
    const bristol = { lat: 51.4545, lng: -2.5879 };
    const bath = { lat: 51.3811, lng: -2.359 };
    await putOutlet(buildOutlet({ id: 'contested', location: bristol }));

    // Act
    await Promise.all([
      putOutlet(buildOutlet({ id: 'contested', location: bath })),
      putOutlet(buildOutlet({ id: 'contested', location: bristol, name: 'Renamed' })),
    ]);

    // Assess
    const stored = await getStoredOutlet('contested');
    const [where, elsewhere] = stored?.outlet.location.lat === bath.lat ? [bath, bristol] : [bristol, bath];
    expect(stored?.version).toBe(3);
    expect(await counter(cellOf(where))).toMatchObject({ [`c_${childCharOf(where)}`]: 1 });
    expect(await counter(cellOf(elsewhere))).toMatchObject({ [`c_${childCharOf(elsewhere)}`]: 0 });
  });

  it('writes a batch with the same item shape and counts as one by one', async () => {
    // Prepare
    const plymouth = { lat: 50.3755, lng: -4.1427 };
    const outlets = [0, 1, 2].map((n) =>
      buildOutlet({ id: `batch-${n}`, location: { lat: plymouth.lat + n * 0.001, lng: plymouth.lng } }),
    );
    await putOutlet(outlets[0] ?? buildOutlet());

    // Act
    await putOutlets(outlets);

    // Assess
    const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: { pk: 'OUTLET#batch-1', sk: 'OUTLET' } }));
    const expected = outletItem(outlets[1] ?? buildOutlet(), 1, String(Item?.updatedAt));
    expect(Item).toEqual(expected);
    expect((await getStoredOutlet('batch-0'))?.version).toBe(2);
    expect((await counter(cellOf(plymouth))).total).toBe(3);
  });

  it('leaves a malformed stored outlet out of reads and searches instead of failing', async () => {
    // Prepare
    const cardiff = { lat: 51.4816, lng: -3.1791 };
    await putOutlet(buildOutlet({ id: 'good', location: cardiff }));
    await putOutlet(buildOutlet({ id: 'broken', location: { lat: cardiff.lat + 0.001, lng: cardiff.lng } }));
    const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: { pk: 'OUTLET#broken', sk: 'OUTLET' } }));
    await documents.send(new PutCommand({ TableName: tableName, Item: { ...Item, kitTypes: 'lots' } }));

    // Act
    const read = await getOutlet('broken');
    const search = await findNearestOutlets({ point: cardiff, limit: 5, radiusKm: 5 });

    // Assess
    expect(read).toBeNull();
    expect(search.results.map((result) => result.outlet.id)).toEqual(['good']);
  });
});
