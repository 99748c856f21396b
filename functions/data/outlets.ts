/**
 * Outlet items and the geo occupancy counters that keep the nearest search exact.
 *
 * An outlet item holds the contract's fields at the top level plus storage attributes: keys,
 * `version` (optimistic concurrency), `updatedAt`, and, only while the outlet is published
 * (status `active`), `geoCell`/`geoKey`, which put it in the sparse `geo` index.
 *
 * Counters: `GEOCOUNT#<cell>` items count the published outlets per 4-character cell (`total`) and
 * per 5-character child (`c_<char>`). They may over-count but must never under-count, because the
 * search skips a cell or child whose count is 0. So a write increments the counter of the cell an
 * outlet enters BEFORE the outlet item is written, and decrements the cell it left AFTER: a crash
 * in between leaves an over-count (a wasted read later), never a hidden outlet. Every write is a
 * single-item conditional write or an `ADD`: the embedded engine has no transactions.
 */
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type Outlet, outletSchema } from '../contract/outlet.js';
import { encodeGeohash } from '../core/geohash.js';
import { conflict } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { documents, tableName } from './client.js';
import { outletKey } from './keys.js';
import { geoCellPrecision, geoChildPrecision, geoKeyPrecision } from './table-schema.js';

/** The key of a cell's occupancy counter item. */
export const geoCountKey = (cell: string) => ({ pk: `GEOCOUNT#${cell}`, sk: 'GEOCOUNT' });

/** Attribute of a counter item holding the count of one child cell. */
export const geoChildCountAttribute = (childChar: string) => `c_${childChar}`;

/** Attribute of a counter item holding the cell's total. */
export const geoTotalCountAttribute = 'total';

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

/** Adds `delta` to the counts of `child`, and to its cell's total when `withTotal`. */
async function addToCount(child: string, delta: number, withTotal: boolean): Promise<void> {
  const cell = child.slice(0, geoCellPrecision);
  const childChar = child.slice(geoCellPrecision);
  await documents.send(
    new UpdateCommand({
      TableName: tableName,
      Key: geoCountKey(cell),
      UpdateExpression: withTotal ? 'ADD #child :delta, #total :delta' : 'ADD #child :delta',
      ExpressionAttributeNames: {
        '#child': geoChildCountAttribute(childChar),
        ...(withTotal ? { '#total': geoTotalCountAttribute } : {}),
      },
      ExpressionAttributeValues: { ':delta': delta },
    }),
  );
}

const sameCell = (a: GeoPlacement, b: GeoPlacement) => a.geoCell === b.geoCell;

/** Counts an outlet into `to` before it moves there from `from` (either may be null). */
async function countIn(from: GeoPlacement | null, to: GeoPlacement | null, delta: 1 | -1): Promise<void> {
  if (!to || (from && from.child === to.child)) return;
  await addToCount(to.child, delta, !(from && sameCell(from, to)));
}

/** Counts an outlet out of `from` after it moved to `to`. */
async function countOut(from: GeoPlacement | null, to: GeoPlacement | null): Promise<void> {
  if (!from || (to && from.child === to.child)) return;
  await addToCount(from.child, -1, !(to && sameCell(from, to)));
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

    await countIn(from, to, 1);
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
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // Our item never entered the cell: take back our own increment, then read again.
      await countIn(from, to, -1);
      continue;
    }
    await countOut(from, to);
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

const batchGetLimit = 100;
const batchWriteLimit = 25;
const batchConcurrency = 4;

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function existingIds(ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  await forEachLimited(chunks(ids, batchGetLimit), batchConcurrency, async (chunk) => {
    let keys: Record<string, unknown>[] | undefined = chunk.map((id) => outletKey(id));
    while (keys && keys.length > 0) {
      const response: BatchGetCommandOutput = await documents.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ProjectionExpression: 'id' } } }),
      );
      for (const item of response.Responses?.[tableName] ?? []) if (typeof item.id === 'string') found.add(item.id);
      keys = response.UnprocessedKeys?.[tableName]?.Keys;
    }
  });
  return found;
}

/**
 * Creates or replaces many outlets (seeding, imports). Outlets already stored go through
 * `putOutlet` one by one; new ones are written in batches of 25 after their counters are
 * incremented in one `ADD` per cell, which keeps the over-count rule. The batches are not
 * conditional, so do not run this while something else creates the same outlets. Later
 * duplicates of an id in `outlets` win.
 */
export async function putOutlets(outlets: Outlet[]): Promise<void> {
  const byId = new Map(outlets.map((outlet) => [outlet.id, outlet]));
  const stored = await existingIds([...byId.keys()]);
  const fresh = [...byId.values()].filter((outlet) => !stored.has(outlet.id));

  const counts = new Map<string, Map<string, number>>();
  for (const outlet of fresh) {
    const placement = placementOf(outlet);
    if (!placement) continue;
    const children = counts.get(placement.geoCell) ?? new Map<string, number>();
    const childChar = placement.child.slice(geoCellPrecision);
    children.set(childChar, (children.get(childChar) ?? 0) + 1);
    counts.set(placement.geoCell, children);
  }
  await forEachLimited([...counts], batchConcurrency, async ([cell, children]) => {
    const names: Record<string, string> = { '#total': geoTotalCountAttribute };
    const values: Record<string, number> = {};
    const adds = ['#total :total'];
    let total = 0;
    for (const [childChar, count] of children) {
      names[`#c${childChar}`] = geoChildCountAttribute(childChar);
      values[`:c${childChar}`] = count;
      adds.push(`#c${childChar} :c${childChar}`);
      total += count;
    }
    values[':total'] = total;
    await documents.send(
      new UpdateCommand({
        TableName: tableName,
        Key: geoCountKey(cell),
        UpdateExpression: `ADD ${adds.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  });

  const updatedAt = new Date().toISOString();
  await forEachLimited(chunks(fresh, batchWriteLimit), batchConcurrency, async (chunk) => {
    let requests: Record<string, unknown>[] | undefined = chunk.map((outlet) => ({
      PutRequest: { Item: outletItem(outlet, 1, updatedAt) },
    }));
    while (requests && requests.length > 0) {
      const response: BatchWriteCommandOutput = await documents.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = response.UnprocessedItems?.[tableName];
    }
  });

  await forEachLimited([...byId.values()].filter((outlet) => stored.has(outlet.id)), batchConcurrency, putOutlet);
}
