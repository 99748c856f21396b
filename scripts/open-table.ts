/**
 * Points the data layer at the table a maintenance command works on: the one named (`--table`, on
 * AWS or at `--endpoint`), or else the local finder's data, opened here in the embedded engine.
 * Call it before importing the data layer, which reads its configuration when it loads.
 */
import { fileURLToPath } from 'node:url';
import { type EmbeddedDynamoDb, localTableName, startEmbeddedDynamoDb } from '../local/embedded-dynamodb.js';

/** The table's name, and the local engine opened for the command (close it at the end) when no table was named. */
export async function openTableForCommand(options: {
  table?: string | undefined;
  endpoint?: string | undefined;
  dataDir?: string | undefined;
}): Promise<{ table: string; localEngine: EmbeddedDynamoDb | undefined }> {
  if (options.table) process.env.TABLE_NAME = options.table;
  if (options.endpoint) process.env.DYNAMODB_ENDPOINT = options.endpoint;
  process.env.LOG_LEVEL ??= 'WARN';
  if (process.env.TABLE_NAME) return { table: process.env.TABLE_NAME, localEngine: undefined };
  const dataDir = options.dataDir ?? fileURLToPath(new URL('../.local/dynamodb', import.meta.url));
  let engine: EmbeddedDynamoDb;
  try {
    engine = await startEmbeddedDynamoDb({ path: dataDir });
  } catch (error) {
    console.error(`Could not open the local data in ${dataDir} (${(error as Error).message}). Is npm start running? Stop it first.`);
    process.exit(2);
  }
  process.env.DYNAMODB_ENDPOINT = engine.endpoint;
  process.env.TABLE_NAME = localTableName;
  const { ensureTable } = await import('../functions/data/create-table.js');
  await ensureTable();
  return { table: localTableName, localEngine: engine };
}
