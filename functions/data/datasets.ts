/**
 * Records of datasets loaded into the table (the local demo data), written last so that an
 * interrupted load is simply run again.
 */
import { GetCommand, PutCommand } from './dynamodb-documents.js';
import { documents, tableName } from './client.js';
import { datasetKey } from './keys.js';

export interface DatasetRecord {
  name: string;
  loadedAt: string;
  counts: Record<string, number>;
}

export async function getDatasetRecord(name: string): Promise<DatasetRecord | null> {
  const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: datasetKey(name) }));
  if (!Item) return null;
  return { name, loadedAt: String(Item.loadedAt), counts: (Item.counts ?? {}) as Record<string, number> };
}

export async function putDatasetRecord(record: DatasetRecord): Promise<void> {
  await documents.send(new PutCommand({ TableName: tableName, Item: { ...datasetKey(record.name), ...record } }));
}
