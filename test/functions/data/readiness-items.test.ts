/**
 * How a listing enters, moves in and leaves the sparse `readiness` index as it is written: whole
 * (seeding, imports), and changed by a person (the portal's one tap, an edit, a withdrawal).
 */
import { QueryCommand } from '../../../functions/data/dynamodb-documents.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEntry } from '../../../functions/contract/portal-outlet.js';
import type { Outlet } from '../../../functions/contract/outlet.js';
import { documents, tableName } from '../../../functions/data/client.js';
import { ensureTable } from '../../../functions/data/create-table.js';
import { outletItem } from '../../../functions/data/outlet-items.js';
import { getStoredOutlet, listingUpdateInput, putOutlet, writeListingChange } from '../../../functions/data/outlets.js';
import { scheduleReadinessCheck } from '../../../functions/data/readiness-state.js';
import { buildOutlet } from '../../fixtures/outlets.js';

/** The index's entries, as `[outlet id, due]`. */
async function indexed(): Promise<[string, string][]> {
  const { Items } = await documents.send(
    new QueryCommand({ TableName: tableName, IndexName: 'readiness', KeyConditionExpression: 'readinessQueue = :due', ExpressionAttributeValues: { ':due': 'due' } }),
  );
  return (Items ?? []).map((item) => [String(item.pk).slice('OUTLET#'.length), String(item.readinessDueAt).split('#')[0] ?? '']);
}

const entry = (at: string): ChangeEntry => ({ id: `entry-${at}`, at, by: { subject: 'staff', label: 'Staff' }, action: 'edit', changes: [] });

/** Writes `change` to the stored listing as the portal would. */
async function change(id: string, change: (outlet: Outlet) => Outlet): Promise<void> {
  const current = await getStoredOutlet(id, { consistent: true });
  if (!current) throw new Error(`No ${id}`);
  await writeListingChange(current, change(current.outlet), entry(new Date().toISOString()));
}

beforeAll(async () => {
  await ensureTable();
});

describe('the readiness index on listing items', () => {
  it('holds a listing written whole from the day its first reminder is due, and never a withdrawn one', async () => {
    // Act
    await putOutlet(buildOutlet({ id: 'RI001', assuredAt: '2026-12-01T10:00:00.000Z' }));
    await putOutlet(buildOutlet({ id: 'RI002', assuredAt: '2026-12-01T10:00:00.000Z', status: 'inactive' }));

    // Assess
    expect(await indexed()).toEqual([['RI001', '2027-02-14T00:00:00.000Z']]);
    expect(outletItem(buildOutlet({ id: 'RI002', status: 'inactive' }), 1, '2027-01-01T00:00:00.000Z')).not.toHaveProperty('readinessDueAt');
  });

  it('leaves where the job had got to when an edit does not touch the confirmation', async () => {
    // Prepare: the job has moved the listing on to its second reminder.
    const stored = await getStoredOutlet('RI001', { consistent: true });
    await scheduleReadinessCheck('RI001', stored!.version, new Date('2027-02-21T00:00:00.000Z'));

    // Act
    await change('RI001', (outlet) => ({ ...outlet, alert: 'Closed at lunchtime this week' }));

    // Assess
    expect(await indexed()).toEqual([['RI001', '2027-02-21T00:00:00.000Z']]);
  });

  it('starts from the new confirmation when the listing is confirmed', async () => {
    // Act
    await change('RI001', (outlet) => ({ ...outlet, assuredAt: '2027-02-16T09:00:00.000Z' }));

    // Assess: day 75 after 16 February 2027 is 2 May 2027, midnight BST.
    expect(await indexed()).toEqual([['RI001', '2027-05-01T23:00:00.000Z']]);
  });

  it('takes a listing out when it is withdrawn, and back when it is listed again', async () => {
    // Act
    await change('RI001', (outlet) => ({ ...outlet, status: 'inactive' }));
    const withdrawn = await indexed();
    await change('RI001', (outlet) => ({ ...outlet, status: 'active' }));

    // Assess
    expect(withdrawn).toEqual([]);
    expect(await indexed()).toEqual([['RI001', '2027-05-01T23:00:00.000Z']]);
  });

  it('does not move the job’s schedule for a listing that changed since the job read it', async () => {
    // Prepare
    const stored = await getStoredOutlet('RI001', { consistent: true });
    await change('RI001', (outlet) => ({ ...outlet, assuredAt: '2027-03-01T09:00:00.000Z' }));

    // Act
    const moved = await scheduleReadinessCheck('RI001', stored!.version, null);

    // Assess
    expect(moved).toBe(false);
    expect(await indexed()).toEqual([['RI001', '2027-05-14T23:00:00.000Z']]);
  });

  it('names no readiness attribute in an update that changes neither the confirmation nor the status', () => {
    // Prepare
    const outlet = buildOutlet({ id: 'RI003', assuredAt: '2026-12-01T10:00:00.000Z' });
    const current = { outlet, version: 3, updatedAt: '2027-01-01T00:00:00.000Z', history: [], placement: null };

    // Act
    const input = listingUpdateInput(current, { ...outlet, phone: '0161 000 0001' }, [], '2027-01-02T00:00:00.000Z');

    // Assess
    expect(Object.values(input.ExpressionAttributeNames)).not.toContain('readinessDueAt');
    expect(Object.values(input.ExpressionAttributeNames)).not.toContain('readinessQueue');
  });
});
