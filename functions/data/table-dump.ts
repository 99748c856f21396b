/**
 * The whole table as DynamoDB JSON, item by item: read out, deleted, and written back. For the
 * restore drill (`scripts/restore-drill.ts`) on the embedded engine, never for the API. The low-level
 * client, not the document client, so that every type survives the round trip exactly (a number's
 * digits, a set, a binary value), as DynamoDB's own export to S3 keeps them.
 */
import { type AttributeValue, BatchWriteItemCommand, ScanCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import type { AttributeJson, ItemJson } from '../core/item-checksum.js';
import { BatchIncompleteError, sendInChunks } from './batch-retry.js';
import { BATCH_WRITE_LIMIT } from './batch-write.js';
import { tableName } from './client.js';
import { dynamodb } from './sdk-client.js';
import { tableKeys } from './table-schema.js';

/** Reads every item of the table, consistently, one Scan page after another, handing each to `onItem`. */
export async function forEachItem(onItem: (item: ItemJson) => Promise<void> | void): Promise<void> {
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamodb.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) await onItem(itemToJson(item));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** Deletes every item of the table (keys read first, then deleted 25 a call); returns how many. */
export async function deleteEveryItem(): Promise<number> {
  const keys: WriteRequest[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamodb.send(
      new ScanCommand({
        TableName: tableName,
        ConsistentRead: true,
        ProjectionExpression: '#pk, #sk',
        ExpressionAttributeNames: { '#pk': tableKeys.partitionKey, '#sk': tableKeys.sortKey },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const key of page.Items ?? []) keys.push({ DeleteRequest: { Key: key } });
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  await writeRequests(keys);
  return keys.length;
}

/** Puts the items, 25 a call, retrying what DynamoDB leaves unprocessed; returns how many. */
export async function putEveryItem(items: readonly ItemJson[]): Promise<number> {
  await writeRequests(items.map((item) => ({ PutRequest: { Item: itemFromJson(item) } })));
  return items.length;
}

async function writeRequests(requests: readonly WriteRequest[]): Promise<void> {
  await sendInChunks(
    requests,
    BATCH_WRITE_LIMIT,
    { concurrency: 4 },
    async (chunk) => {
      const output = await dynamodb.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: chunk } }));
      return output.UnprocessedItems?.[tableName] ?? [];
    },
    (unprocessed, attempts) => new BatchIncompleteError('BatchWriteItem', unprocessed, attempts, tableName),
  );
}

/** An item as JSON: binary values (Uint8Array) as base64, the rest as DynamoDB gives it. */
export function itemToJson(item: Record<string, AttributeValue>): ItemJson {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, valueToJson(value)]));
}

/** The inverse of `itemToJson`. */
export function itemFromJson(item: ItemJson): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, valueFromJson(value)]));
}

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const bytesOf = (text: unknown): Uint8Array => new Uint8Array(Buffer.from(String(text), 'base64'));

function valueToJson(value: AttributeValue): AttributeJson {
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.M !== undefined) return { M: itemToJson(value.M) };
  if (value.L !== undefined) return { L: value.L.map(valueToJson) };
  // S, N, BOOL, NULL, SS, NS: JSON already. `$unknown` (a type newer than the SDK) fails below.
  const [type, inner] = Object.entries(value).find(([, v]) => v !== undefined) ?? [];
  if (type === undefined || type === '$unknown') throw new Error(`An attribute of a type the drill does not know: ${JSON.stringify(value)}`);
  return { [type]: inner };
}

/** Checks each value as it goes: the file is read back from disk, where anything may have happened to it. */
function valueFromJson(value: AttributeJson): AttributeValue {
  const entries = Object.entries(value);
  const [type, inner] = entries[0] ?? [];
  const isStrings = (list: unknown): list is string[] => Array.isArray(list) && list.every((member) => typeof member === 'string');
  if (entries.length === 1) {
    if ((type === 'S' || type === 'N') && typeof inner === 'string') return type === 'S' ? { S: inner } : { N: inner };
    if (type === 'BOOL' && typeof inner === 'boolean') return { BOOL: inner };
    if (type === 'NULL' && inner === true) return { NULL: true };
    if ((type === 'SS' || type === 'NS') && isStrings(inner)) return type === 'SS' ? { SS: inner } : { NS: inner };
    if (type === 'B' && typeof inner === 'string') return { B: bytesOf(inner) };
    if (type === 'BS' && isStrings(inner)) return { BS: inner.map(bytesOf) };
    if (type === 'M' && inner !== null && typeof inner === 'object' && !Array.isArray(inner)) return { M: itemFromJson(inner as ItemJson) };
    if (type === 'L' && Array.isArray(inner)) return { L: (inner as AttributeJson[]).map(valueFromJson) };
  }
  throw new Error(`Not an attribute value in DynamoDB JSON: ${JSON.stringify(value).slice(0, 200)}`);
}
