/**
 * How an outlet keeps its listing true: edit it, set its stock in one tap, confirm it in one tap.
 * The rules live here; storage is behind the `ListingStore` port, whose `write` is one conditional
 * update that carries the change's history entry with it.
 *
 * - An edit is a person's work: it applies only to the version they read (`If-Match`), and when
 *   someone else got there first it fails with the listing as it is now. It is never retried on
 *   their behalf and never silently overwrites (no last-writer-wins).
 * - Stock and confirmation touch only their own fields, so a clash with another write is retried
 *   on the fresh listing, a few times.
 */
import type { CabinetUpdate, ChangeAction, ChangeEntry, FieldChange, ListingPatch, StockUpdate } from '../contract/portal-outlet.js';
import { type Outlet, outletSchema } from '../contract/outlet.js';
import { DomainError, conflict, fieldIssues, forbidden, notFound, preconditionFailed, validationFailed } from '../shared/errors.js';
import type { Actor } from './access.js';
import { diffListing, fieldChange } from './listing-diff.js';
import { addDays, londonWallClock } from './london-time.js';
import { type StoredListing, toPortalOutlet } from './portal-views.js';

/** Where listings are kept. `S` is the store's own record of a listing, handed back to it on write. */
export interface ListingStore<S extends StoredListing = StoredListing> {
  /** The listing, read consistently; null if there is none. */
  read(id: string): Promise<S | null>;
  /**
   * Writes `next` with `entry` added to its history, only if the stored version is still
   * `current.version`; throws a `precondition_failed` DomainError if it is not.
   */
  write(current: S, next: Outlet, entry: ChangeEntry): Promise<S>;
}

/** Who changes the listing, when, and where new ids come from. */
export interface ChangeContext {
  actor: Actor;
  now: Date;
  newId: () => string;
}

const notFoundMessage = 'We could not find that listing';

/** How far ahead a temporary closure may be planned; longer than this, the listing should be withdrawn. */
export const maxClosureDays = 366;

const staleMessage =
  'Someone else changed this listing after you opened it. Check the listing as it is now, then make your changes again.';

/** The listing with the patch applied, checked as a whole; throws `validation_failed` naming each field. */
export function applyListingPatch(outlet: Outlet, patch: ListingPatch, now: Date): Outlet {
  const today = londonWallClock(now).date;
  if (patch.status !== undefined && patch.status !== outlet.status && outlet.status === 'inactive') {
    throw forbidden('This listing has been withdrawn. Ask your commissioner to restore it.');
  }
  const status = patch.status ?? outlet.status;
  const next: Record<string, unknown> = { ...outlet, ...patch };
  const issues: { path: string; message: string }[] = [];
  if (status === 'temporarily_closed') {
    const reopensOn = patch.reopensOn === undefined ? outlet.reopensOn : patch.reopensOn;
    if (reopensOn === null) issues.push({ path: 'reopensOn', message: 'Enter the date you will open again' });
    else if (reopensOn <= today) issues.push({ path: 'reopensOn', message: 'The date you will open again must be after today' });
    else if (reopensOn > addDays(today, maxClosureDays)) {
      issues.push({ path: 'reopensOn', message: 'The date you will open again must be within a year' });
    }
  } else if (patch.reopensOn !== undefined && patch.reopensOn !== null) {
    issues.push({ path: 'reopensOn', message: 'Choose temporarily closed to give a date you will open again' });
  } else {
    next.reopensOn = null;
  }
  if (issues.length > 0) throw validationFailed('There is a problem with the changes', issues);
  const parsed = outletSchema.safeParse(next);
  if (!parsed.success) throw validationFailed('There is a problem with the changes', fieldIssues(parsed.error));
  return parsed.data;
}

function entryFor(action: ChangeAction, changes: FieldChange[], context: ChangeContext): ChangeEntry {
  return {
    id: context.newId(),
    at: context.now.toISOString(),
    by: { subject: context.actor.subject, label: context.actor.label },
    action,
    changes,
  };
}

async function readOrThrow<S extends StoredListing>(store: ListingStore<S>, id: string): Promise<S> {
  const current = await store.read(id);
  if (!current) throw notFound(notFoundMessage);
  return current;
}

