import { describe, expect, it } from 'vitest';
import type { ChangeEntry } from '../../../functions/contract/portal-outlet.js';
import type { Outlet } from '../../../functions/contract/outlet.js';
import type { Actor } from '../../../functions/core/access.js';
import {
  type ChangeContext,
  type ListingStore,
  applyListingPatch,
  confirmListing,
  editListing,
  setStock,
} from '../../../functions/core/listing-updates.js';
import type { StoredListing } from '../../../functions/core/portal-views.js';
import { DomainError, preconditionFailed } from '../../../functions/shared/errors.js';
import { buildOutlet } from '../../fixtures/outlets.js';

const asha: Actor = { subject: 'asha', label: 'Asha', roles: ['outlet_staff'], outlets: ['FA123'], areas: [], areaNames: {} };
const now = new Date('2026-11-30T10:00:00Z');
let ids = 0;
const context = (): ChangeContext => ({ actor: asha, now, newId: () => `change-${(ids += 1)}` });

/** A store in memory that behaves as the real one: writes are conditional on the version. */
function memoryStore(outlet: Outlet, { clashes = 0 } = {}) {
  let stored: StoredListing = { outlet, version: 1, updatedAt: '2026-11-01T00:00:00.000Z' };
  const entries: ChangeEntry[] = [];
  let clashesLeft = clashes;
  const store: ListingStore = {
    read: async (id) => (id === stored.outlet.id ? structuredClone(stored) : null),
    write: async (current, next, entry) => {
      if (clashesLeft > 0) {
        // Someone else's write lands between our read and our write.
        clashesLeft -= 1;
        stored = { ...stored, version: stored.version + 1 };
      }
      if (current.version !== stored.version) throw preconditionFailed('changed');
      stored = { outlet: next, version: stored.version + 1, updatedAt: entry.at };
      entries.push(entry);
      return stored;
    },
  };
  return { store, entries, get stored() {
    return stored;
  } };
}

async function errorOf(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  if (!(error instanceof DomainError)) throw new Error(`Expected a DomainError, got ${String(error)}`);
  return error;
}

describe('editListing', () => {
  it('applies the edit to the version read and records who changed what from what', async () => {
    // Prepare
    const memory = memoryStore(buildOutlet({ phone: '0161 000 0000' }));

    // Act
    const stored = await editListing(memory.store, { id: 'FA123', expectedVersion: 1, patch: { phone: '0161 496 0000' } }, context());

    // Assess
    expect(stored.version).toBe(2);
    expect(stored.outlet.phone).toBe('0161 496 0000');
    expect(memory.entries).toEqual([
      {
        id: expect.any(String),
        at: now.toISOString(),
        by: { subject: 'asha', label: 'Asha' },
        action: 'edit',
        changes: [{ field: 'phone', label: 'Phone number', from: '0161 000 0000', to: '0161 496 0000', fromText: '0161 000 0000', toText: '0161 496 0000' }],
      },
    ]);
  });

  it('refuses an edit of an older version with the listing as it is now, and changes nothing', async () => {
    // Prepare
    const memory = memoryStore(buildOutlet());

    // Act
    const error = await errorOf(editListing(memory.store, { id: 'FA123', expectedVersion: 0, patch: { alert: 'Closed today' } }, context()));

    // Assess
    expect(error.code).toBe('precondition_failed');
    expect(error.details.current).toMatchObject({ version: 1, etag: '"1"', outlet: { alert: null } });
    expect(memory.entries).toEqual([]);
  });

  it('never retries an edit that lost a race: it fails with the winner’s listing', async () => {
    // Prepare
    const memory = memoryStore(buildOutlet(), { clashes: 1 });

    // Act
    const error = await errorOf(editListing(memory.store, { id: 'FA123', expectedVersion: 1, patch: { alert: 'Closed today' } }, context()));

    // Assess
    expect(error.code).toBe('precondition_failed');
    expect(error.details.current).toMatchObject({ version: 2 });
    expect(memory.entries).toEqual([]);
  });

  it('writes nothing for an edit that changes nothing', async () => {
    // Prepare
    const memory = memoryStore(buildOutlet({ alert: 'Ring the bell' }));

    // Act
    const stored = await editListing(memory.store, { id: 'FA123', expectedVersion: 1, patch: { alert: 'Ring the bell' } }, context());

    // Assess
    expect(stored.version).toBe(1);
    expect(memory.entries).toEqual([]);
  });

  it('answers not_found for a listing that does not exist', async () => {
    // Act
    const error = await errorOf(editListing(memoryStore(buildOutlet()).store, { id: 'nope', expectedVersion: 1, patch: { alert: null } }, context()));

    // Assess
    expect(error.code).toBe('not_found');
  });
});

