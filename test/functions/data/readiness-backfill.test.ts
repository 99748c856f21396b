/**
 * The one-off that puts listings written before readiness reminders into the readiness index.
 */
import { PutCommand, QueryCommand } from '../../../functions/data/dynamodb-documents.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { documents, tableName } from '../../../functions/data/client.js';
import { ensureTable } from '../../../functions/data/create-table.js';
import { outletItem } from '../../../functions/data/outlet-items.js';
import { putOutlet } from '../../../functions/data/outlets.js';
import { backfillReadinessIndex } from '../../../functions/data/readiness-backfill.js';
import { buildOutlet } from '../../fixtures/outlets.js';

/** An item as the previous version wrote it: without the readiness index's attributes. */
async function putOlderItem(overrides: Parameters<typeof buildOutlet>[0]): Promise<void> {
  const { readinessQueue: _queue, readinessDueAt: _due, ...item } = outletItem(buildOutlet(overrides), 1, '2026-06-01T00:00:00.000Z');
  await documents.send(new PutCommand({ TableName: tableName, Item: item }));
}

async function indexed(): Promise<[string, string][]> {
  const { Items } = await documents.send(
    new QueryCommand({ TableName: tableName, IndexName: 'readiness', KeyConditionExpression: 'readinessQueue = :due', ExpressionAttributeValues: { ':due': 'due' } }),
  );
  return (Items ?? []).map((item) => [String(item.pk).slice('OUTLET#'.length), String(item.readinessDueAt).split('#')[0] ?? '']).sort() as [string, string][];
}

beforeAll(async () => {
  await ensureTable();
});

describe('backfillReadinessIndex', () => {
  it('puts older listings in the index from their basis, leaves withdrawn ones out, and changes nothing when run again', async () => {
    // Prepare
    await putOlderItem({ id: 'RB001', assuredAt: '2026-12-01T10:00:00.000Z' });
    await putOlderItem({ id: 'RB002', assuredAt: null, listedAt: '2026-07-01T10:00:00.000Z' });
    await putOlderItem({ id: 'RB003', assuredAt: '2026-12-01T10:00:00.000Z', status: 'inactive' });
    await putOutlet(buildOutlet({ id: 'RB004', assuredAt: '2027-01-05T10:00:00.000Z' }));

    // Act
    const first = await backfillReadinessIndex();
    const second = await backfillReadinessIndex();

    // Assess
    expect(first).toEqual({ found: 3, added: 2 });
    expect(second).toEqual({ found: 1, added: 0 });
    expect(await indexed()).toEqual([
      ['RB001', '2027-02-14T00:00:00.000Z'],
      ['RB002', '2026-09-13T23:00:00.000Z'],
      ['RB004', '2027-03-21T00:00:00.000Z'],
    ]);
  });
});
