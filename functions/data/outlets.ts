/**
 * Outlet items: the contract's fields at the top level plus storage attributes: keys, `version`
 * (optimistic concurrency), `updatedAt`, and, only while the outlet is published (status `active`),
 * `geoCell`/`geoKey`, which put it in the sparse `geo` index.
 *
 * Every write keeps the geo occupancy counters (`geo-counters.ts`) from under-counting: it counts
 * the outlet into its new cell before the item is written and out of its old cell after, and takes
 * an increment back only when the service proved the write was not applied. Every write is a
 * single-item conditional write or an `ADD`: the embedded engine has no transactions.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { type Outlet, outletSchema } from '../contract/outlet.js';
import { encodeGeohash } from '../core/geohash.js';
import { conflict } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { batchGet } from './batch-get.js';
import { forEachLimited } from './batch-retry.js';
import { batchWrite } from './batch-write.js';
import { documents, tableName } from './client.js';
import { countIn, countInBulk, countOut, undoCountIn } from './geo-counters.js';
import { outletKey } from './keys.js';
import { geoCellPrecision, geoChildPrecision, geoKeyPrecision } from './table-schema.js';

/** Where a published outlet sits: its counted cell and child, and its index attributes. */
interface GeoPlacement {
  geoCell: string;
  geoKey: string;
  /** The 5-character child cell: what the counters count. */
  child: string;
}

/** An outlet as stored, with the storage attributes the contract does not carry. */
export interface StoredOutlet {
  outlet: Outlet;
  version: number;
  updatedAt: string;
}

/** Published outlets (status `active`) are in the geo index; others are not found by the search. */
export function isPublished(outlet: Outlet): boolean {
  return outlet.status === 'active';
}

function placementOf(outlet: Outlet): GeoPlacement | null {
  if (!isPublished(outlet)) return null;
  const hash = encodeGeohash(outlet.location, geoKeyPrecision);
  return {
    geoCell: hash.slice(0, geoCellPrecision),
    geoKey: `${hash}#${outlet.id}`,
    child: hash.slice(0, geoChildPrecision),
  };
}

/** The placement recorded on a stored item, read back from its index attributes. */
function storedPlacement(item: Record<string, unknown> | undefined): GeoPlacement | null {
  if (!item || typeof item.geoCell !== 'string' || typeof item.geoKey !== 'string') return null;
  return { geoCell: item.geoCell, geoKey: item.geoKey, child: item.geoKey.slice(0, geoChildPrecision) };
}

/** The item for an outlet at a version. Pure: builds what `putOutlet` writes. */
export function outletItem(outlet: Outlet, version: number, updatedAt: string): Record<string, unknown> {
  const placement = placementOf(outlet);
  return {
    ...outlet,
    ...outletKey(outlet.id),
    entity: 'outlet',
    version,
    updatedAt,
    ...(placement ? { geoCell: placement.geoCell, geoKey: placement.geoKey } : {}),
  };
}

/**
 * The contract's outlet from a stored item, stripped of storage attributes; null (and an error
 * in the log naming the fields, never their values) if the item breaks the contract, so one bad
 * item is left out of answers instead of failing them.
 */
export function outletFromItem(item: Record<string, unknown>): Outlet | null {
  const parsed = outletSchema.safeParse(item);
  if (parsed.success) return parsed.data;
  logger.error('Stored outlet breaks the contract; leaving it out', {
    pk: typeof item.pk === 'string' ? item.pk : '(no key)',
    fields: parsed.error.issues.map((issue) => issue.path.join('.')).slice(0, 10),
  });
  return null;
}

/** The counted child cell (5-character geohash) of a placement, or null when unpublished. */
const childOf = (placement: GeoPlacement | null) => placement?.child ?? null;

/**
 * True only when the error proves the Put was not applied: the service answered it with a client
 * fault (4xx: condition failed, validation, item too large, throttling…) on the first and only
 * attempt. A network error, a timeout or a 5xx leaves it open (the write may have landed), and so
 * does an answer after the SDK's own retries: an earlier attempt may have been applied, and a
 * conditional retry of an applied write fails its condition.
 */
function provesNotApplied(error: unknown): boolean {
  if (!(error instanceof DynamoDBServiceException)) return false;
  const status = error.$metadata?.httpStatusCode;
  const clientFault = error.$fault === 'client' && (status === undefined || (status >= 400 && status < 500));
  return clientFault && (error.$metadata?.attempts ?? 1) <= 1;
}

/** How often `putOutlet` retries when another write got in between its read and its write. */
const maxPutAttempts = 5;

/**
 * Creates or replaces an outlet. Sets `version` (1, then one more per write) and `updatedAt`, and
 * the geo index attributes only while it is published. Safe against concurrent writes of the same
 * outlet: the write is conditional on the version it read, and it retries on a conflict.
 */
export async function putOutlet(outlet: Outlet): Promise<void> {
  for (let attempt = 0; attempt < maxPutAttempts; attempt += 1) {
    const { Item: existing } = await documents.send(
      new GetCommand({
        TableName: tableName,
        Key: outletKey(outlet.id),
        ConsistentRead: true,
        ProjectionExpression: '#version, geoCell, geoKey',
        ExpressionAttributeNames: { '#version': 'version' },
      }),
    );
    const from = storedPlacement(existing);
    const to = placementOf(outlet);
    const currentVersion = typeof existing?.version === 'number' ? existing.version : undefined;

    await countIn(childOf(from), childOf(to));
    try {
      await documents.send(
        new PutCommand({
          TableName: tableName,
          Item: outletItem(outlet, (currentVersion ?? 0) + 1, new Date().toISOString()),
          ...(existing
            ? {
                ConditionExpression: currentVersion === undefined ? 'attribute_not_exists(#version)' : '#version = :expected',
                ExpressionAttributeNames: { '#version': 'version' },
                ...(currentVersion === undefined ? {} : { ExpressionAttributeValues: { ':expected': currentVersion } }),
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        }),
      );
    } catch (error) {
      // Take our increment back only when the item is proved not to have entered the cell; when
      // it may have, the over-count is the safe side. After a failed condition, read again.
      if (provesNotApplied(error)) await undoCountIn(childOf(from), childOf(to));
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      continue;
    }
    await countOut(childOf(from), childOf(to));
    return;
  }
  throw conflict('The outlet was changed by someone else at the same time. Please try again.');
}

/** An outlet with its version and last update, or null if there is none (or it is malformed). */
export async function getStoredOutlet(id: string): Promise<StoredOutlet | null> {
  const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: outletKey(id) }));
  if (!Item) return null;
  const outlet = outletFromItem(Item);
  if (!outlet) return null;
  return {
    outlet,
    version: typeof Item.version === 'number' ? Item.version : 0,
    updatedAt: typeof Item.updatedAt === 'string' ? Item.updatedAt : '',
  };
}

/** One outlet as the contract describes it, or null if there is none (a malformed item counts as none). */
export async function getOutlet(id: string): Promise<Outlet | null> {
  return (await getStoredOutlet(id))?.outlet ?? null;
}

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
