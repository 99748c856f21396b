/**
 * Gives the `published` index's keys to publicly listed outlets stored without them: every outlet of
 * a table deployed before the index existed. A one-off after the deploy that adds the index
 * (README, "Open data"), run by an operator: the only Scan of the table here, never run by the API.
 * Safe while the finder runs: each update only sets the two keys, and only while the listing is
 * still publicly listed, so a listing withdrawn meanwhile is left alone.
 */
import { UpdateCommand, isConditionalCheckFailure } from './dynamodb-documents.js';
import { type OutletStatus, outletIdSchema, outletStatusSchema } from '../contract/outlet.js';
import { forEachLimited } from './batch-retry.js';
import { documents, tableName } from './client.js';
import { outletKey } from './keys.js';
import { publishedIndexKeysOf } from './outlet-items.js';
import { publishedIndex } from './table-schema.js';
import { scanWholeTable } from './table-scan.js';

/** What a backfill did. */
export interface PublishedIndexBackfill {
  /** Outlets found without the index's keys. */
  missing: number;
  /** Of those, the publicly listed ones given them. */
  added: number;
}

const updateConcurrency = 4;

/** Adds the index's keys to every publicly listed outlet that lacks them. */
export async function backfillPublishedIndex(): Promise<PublishedIndexBackfill> {
  let missing = 0;
  let added = 0;
  await scanWholeTable(
    {
      filter: '#entity = :outlet AND attribute_not_exists(#published)',
      projection: '#id, #status',
      names: { '#entity': 'entity', '#published': publishedIndex.partitionKey, '#id': 'id', '#status': 'status' },
      values: { ':outlet': 'outlet' },
    },
    async (items) => {
      const outlets = items.flatMap((item) => {
        const id = outletIdSchema.safeParse(item.id);
        const status = outletStatusSchema.safeParse(item.status);
        return id.success && status.success ? [{ id: id.data, status: status.data }] : [];
      });
      missing += outlets.length;
      await forEachLimited(outlets, updateConcurrency, async (outlet) => {
        if (await publish(outlet)) added += 1;
      });
    },
  );
  return { missing, added };
}

/** Gives one outlet the index's keys, unless it is not publicly listed (or was withdrawn since the Scan read it). */
async function publish(outlet: { id: string; status: OutletStatus }): Promise<boolean> {
  const keys = publishedIndexKeysOf(outlet);
  if (!keys) return false;
  try {
    await documents.send(
      new UpdateCommand({
        TableName: tableName,
        Key: outletKey(outlet.id),
        UpdateExpression: 'SET #p = :p, #k = :k',
        ConditionExpression: 'attribute_exists(#id) AND #status <> :inactive',
        ExpressionAttributeNames: { '#p': publishedIndex.partitionKey, '#k': publishedIndex.sortKey, '#id': 'id', '#status': 'status' },
        ExpressionAttributeValues: { ':p': keys[publishedIndex.partitionKey], ':k': keys[publishedIndex.sortKey], ':inactive': 'inactive' },
      }),
    );
    return true;
  } catch (error) {
    // Withdrawn (or removed) since the Scan read it: it must not be published.
    if (isConditionalCheckFailure(error)) return false;
    throw error;
  }
}
