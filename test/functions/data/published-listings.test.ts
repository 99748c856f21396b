/**
 * The open data index and reads against the embedded DynamoDB: exactly the publicly listed outlets
 * are in it, whatever writes them; a withdrawal takes a listing out; listings are read with their
 * public fields alone; and the backfill gives the index to listings stored before it existed.
 */
import { GetCommand, PutCommand } from '../../../functions/data/dynamodb-documents.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { publicListingFields } from '../../../functions/contract/find-outlets.js';
import type { ChangeEntry } from '../../../functions/contract/portal-outlet.js';
import { hsdsServiceId } from '../../../functions/core/hsds-service-at-location.js';
import { documents, tableName } from '../../../functions/data/client.js';
import { ensureTable } from '../../../functions/data/create-table.js';
import { outletKey } from '../../../functions/data/keys.js';
import { outletItem } from '../../../functions/data/outlet-items.js';
import { getStoredOutlet, putOutlet, putOutlets, writeListingChange } from '../../../functions/data/outlets.js';
import { backfillPublishedIndex } from '../../../functions/data/published-index-backfill.js';
import { findPublishedEntry, readPublishedEntries, readPublishedListings } from '../../../functions/data/published-listings.js';
import { publishedIndex } from '../../../functions/data/table-schema.js';
import { buildOutlet } from '../../fixtures/outlets.js';

const privateEmail = 'owner.private@example.org';

const change = (at: string): ChangeEntry => ({
  id: `change-${at}`,
  at,
  by: { subject: 'asha', label: 'Asha' },
  action: 'edit',
  changes: [{ field: 'status', label: 'Status', from: 'active', to: 'inactive', fromText: 'Active', toText: 'Withdrawn' }],
});

async function stored(id: string) {
  const found = await getStoredOutlet(id, { consistent: true });
  if (!found) throw new Error(`No outlet ${id}`);
  return found;
}

const publishedIds = async () => (await readPublishedEntries()).map((entry) => entry.outletId);

beforeAll(async () => {
  await ensureTable();
  await putOutlets([
    buildOutlet({ id: 'PUB-ACTIVE', contactEmail: privateEmail }),
    buildOutlet({ id: 'PUB-CLOSED', status: 'temporarily_closed', reopensOn: '2026-12-01' }),
    buildOutlet({ id: 'PUB-GONE', status: 'inactive' }),
  ]);
});

describe('the published index', () => {
  it('holds exactly the publicly listed outlets, ordered by their HSDS service id, with when each changed', async () => {
    // Act
    const entries = await readPublishedEntries();

    // Assess
    const mine = entries.filter((entry) => entry.outletId.startsWith('PUB-'));
    expect(mine.map((entry) => entry.outletId).sort()).toEqual(['PUB-ACTIVE', 'PUB-CLOSED']);
    expect(entries.map((entry) => entry.serviceId)).toEqual(entries.map((entry) => entry.serviceId).sort());
    for (const entry of mine) {
      expect(entry.serviceId).toBe(hsdsServiceId(entry.outletId));
      expect(Date.parse(entry.updatedAt)).not.toBeNaN();
    }
  });

  it('loses a listing when it is withdrawn and has it back when it is listed again', async () => {
    // Prepare
    await putOutlet(buildOutlet({ id: 'WITHDRAW-ME' }));
    const listed = await stored('WITHDRAW-ME');

    // Act
    const withdrawn = await writeListingChange(listed, { ...listed.outlet, status: 'inactive' }, change('2026-11-30T10:00:00.000Z'));
    const whileWithdrawn = await publishedIds();
    await writeListingChange(withdrawn, { ...withdrawn.outlet, status: 'active' }, change('2026-11-30T11:00:00.000Z'));

    // Assess
    expect(whileWithdrawn).not.toContain('WITHDRAW-ME');
    expect(await findPublishedEntry(hsdsServiceId('WITHDRAW-ME'))).toEqual({
      outletId: 'WITHDRAW-ME',
      serviceId: hsdsServiceId('WITHDRAW-ME'),
      updatedAt: '2026-11-30T11:00:00.000Z',
    });
  });

  it('finds no entry for a service id no published listing has', async () => {
    // Act
    const found = await Promise.all([findPublishedEntry(hsdsServiceId('PUB-GONE')), findPublishedEntry(hsdsServiceId('NEVER-STORED'))]);

    // Assess
    expect(found).toEqual([null, null]);
  });

  it('is given to a listing stored before it existed by the listing\'s next change, and by the backfill', async () => {
    // Prepare: items as a table from before the index holds them.
    const old = (id: string, status: 'active' | 'inactive' = 'active') => {
      const item = outletItem(buildOutlet({ id, status }), 1, '2026-01-01T00:00:00.000Z');
      delete item[publishedIndex.partitionKey];
      delete item[publishedIndex.sortKey];
      return documents.send(new PutCommand({ TableName: tableName, Item: item }));
    };
    await Promise.all([old('OLD-EDITED'), old('OLD-BACKFILLED'), old('OLD-WITHDRAWN', 'inactive')]);
    const before = await publishedIds();
    const edited = await stored('OLD-EDITED');

    // Act
    await writeListingChange(edited, { ...edited.outlet, alert: 'Ring the bell' }, change('2026-11-30T12:00:00.000Z'));
    const backfill = await backfillPublishedIndex();
    const again = await backfillPublishedIndex();

    // Assess
    expect(before.filter((id) => id.startsWith('OLD-'))).toEqual([]);
    expect((await publishedIds()).filter((id) => id.startsWith('OLD-')).sort()).toEqual(['OLD-BACKFILLED', 'OLD-EDITED']);
    // Withdrawn listings (OLD-WITHDRAWN, PUB-GONE) lack the keys for good; only OLD-BACKFILLED gets them.
    expect(backfill.added).toBe(1);
    expect(again).toEqual({ missing: backfill.missing - 1, added: 0 });
  });
});

describe('readPublishedListings', () => {
  it('reads the public fields and when the listing changed, never the contact email or the history, in the order asked', async () => {
    // Prepare: a change gives the listing a history entry.
    const current = await stored('PUB-ACTIVE');
    await writeListingChange(current, { ...current.outlet, alert: 'Kits at the counter' }, change('2026-11-30T13:00:00.000Z'));
    const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: outletKey('PUB-ACTIVE'), ConsistentRead: true }));

    // Act
    const listings = await readPublishedListings(['PUB-CLOSED', 'NEVER-STORED', 'PUB-ACTIVE']);

    // Assess
    expect([Item?.contactEmail, (Item?.history as unknown[]).length]).toEqual([privateEmail, 1]);
    expect(listings.map((entry) => entry.listing.id)).toEqual(['PUB-CLOSED', 'PUB-ACTIVE']);
    expect(listings[1]).toMatchObject({ listing: { alert: 'Kits at the counter' }, updatedAt: '2026-11-30T13:00:00.000Z' });
    for (const { listing } of listings) expect(Object.keys(listing).sort()).toEqual([...publicListingFields].sort());
    expect(JSON.stringify(listings)).not.toContain(privateEmail);
  });

  it('leaves out a listing that is no longer publicly listed, even when asked for it by id', async () => {
    // Act
    const listings = await readPublishedListings(['PUB-GONE']);

    // Assess
    expect(listings).toEqual([]);
  });
});
