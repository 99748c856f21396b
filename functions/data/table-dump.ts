/**
 * The whole table as DynamoDB JSON, item by item: read out, deleted, and written back. For the
 * restore drill (`scripts/restore-drill.ts`) on the embedded engine, never for the API. The
 * document client's as-is calls, not its document commands, so that every type survives the round
 * trip exactly (a number's digits, a set, a binary value in base64), as DynamoDB's own export to S3
 * keeps them: DynamoDB's JSON is the dump's format.
 */
import type { AttributeJson, ItemJson } from '../core/item-checksum.js';
import { BatchIncompleteError, sendInChunks } from './batch-retry.js';
import { BATCH_WRITE_LIMIT } from './batch-write.js';
import { documents, tableName } from './client.js';
import { tableKeys } from './table-schema.js';

type Key = ItemJson;
type WriteRequest = { PutRequest: { Item: ItemJson } } | { DeleteRequest: { Key: Key } };
interface ScanPage {
  Items?: ItemJson[];
  LastEvaluatedKey?: Key;
}

/** Reads every item of the table, consistently, one Scan page after another, handing each to `onItem`. */
export async function forEachItem(onItem: (item: ItemJson) => Promise<void> | void): Promise<void> {
  let startKey: Key | undefined;
  do {
    const page = await documents.sendAsIs<ScanPage>('Scan', { TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey });
    for (const item of page.Items ?? []) await onItem(item);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** Deletes every item of the table (keys read first, then deleted 25 a call); returns how many. */
export async function deleteEveryItem(): Promise<number> {
  const keys: WriteRequest[] = [];
  let startKey: Key | undefined;
  do {
    const page = await documents.sendAsIs<ScanPage>('Scan', {
      TableName: tableName,
      ConsistentRead: true,
      ProjectionExpression: '#pk, #sk',
      ExpressionAttributeNames: { '#pk': tableKeys.partitionKey, '#sk': tableKeys.sortKey },
      ExclusiveStartKey: startKey,
    });
    for (const key of page.Items ?? []) keys.push({ DeleteRequest: { Key: key } });
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  await writeRequests(keys);
  return keys.length;
}

/** Puts the items (each checked first), 25 a call, retrying what DynamoDB leaves unprocessed; returns how many. */
export async function putEveryItem(items: readonly ItemJson[]): Promise<number> {
  await writeRequests(items.map((item) => ({ PutRequest: { Item: checkedItem(item) } })));
  return items.length;
}

async function writeRequests(requests: readonly WriteRequest[]): Promise<void> {
  await sendInChunks(
    requests,
    BATCH_WRITE_LIMIT,
    { concurrency: 4 },
    async (chunk) => {
      const output = await documents.sendAsIs<{ UnprocessedItems?: Record<string, WriteRequest[]> }>('BatchWriteItem', { RequestItems: { [tableName]: chunk } });
      return output.UnprocessedItems?.[tableName] ?? [];
    },
    (unprocessed, attempts) => new BatchIncompleteError('BatchWriteItem', unprocessed, attempts, tableName),
  );
}

/**
 * The item if it is DynamoDB JSON, checked value by value (the file is read back from disk, where
 * anything may have happened to it); throws on anything else.
 */
export function checkedItem(item: ItemJson): ItemJson {
  for (const value of Object.values(item)) checkValue(value);
  return item;
}

const isBase64 = (text: string): boolean => /^[A-Za-z0-9+/]*={0,2}$/.test(text) && text.length % 4 === 0;

function checkValue(value: AttributeJson): void {
  const entries = Object.entries(value);
  const [type, inner] = entries[0] ?? [];
  const isStrings = (list: unknown): list is string[] => Array.isArray(list) && list.every((member) => typeof member === 'string');
  if (entries.length === 1) {
    if ((type === 'S' || type === 'N') && typeof inner === 'string') return;
    if (type === 'BOOL' && typeof inner === 'boolean') return;
    if (type === 'NULL' && inner === true) return;
    if ((type === 'SS' || type === 'NS') && isStrings(inner)) return;
    if (type === 'B' && typeof inner === 'string' && isBase64(inner)) return;
    if (type === 'BS' && isStrings(inner) && inner.every(isBase64)) return;
    if (type === 'M' && inner !== null && typeof inner === 'object' && !Array.isArray(inner)) return void checkedItem(inner as ItemJson);
    if (type === 'L' && Array.isArray(inner)) return (inner as AttributeJson[]).forEach(checkValue);
  }
  throw new Error(`Not an attribute value in DynamoDB JSON: ${JSON.stringify(value).slice(0, 200)}`);
}