describe('applyListingPatch', () => {
  const outlet = buildOutlet();
  const issuesOf = (act: () => unknown) => {
    try {
      act();
    } catch (error) {
      if (error instanceof DomainError) return [error.code, error.issues];
    }
    return null;
  };

  it('needs a reopening date after today, within a year, for a temporary closure', () => {
    // Act
    const missing = issuesOf(() => applyListingPatch(outlet, { status: 'temporarily_closed' }, now));
    const today = issuesOf(() => applyListingPatch(outlet, { status: 'temporarily_closed', reopensOn: '2026-11-30' }, now));
    const tooFar = issuesOf(() => applyListingPatch(outlet, { status: 'temporarily_closed', reopensOn: '2028-01-05' }, now));

    // Assess
    expect(missing).toEqual(['validation_failed', [{ path: 'reopensOn', message: 'Enter the date you will open again' }]]);
    expect(today).toEqual(['validation_failed', [{ path: 'reopensOn', message: 'The date you will open again must be after today' }]]);
    expect(tooFar).toEqual(['validation_failed', [{ path: 'reopensOn', message: 'The date you will open again must be within a year' }]]);
  });

  it('closes with a reopening date, and forgets the date on reopening', () => {
    // Act
    const closed = applyListingPatch(outlet, { status: 'temporarily_closed', reopensOn: '2026-12-07', alert: 'Refit' }, now);
    const reopened = applyListingPatch(closed, { status: 'active' }, now);

    // Assess
    expect([closed.status, closed.reopensOn, closed.alert]).toEqual(['temporarily_closed', '2026-12-07', 'Refit']);
    expect([reopened.status, reopened.reopensOn]).toEqual(['active', null]);
  });

  it('refuses a reopening date on a listing that is open', () => {
    // Act
    const result = issuesOf(() => applyListingPatch(outlet, { reopensOn: '2026-12-07' }, now));

    // Assess
    expect(result).toEqual(['validation_failed', [{ path: 'reopensOn', message: 'Choose temporarily closed to give a date you will open again' }]]);
  });

  it('does not let an outlet bring back a listing its commissioner withdrew', () => {
    // Act
    const result = issuesOf(() => applyListingPatch(buildOutlet({ status: 'inactive' }), { status: 'active' }, now));

    // Assess
    expect(result?.[0]).toBe('forbidden');
  });

  it('checks the whole listing against the contract, naming the field', () => {
    // Act
    const result = issuesOf(() =>
      applyListingPatch(outlet, { hours: { weekly: [], exceptions: [{ date: '2026-12-25', closed: true, sessions: [] }, { date: '2026-12-25', closed: true, sessions: [] }], bankHolidays: 'closed' } }, now),
    );

    // Assess
    expect(result).toEqual(['validation_failed', [{ path: 'hours.exceptions', message: 'Give each date at most one exception' }]]);
  });
});

describe('one-tap changes', () => {
  it('sets the stock, confirms the listing, and records both even when the stock is unchanged', async () => {
    // Prepare
    const memory = memoryStore(buildOutlet({ stock: { status: 'in_stock', updatedAt: '2026-11-01T00:00:00.000Z' } }));

    // Act
    const stored = await setStock(memory.store, { id: 'FA123', status: 'in_stock' }, context());

    // Assess
    expect(stored.outlet.stock).toEqual({ status: 'in_stock', updatedAt: now.toISOString() });
    expect(stored.outlet.assuredAt).toBe(now.toISOString());
    expect(memory.entries[0]?.action).toBe('stock');
    expect(memory.entries[0]?.changes.map((change) => [change.field, change.toText])).toEqual([
      ['stock.status', 'In stock'],
      ['assuredAt', '30 November 2026 at 10:00'],
    ]);
  });

  it('retries on a clash with another write, since it touches only its own fields', async () => {
    // Prepare
    const memory = memoryStore(buildOutlet(), { clashes: 2 });

    // Act
    const stored = await confirmListing(memory.store, { id: 'FA123' }, context());

    // Assess
    expect(stored.outlet.assuredAt).toBe(now.toISOString());
    expect(memory.entries).toHaveLength(1);
  });

  it('gives up with a conflict when the listing never stops changing', async () => {
    // Prepare
    const memory = memoryStore(buildOutlet(), { clashes: 100 });

    // Act
    const error = await errorOf(setStock(memory.store, { id: 'FA123', status: 'out' }, context()));

    // Assess
    expect(error.code).toBe('conflict');
    expect(memory.entries).toEqual([]);
  });
});
