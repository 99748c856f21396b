/**
 * Stock batches, one item each in the outlet's partition, keyed by expiry date so they read in
 * the order they run out.
 */
import { PutCommand } from './dynamodb-documents.js';
import { type StoredBatch, storedBatchSchema } from '../contract/batches.js';
import { documents, tableName } from './client.js';
import { areaIndexKeys, batchKey, batchSortPrefix, outletKey } from './keys.js';
import { parsedItems, queryItems } from './query-pages.js';

/** The item for a batch, keyed in the `area` index under the outlet's local authority when known. Pure. */
export function batchItem(outletId: string, batch: StoredBatch, area: string | null): Record<string, unknown> {
  return {
    ...batchKey(outletId, batch.expiresOn, batch.id),
    entity: 'batch',
    outletId,
    ...batch,
    ...(area ? areaIndexKeys(area, 'batch', `${batch.expiresOn}#${outletId}#${batch.id}`) : {}),
  };
}

/** Stores a new batch; a repeated id fails rather than overwrites. */
export async function putBatch(outletId: string, batch: StoredBatch, area: string | null): Promise<void> {
  await documents.send(
    new PutCommand({ TableName: tableName, Item: batchItem(outletId, batch, area), ConditionExpression: 'attribute_not_exists(pk)' }),
  );
}

/** Every batch an outlet has recorded. */
export async function listBatches(outletId: string): Promise<StoredBatch[]> {
  const items = await queryItems({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': outletKey(outletId).pk, ':prefix': batchSortPrefix },
  });
  return parsedItems(items, (item) => storedBatchSchema.safeParse(item));
}