/** The stale-edit error, carrying the listing as it is now. */
function staleEdit(current: StoredListing, now: Date): DomainError {
  return preconditionFailed(staleMessage, { current: toPortalOutlet(current, now) });
}

/**
 * Applies a person's edit to the version they read. Returns the stored listing unchanged when the
 * edit changes nothing; throws `precondition_failed` (with the current listing) when `expectedVersion`
 * is not the stored one, before or during the write.
 */
export async function editListing<S extends StoredListing>(
  store: ListingStore<S>,
  request: { id: string; expectedVersion: number; patch: ListingPatch },
  context: ChangeContext,
): Promise<S> {
  const current = await readOrThrow(store, request.id);
  if (current.version !== request.expectedVersion) throw staleEdit(current, context.now);
  const next = applyListingPatch(current.outlet, request.patch, context.now);
  const changes = diffListing(current.outlet, next);
  if (changes.length === 0) return current;
  try {
    return await store.write(current, next, entryFor('edit', changes, context));
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'precondition_failed') throw error;
    throw staleEdit(await readOrThrow(store, request.id), context.now);
  }
}

/** How many times a one-tap change is tried against a listing that keeps changing under it. */
const oneTapAttempts = 5;

/** Applies a change that touches only its own fields to the latest listing, retrying on a clash. */
async function applyOneTap<S extends StoredListing>(
  store: ListingStore<S>,
  id: string,
  action: ChangeAction,
  change: (outlet: Outlet) => { next: Outlet; changes: FieldChange[] },
  context: ChangeContext,
): Promise<S> {
  for (let attempt = 0; attempt < oneTapAttempts; attempt += 1) {
    const current = await readOrThrow(store, id);
    const { next, changes } = change(current.outlet);
    try {
      return await store.write(current, next, entryFor(action, changes, context));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'precondition_failed') throw error;
    }
  }
  throw conflict('The listing is being changed by someone else right now. Please try again.');
}

/**
 * Sets the stock status; it also confirms the listing, since the person just looked, and so clears
 * the public's "no kits" reports made before it.
 */
export function setStock<S extends StoredListing>(
  store: ListingStore<S>,
  request: { id: string } & StockUpdate,
  context: ChangeContext,
): Promise<S> {
  const at = context.now.toISOString();
  return applyOneTap(
    store,
    request.id,
    'stock',
    (outlet) => {
      const next: Outlet = { ...outlet, stock: { status: request.status, updatedAt: at }, assuredAt: at, noKitsReports: 0 };
      // The stock line is recorded even when it is unchanged: "still in stock" is news too.
      return { next, changes: [fieldChange('stock.status', outlet.stock.status, request.status), fieldChange('assuredAt', outlet.assuredAt, at)] };
    },
    context,
  );
}

/** Records that everything in the listing is still correct, clearing the "no kits" reports made before. */
export function confirmListing<S extends StoredListing>(store: ListingStore<S>, request: { id: string }, context: ChangeContext): Promise<S> {
  const at = context.now.toISOString();
  return applyOneTap(
    store,
    request.id,
    'confirm',
    (outlet) => ({ next: { ...outlet, assuredAt: at, noKitsReports: 0 }, changes: [fieldChange('assuredAt', outlet.assuredAt, at)] }),
    context,
  );
}

/**
 * Sets an emergency cabinet's status in one tap ("Ready", "Used – awaiting restock"); like stock, it
 * also confirms the listing, since the guardian just looked. Only emergency cabinets have one.
 */
export function setCabinetStatus<S extends StoredListing>(
  store: ListingStore<S>,
  request: { id: string } & CabinetUpdate,
  context: ChangeContext,
): Promise<S> {
  const at = context.now.toISOString();
  return applyOneTap(
    store,
    request.id,
    'cabinet',
    (outlet) => {
      if (outlet.outletType !== 'emergency_box') {
        throw validationFailed('This listing is not an emergency cabinet', [{ path: 'status', message: 'Only emergency cabinets have a cabinet status' }]);
      }
      const next: Outlet = { ...outlet, cabinetStatus: request.status, assuredAt: at };
      return {
        next,
        changes: [fieldChange('cabinetStatus', outlet.cabinetStatus, request.status), fieldChange('assuredAt', outlet.assuredAt, at)],
      };
    },
    context,
  );
}
