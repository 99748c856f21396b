/**
 * Outlet storage: reading listings, writing whole listings (seeding, imports) and writing a
 * person's change with its history entry (the portal). Item shapes are in `outlet-items.ts`.
 *
 * Every write keeps the geo occupancy counters (`geo-counters.ts`) from under-counting: it counts
 * the outlet into its new cell before the item is written and out of its old cell after, and takes
 * an increment back only when the service proved the write was not applied. The counters are
 * touched only when the outlet's cell or searchability changes. Every write is a single-item
 * conditional write or an `ADD`: the embedded engine has no transactions.
 */
import { GetCommand, PutCommand, UpdateCommand, isConditionalCheckFailure } from './dynamodb-documents.js';
import type { ChangeEntry } from '../contract/portal-outlet.js';
import { type Outlet, outletIdSchema } from '../contract/outlet.js';
import type { ListingStore } from '../core/listing-updates.js';
import { AwsServiceError } from '../shared/aws-request.js';
import { DomainError, conflict, preconditionFailed } from '../shared/errors.js';
import { batchGet } from './batch-get.js';
import { forEachLimited } from './batch-retry.js';
import { batchWrite } from './batch-write.js';
import { documents, tableName } from './client.js';
import { countIn, countInBulk, countOut, undoCountIn } from './geo-counters.js';
import { outletKey } from './keys.js';
import { publishedIndex } from './table-schema.js';
import { archiveChanges } from './outlet-history.js';
import { readinessIndexAttributes } from './readiness-items.js';
import { readinessIndex } from './table-schema.js';
import {
  type GeoPlacement,
  type StoredOutlet,
  areaKeysOf,
  boundHistory,
  childOf,
  historyFromItem,
  outletItem,
  placementOf,
  publishedIndexKeysOf,
  storedOutletFromItem,
  storedPlacement,
} from './outlet-items.js';

export type { StoredOutlet } from './outlet-items.js';

/**
 * True only when the error proves the write was not applied: the service answered it with a client
 * fault (4xx: condition failed, validation, item too large, throttling…) on the first and only
 * attempt. A network error, a timeout or a 5xx leaves it open (the write may have landed), and so
 * does an answer after the client's retries: an earlier attempt may have been applied, and a
 * conditional retry of an applied write fails its condition.
 */
function provesNotApplied(thrown: unknown): boolean {
  // The client reports passing failures as `service_unavailable`, with DynamoDB's error as the cause.
  const error = thrown instanceof DomainError ? thrown.cause : thrown;
  if (!(error instanceof AwsServiceError)) return false;
  const status = error.$metadata.httpStatusCode;
  return status >= 400 && status < 500 && (error.$metadata.attempts ?? 1) <= 1;
}

/** Sends an outlet write that moves it from one placement to another, keeping the counters on the safe side. */
async function writeCounted(from: GeoPlacement | null, to: GeoPlacement | null, send: () => Promise<unknown>): Promise<void> {
  await countIn(childOf(from), childOf(to));
  try {
    await send();
  } catch (error) {
    // Take our increment back only when the item is proved not to have entered the cell; when
    // it may have, the over-count is the safe side.
    if (provesNotApplied(error)) await undoCountIn(childOf(from), childOf(to));
    throw error;
  }
  await countOut(childOf(from), childOf(to));
}

/** How often `putOutlet` retries when another write got in between its read and its write. */
const maxPutAttempts = 5;

/**
 * Creates or replaces an outlet's listing (seeding, imports), keeping its history. Sets `version`
 * (1, then one more per write) and `updatedAt`, and the geo index attributes only while it is
 * searchable. Safe against concurrent writes of the same outlet: the write is conditional on the
 * version it read, and it retries on a conflict.
 */
