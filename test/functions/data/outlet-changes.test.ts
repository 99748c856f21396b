/**
 * A person's change to a listing, written with its history in one conditional update, against the
 * embedded DynamoDB.
 */
import { GetCommand, QueryCommand } from '../../../functions/data/dynamodb-documents.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEntry } from '../../../functions/contract/portal-outlet.js';
import { encodeGeohash } from '../../../functions/core/geohash.js';
import { documents, tableName } from '../../../functions/data/client.js';
import { ensureTable } from '../../../functions/data/create-table.js';
import { geoCountKey, outletKey } from '../../../functions/data/keys.js';
import { archiveChanges, readHistory } from '../../../functions/data/outlet-history.js';
import { recentHistoryLimits } from '../../../functions/data/outlet-items.js';
import { getStoredOutlet, putOutlet, writeListingChange } from '../../../functions/data/outlets.js';
import { DomainError } from '../../../functions/shared/errors.js';
import { buildOutlet } from '../../fixtures/outlets.js';

let entries = 0;
const entry = (at: string): ChangeEntry => ({
  id: `entry-${(entries += 1)}`,
  at,
  by: { subject: 'asha', label: 'Asha' },
  action: 'edit',
  changes: [{ field: 'alert', label: 'Public alert', from: null, to: 'x', fromText: 'Not given', toText: 'x' }],
});

async function item(id: string) {
  const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: outletKey(id), ConsistentRead: true }));
  return Item ?? {};
}

async function counter(point: { lat: number; lng: number }) {
  const { Item } = await documents.send(
    new GetCommand({ TableName: tableName, Key: geoCountKey(encodeGeohash(point, 4)), ConsistentRead: true }),
  );
  return Item?.total;
}

async function stored(id: string) {
  const found = await getStoredOutlet(id, { consistent: true });
  if (!found) throw new Error(`No outlet ${id}`);
  return found;
}

describe('writeListingChange', () => {
  beforeAll(async () => {
    await ensureTable();
  });

  it('writes the new fields, the next version and the history entry in the listing item', async () => {
    // Prepare
    await putOutlet(buildOutlet({ id: 'edit-one' }));
    const current = await stored('edit-one');

    // Act
    const written = await writeListingChange(current, { ...current.outlet, alert: 'Ring the bell' }, entry('2026-11-30T10:00:00.000Z'));

    // Assess
    const after = await item('edit-one');
    expect([after.alert, after.version, after.updatedAt]).toEqual(['Ring the bell', 2, '2026-11-30T10:00:00.000Z']);
    expect(after.history).toEqual([written.history[0]]);
    expect(written.version).toBe(2);
  });

  it('refuses a write based on an older version and changes nothing', async () => {
    // Prepare
    await putOutlet(buildOutlet({ id: 'edit-stale' }));
    const stale = await stored('edit-stale');
    await writeListingChange(stale, { ...stale.outlet, alert: 'First' }, entry('2026-11-30T10:00:00.000Z'));
    const before = await item('edit-stale');

    // Act
    const write = writeListingChange(stale, { ...stale.outlet, alert: 'Second' }, entry('2026-11-30T10:01:00.000Z'));

    // Assess
    await expect(write).rejects.toSatisfy((error) => error instanceof DomainError && error.code === 'precondition_failed');
    expect(await item('edit-stale')).toEqual(before);
  });

  it('leaves the search index and its counters alone for a change to other fields, and a temporary closure stays found', async () => {
    // Prepare
    const point = { lat: 52.2053, lng: 0.1218 };
    await putOutlet(buildOutlet({ id: 'edit-quiet', location: point }));
    const before = await item('edit-quiet');
    const current = await stored('edit-quiet');

    // Act
    await writeListingChange(
      current,
      { ...current.outlet, website: 'https://example.org', status: 'temporarily_closed', reopensOn: '2026-12-07' },
      entry('2026-11-30T10:00:00.000Z'),
    );

    // Assess
    const after = await item('edit-quiet');
    expect([after.geoCell, after.geoKey]).toEqual([before.geoCell, before.geoKey]);
    expect(await counter(point)).toBe(1);
  });

  it('takes a withdrawn listing out of the index and its counter', async () => {
    // Prepare
    const point = { lat: 52.4862, lng: -1.8904 };
    await putOutlet(buildOutlet({ id: 'edit-withdrawn', location: point }));
    const current = await stored('edit-withdrawn');

    // Act
    await writeListingChange(current, { ...current.outlet, status: 'inactive' }, entry('2026-11-30T10:00:00.000Z'));

    // Assess
    const after = await item('edit-withdrawn');
    expect([after.geoCell, after.geoKey]).toEqual([undefined, undefined]);
    expect(await counter(point)).toBe(0);
  });

  it('keeps the newest changes in the item, moves older ones to archive items, and reads them all back once each, newest first', async () => {
    // Prepare
    await putOutlet(buildOutlet({ id: 'edit-many' }));
    const total = recentHistoryLimits.entries + 7;

    // Act
    for (let n = 0; n < total; n += 1) {
      const current = await stored('edit-many');
      await writeListingChange(current, { ...current.outlet, alert: `Alert ${n}` }, entry(`2026-11-30T10:${String(n).padStart(2, '0')}:00.000Z`));
    }

    // Assess
    const current = await stored('edit-many');
    expect(current.history).toHaveLength(recentHistoryLimits.entries);
    const first = await readHistory('edit-many', current.history, { before: null, limit: 10 });
    const rest = await readHistory('edit-many', current.history, { before: first.nextBefore, limit: 100 });
    const all = [...first.entries, ...rest.entries].map((change) => change.at);
    expect(all).toHaveLength(total);
    expect(new Set(all).size).toBe(total);
    expect(all).toEqual([...all].sort().reverse());
    expect(rest.nextBefore).toBeNull();
  });

  it('shows an entry once when it was archived but the update that dropped it from the item failed', async () => {
    // Prepare
    await putOutlet(buildOutlet({ id: 'edit-half' }));
    const current = await stored('edit-half');
    const written = await writeListingChange(current, { ...current.outlet, alert: 'One' }, entry('2026-11-30T10:00:00.000Z'));
    await archiveChanges('edit-half', written.history);

    // Act
    const history = await readHistory('edit-half', written.history, { before: null, limit: 10 });

    // Assess
    expect(history.entries.map((change) => change.id)).toEqual(written.history.map((change) => change.id));
  });

  it('keeps the history out of the search index, which projects only what the search reads', async () => {
    // Prepare
    const point = { lat: 50.8225, lng: -0.1372 };
    await putOutlet(buildOutlet({ id: 'edit-private', location: point }));
    const current = await stored('edit-private');
    await writeListingChange(current, { ...current.outlet, alert: 'Ring the bell' }, entry('2026-11-30T10:00:00.000Z'));

    // Act
    const { Items } = await documents.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'geo',
        KeyConditionExpression: 'geoCell = :cell',
        ExpressionAttributeValues: { ':cell': encodeGeohash(point, 4) },
      }),
    );

    // Assess
    const indexed = Items?.find((found) => found.id === 'edit-private') ?? {};
    expect(indexed.alert).toBe('Ring the bell');
    expect(Object.keys(indexed)).not.toContain('history');
    expect(Object.keys(indexed)).not.toContain('website');
  });
});
