import { AwsServiceError } from '../../../functions/shared/aws-request.js';
import { GetCommand, PutCommand, QueryCommand } from '../../../functions/data/dynamodb-documents.js';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { documents, tableName } from '../../../functions/data/client.js';
import { ensureTable } from '../../../functions/data/create-table.js';
import { findNearestOutlets } from '../../../functions/data/nearest-outlets.js';
import { geoCountKey } from '../../../functions/data/keys.js';
import { outletItem } from '../../../functions/data/outlet-items.js';
import { getOutlet, getStoredOutlet, putOutlet, putOutlets } from '../../../functions/data/outlets.js';
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

/**
 * Makes the next outlet Put fail as `fault` says, around the real client: `after` sends it first
 * (the write landed, then the answer was lost), `instead` never sends it.
 */
function failNextPut(fault: () => Error, when: 'after' | 'instead') {
  const send = documents.send.bind(documents);
  let failed = false;
  vi.spyOn(documents, 'send').mockImplementation((async (command: Parameters<typeof send>[0]) => {
    if (failed || !(command instanceof PutCommand)) return send(command);
    failed = true;
    if (when === 'after') await send(command);
    throw fault();
  }) as typeof documents.send);
}

describe('outlets', () => {
  beforeAll(async () => {
    await ensureTable();
  });

  afterEach(() => {
    vi.restoreAllMocks();
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

  it('leaves the counters as they were when the service rejects a write (an item over 400 KB)', async () => {
    // Prepare
    const norwich = { lat: 52.6309, lng: 1.2974 };
    const exeter = { lat: 50.7184, lng: -3.5339 };
    await putOutlet(buildOutlet({ id: 'big-mover', location: norwich }));
    await putOutlet(buildOutlet({ id: 'big-neighbour', location: exeter }));
    const before = [await counter(cellOf(norwich)), await counter(cellOf(exeter))];
    const huge = 'Step-free access. '.repeat(23_000);

    // Act, one write at a time: a second pending rejection would go unhandled while the first is awaited.
    const moved = putOutlet({ ...buildOutlet({ id: 'big-mover', location: exeter }), accessibility: huge });
    await expect(moved).rejects.toMatchObject({ name: 'ValidationException' });
    const created = putOutlet({ ...buildOutlet({ id: 'big-new', location: norwich }), accessibility: huge });
    await expect(created).rejects.toMatchObject({ name: 'ValidationException' });

    // Assess
    expect([await counter(cellOf(norwich)), await counter(cellOf(exeter))]).toEqual(before);
    expect((await getStoredOutlet('big-mover'))?.outlet.location).toEqual(norwich);
    expect(await getOutlet('big-new')).toBeNull();
  });

  it('keeps the count when a write may have landed (the answer was lost)', async () => {
    // Prepare
    const hull = { lat: 53.7676, lng: -0.3274 };
    failNextPut(() => Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }), 'after');

    // Act
    const write = putOutlet(buildOutlet({ id: 'lost-answer', location: hull }));

    // Assess
    await expect(write).rejects.toThrow('socket hang up');
    expect(await getOutlet('lost-answer')).not.toBeNull();
    expect(await counter(cellOf(hull))).toMatchObject({ total: 1, [`c_${childCharOf(hull)}`]: 1 });
    expect((await findNearestOutlets({ point: hull, limit: 1, radiusKm: 1 })).results.map((r) => r.outlet.id)).toEqual(['lost-answer']);
  });

  it('keeps an over-count, never an under-count, when the service fails with a 5xx', async () => {
    // Prepare
    const carlisle = { lat: 54.8925, lng: -2.9329 };
    failNextPut(() => new AwsServiceError('InternalServerError', 'Internal server error', 500), 'instead');

    // Act
    const write = putOutlet(buildOutlet({ id: 'server-fault', location: carlisle }));

    // Assess
    await expect(write).rejects.toThrow('Internal server error');
    expect(await getOutlet('server-fault')).toBeNull();
    expect(await counter(cellOf(carlisle))).toMatchObject({ total: 1 });
  });

  it('keeps its count when a retried write fails its condition because an earlier attempt landed', async () => {
    // Prepare
    const lincoln = { lat: 53.2307, lng: -0.5406 };
    // As the client reports it: the first attempt timed out after the write landed, the retry found the item there.
    failNextPut(() => {
      const failure = new AwsServiceError('ConditionalCheckFailedException', 'The conditional request failed', 400);
      failure.$metadata.attempts = 2;
      return failure;
    }, 'after');

    // Act
    await putOutlet(buildOutlet({ id: 'retried', location: lincoln }));

    // Assess
    expect((await getStoredOutlet('retried'))?.version).toBe(2);
    expect(await counter(cellOf(lincoln))).toMatchObject({ total: 1, [`c_${childCharOf(lincoln)}`]: 1 });
  });
});