export async function putOutlet(outlet: Outlet): Promise<void> {
  for (let attempt = 0; attempt < maxPutAttempts; attempt += 1) {
    const { Item: existing } = await documents.send(
      new GetCommand({
        TableName: tableName,
        Key: outletKey(outlet.id),
        ConsistentRead: true,
        ProjectionExpression: '#version, geoCell, geoKey, history',
        ExpressionAttributeNames: { '#version': 'version' },
      }),
    );
    const currentVersion = typeof existing?.version === 'number' ? existing.version : undefined;
    try {
      await writeCounted(storedPlacement(existing), placementOf(outlet), () =>
        documents.send(
          new PutCommand({
            TableName: tableName,
            Item: outletItem(outlet, (currentVersion ?? 0) + 1, new Date().toISOString(), existing ? historyFromItem(existing) : []),
            ...(existing
              ? {
                  ConditionExpression: currentVersion === undefined ? 'attribute_not_exists(#version)' : '#version = :expected',
                  ExpressionAttributeNames: { '#version': 'version' },
                  ...(currentVersion === undefined ? {} : { ExpressionAttributeValues: { ':expected': currentVersion } }),
                }
              : { ConditionExpression: 'attribute_not_exists(pk)' }),
          }),
        ),
      );
      return;
    } catch (error) {
      // After a failed condition, read again.
      if (!isConditionalCheckFailure(error)) throw error;
    }
  }
  throw conflict('The outlet was changed by someone else at the same time. Please try again.');
}

/**
 * Publishes a new listing with its first history entry, unless a listing with its id exists already
 * (then nothing is written): safe to repeat, as finishing an approval does. Counted into its geo
 * cell as every write is.
 */
export async function createOutlet(outlet: Outlet, entry: ChangeEntry): Promise<'created' | 'exists'> {
  try {
    await writeCounted(null, placementOf(outlet), () =>
      documents.send(
        new PutCommand({ TableName: tableName, Item: outletItem(outlet, 1, entry.at, [entry]), ConditionExpression: 'attribute_not_exists(pk)' }),
      ),
    );
    return 'created';
  } catch (error) {
    if (isConditionalCheckFailure(error)) return 'exists';
    throw error;
  }
}

/** An outlet with its version, last change and recent history; null if there is none (or it is malformed). */
export async function getStoredOutlet(id: string, { consistent = false } = {}): Promise<StoredOutlet | null> {
  const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: outletKey(id), ConsistentRead: consistent }));
  return storedOutletFromItem(Item);
}

/** One outlet as the contract describes it, or null if there is none (a malformed item counts as none). */
export async function getOutlet(id: string): Promise<Outlet | null> {
  return (await getStoredOutlet(id))?.outlet ?? null;
}

/** The local authority of an outlet, read consistently; null if it has none or does not exist. */
export async function outletAreaOf(id: string): Promise<string | null> {
  // Asked before the handler checks its path (access is decided first): an id that is not an
  // outlet id names no outlet, and one too long for a key would make DynamoDB refuse the read.
  if (!outletIdSchema.safeParse(id).success) return null;
  const { Item } = await documents.send(
    new GetCommand({ TableName: tableName, Key: outletKey(id), ConsistentRead: true, ProjectionExpression: 'localAuthorityCode' }),
  );
  return typeof Item?.localAuthorityCode === 'string' ? Item.localAuthorityCode : null;
}

