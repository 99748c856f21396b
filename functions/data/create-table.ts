/**
 * Creates the table on the embedded engine (local runtime and tests), idempotently.
 * On AWS the CDK stack owns the table; this is never called there.
 */
import { CreateTableCommand, DescribeTableCommand, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { dynamodb, tableName } from './client.js';
import { geoIndex, publishedIndex, tableKeys } from './table-schema.js';

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
      { AttributeName: publishedIndex.partitionKey, AttributeType: 'S' as const },
      { AttributeName: publishedIndex.sortKey, AttributeType: 'S' as const },
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
        IndexName: publishedIndex.name,
        KeySchema: [
          { AttributeName: publishedIndex.partitionKey, KeyType: 'HASH' as const },
          { AttributeName: publishedIndex.sortKey, KeyType: 'RANGE' as const },
        ],
        Projection: { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...publishedIndex.projectedAttributes] },
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
 * it created it. Throws a `TableShapeError` when an existing table lacks one of this version's
 * indexes or one projects other fields: the embedded engine cannot add or change an index.
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

type IndexDescription = { IndexName?: string; Projection?: { ProjectionType?: string; NonKeyAttributes?: string[] } };

function checkIndexShape(indexes: IndexDescription[]): void {
  for (const wanted of [geoIndex, publishedIndex]) {
    const index = indexes.find((candidate) => candidate.IndexName === wanted.name);
    const want = [...wanted.projectedAttributes].sort().join(',');
    const have = [...(index?.Projection?.NonKeyAttributes ?? [])].sort().join(',');
    if (index?.Projection?.ProjectionType !== 'INCLUDE' || have !== want) {
      throw new TableShapeError(
        `The table ${tableName} was made by an older version of the finder (its "${wanted.name}" index is missing or projects other fields). ` +
          'Start again with fresh local data: npm run reset (this forgets changes made locally).',
      );
    }
  }
}
