/**
 * Creates the table on the embedded engine (local runtime and tests), idempotently.
 * On AWS the CDK stack owns the table; this is never called there.
 */
import { CreateTableCommand, DescribeTableCommand, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { dynamodb, tableName } from './client.js';
import { geoIndex, readinessIndex, tableKeys } from './table-schema.js';

/** The CreateTable input, built from the shared table shape. */
export function createTableInput(name: string) {
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [
      { AttributeName: tableKeys.partitionKey, AttributeType: 'S' as const },
      { AttributeName: tableKeys.sortKey, AttributeType: 'S' as const },
      { AttributeName: geoIndex.partitionKey, AttributeType: 'S' as const },
      { AttributeName: geoIndex.sortKey, AttributeType: 'S' as const },
      { AttributeName: readinessIndex.partitionKey, AttributeType: 'S' as const },
      { AttributeName: readinessIndex.sortKey, AttributeType: 'S' as const },
    ],
    KeySchema: [
      { AttributeName: tableKeys.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: tableKeys.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: geoIndex.name,
        KeySchema: [
          { AttributeName: geoIndex.partitionKey, KeyType: 'HASH' as const },
          { AttributeName: geoIndex.sortKey, KeyType: 'RANGE' as const },
        ],
        Projection: { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...geoIndex.projectedAttributes] },
      },
      {
        IndexName: readinessIndex.name,
        KeySchema: [
          { AttributeName: readinessIndex.partitionKey, KeyType: 'HASH' as const },
          { AttributeName: readinessIndex.sortKey, KeyType: 'RANGE' as const },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' as const },
      },
    ],
  };
}

/** Raised when a table kept from an older version of the finder has another shape than this one expects. */
export class TableShapeError extends Error {
  override name = 'TableShapeError';
}

/**
 * Creates the configured table if it does not exist and waits until it is active. Returns true if
 * it created it. Throws a `TableShapeError` when an existing table's index projects other fields
 * than this version's: the embedded engine cannot change an index in place.
 */
export async function ensureTable(): Promise<boolean> {
  let created = false;
  try {
    await dynamodb.send(new CreateTableCommand(createTableInput(tableName)));
    created = true;
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
    if (Table?.TableStatus === 'ACTIVE' && indexesActive) {
      checkIndexShape(Table.GlobalSecondaryIndexes ?? []);
      return created;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Table ${tableName} did not become active`);
}

function checkIndexShape(indexes: { IndexName?: string; Projection?: { ProjectionType?: string; NonKeyAttributes?: string[] } }[]): void {
  const geo = indexes.find((index) => index.IndexName === geoIndex.name);
  const want = [...geoIndex.projectedAttributes].sort().join(',');
  const have = [...(geo?.Projection?.NonKeyAttributes ?? [])].sort().join(',');
  if (geo?.Projection?.ProjectionType !== 'INCLUDE' || have !== want) {
    throw new TableShapeError(
      `The table ${tableName} was made by an older version of the finder (its "${geoIndex.name}" index projects other fields). ` +
        'Start again with fresh local data: npm run reset (this forgets changes made locally).',
    );
  }
  // The embedded engine cannot add an index to a table, so a table from before reminders cannot get one.
  if (!indexes.some((index) => index.IndexName === readinessIndex.name)) {
    throw new TableShapeError(
      `The table ${tableName} was made by an older version of the finder (it has no "${readinessIndex.name}" index for readiness reminders). ` +
        'Start again with fresh local data: npm run reset (this forgets changes made locally).',
    );
  }
}