/** Stored outlets by id, in the order asked; ids with no (or a malformed) outlet are left out. */
export async function getStoredOutlets(ids: readonly string[], { consistent = false } = {}): Promise<StoredOutlet[]> {
  const { items } = await batchGet(ids.map(outletKey), { consistentRead: consistent });
  const byId = new Map(items.flatMap((item) => {
    const stored = storedOutletFromItem(item);
    return stored ? [[stored.outlet.id, stored] as const] : [];
  }));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * The UpdateItem input that turns `current` into `next` with `history`, conditional on the
 * version. Pure. Sets only the listing fields that differ, and the index attributes only when the
 * placement changes, so an edit that leaves the search's fields alone never touches the index; the
 * same for the readiness index and the listing's basis.
 */
export function listingUpdateInput(
  current: StoredOutlet,
  next: Outlet,
  history: ChangeEntry[],
  updatedAt: string,
) {
  const names: Record<string, string> = { '#version': 'version', '#updatedAt': 'updatedAt', '#history': 'history' };
  const values: Record<string, unknown> = {
    ':expected': current.version,
    ':version': current.version + 1,
    ':updatedAt': updatedAt,
    ':history': history,
  };
  const sets = ['#version = :version', '#updatedAt = :updatedAt', '#history = :history'];
  const removes: string[] = [];
  let index = 0;
  const set = (attribute: string, value: unknown) => {
    index += 1;
    names[`#f${index}`] = attribute;
    values[`:f${index}`] = value;
    sets.push(`#f${index} = :f${index}`);
  };
  for (const field of Object.keys(next) as (keyof Outlet)[]) {
    if (JSON.stringify(next[field]) !== JSON.stringify(current.outlet[field])) set(field, next[field]);
  }
  const to = placementOf(next);
  if (to?.geoKey !== current.placement?.geoKey) {
    if (to) {
      set('geoCell', to.geoCell);
      set('geoKey', to.geoKey);
    } else {
      removes.push('geoCell', 'geoKey');
    }
  }
  // The open data index's keys, set on every change while listed (which also gives them to a listing
  // stored before the index existed) and removed when it is withdrawn.
  const published = publishedIndexKeysOf(next);
  if (published) {
    for (const [attribute, value] of Object.entries(published)) set(attribute, value);
  } else {
    removes.push(publishedIndex.partitionKey, publishedIndex.sortKey);
  }
  if (next.localAuthorityCode !== current.outlet.localAuthorityCode) {
    const { areaKey, areaSort } = areaKeysOf(next);
    if (areaKey && areaSort) {
      set('areaKey', areaKey);
      set('areaSort', areaSort);
    } else {
      removes.push('areaKey', 'areaSort');
    }
  }
  // The readiness index moves only when the basis or withdrawal changes: a confirmation starts
  // the reminders afresh, while an edit leaves wherever the readiness job had got to.
  const readinessBefore = readinessIndexAttributes(current.outlet);
  const readinessAfter = readinessIndexAttributes(next);
  if (JSON.stringify(readinessAfter) !== JSON.stringify(readinessBefore)) {
    if (readinessAfter) for (const [attribute, value] of Object.entries(readinessAfter)) set(attribute, value);
    else removes.push(readinessIndex.partitionKey, readinessIndex.sortKey);
  }
  return {
    TableName: tableName,
    Key: outletKey(next.id),
    UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
    ConditionExpression: '#version = :expected',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/**
 * Writes a change to a listing in one conditional update: the new fields, the version and the
 * history with `entry` added; entries pushed out of the recent history are archived first. Throws
 * `precondition_failed` if the stored version is no longer `current.version`.
 */
export async function writeListingChange(current: StoredOutlet, next: Outlet, entry: ChangeEntry): Promise<StoredOutlet> {
  const { recent, evicted } = boundHistory(current.history, entry);
  await archiveChanges(next.id, evicted);
  const to = placementOf(next);
  try {
    await writeCounted(current.placement, to, () => documents.send(new UpdateCommand(listingUpdateInput(current, next, recent, entry.at))));
  } catch (error) {
    if (isConditionalCheckFailure(error)) throw preconditionFailed('The listing has changed since it was read');
    throw error;
  }
  return { outlet: next, version: current.version + 1, updatedAt: entry.at, history: recent, placement: to };
}

/** The portal's listing store: consistent reads, and changes written with their history. */
export const listingStore: ListingStore<StoredOutlet> = {
  read: (id) => getStoredOutlet(id, { consistent: true }),
  write: writeListingChange,
};

/** Writes and reads in flight at once during bulk loads. */
const bulkConcurrency = 4;

/** Which of these outlet ids are stored already. */
async function storedOutletIds(ids: string[]): Promise<Set<string>> {
  const { items } = await batchGet(ids.map(outletKey), { projection: 'id', concurrency: bulkConcurrency });
  return new Set(items.flatMap((item) => (typeof item.id === 'string' ? [item.id] : [])));
}

/**
 * Creates or replaces many outlets (seeding, imports). Outlets already stored go through
 * `putOutlet` one by one. New ones are counted in first (one `ADD` per cell), then written in
 * unconditional batches, which keeps the never-under-count rule; so do not run this while
 * something else creates the same outlets. Later duplicates of an id in `outlets` win.
 */
export async function putOutlets(outlets: Outlet[]): Promise<void> {
  const byId = new Map(outlets.map((outlet) => [outlet.id, outlet]));
  const stored = await storedOutletIds([...byId.keys()]);
  const fresh = [...byId.values()].filter((outlet) => !stored.has(outlet.id));
  const replaced = [...byId.values()].filter((outlet) => stored.has(outlet.id));

  await countInBulk(fresh.flatMap((outlet) => childOf(placementOf(outlet)) ?? []));
  const updatedAt = new Date().toISOString();
  await batchWrite(
    fresh.map((outlet) => ({ put: outletItem(outlet, 1, updatedAt) })),
    { concurrency: bulkConcurrency },
  );
  await forEachLimited(replaced, bulkConcurrency, putOutlet);
}
