/**
 * Creates the table on the embedded engine (local runtime and tests), idempotently.
 * On AWS the CDK stack owns the table; this is never called there.
 */
import type { TableDescription } from '@aws-sdk/client-dynamodb';
import { AwsServiceError } from '../shared/aws-request.js';
import { documents, tableName } from './client.js';
import { secondaryIndexes, tableKeys } from './table-schema.js';

/** The CreateTable input, built from the shared table shape. */
export function createTableInput(name: string) {
  const keyAttributes = [tableKeys.partitionKey, tableKeys.sortKey, ...secondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey])];
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...new Set(keyAttributes)].map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: tableKeys.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: tableKeys.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: secondaryIndexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      // An index that copies nothing (the readiness index) projects its keys only.
      Projection:
        index.projectedAttributes.length > 0
          ? { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...index.projectedAttributes] }
          : { ProjectionType: 'KEYS_ONLY' as const },
    })),
  };
}

/** Raised when a table kept from an older version of the finder has another shape than this one expects. */
export class TableShapeError extends Error {
  override name = 'TableShapeError';
}

/**
 * Creates the configured table if it does not exist and waits until it is active. Returns true if
 * it created it. Throws a `TableShapeError` when an existing table's indexes are not this version's:
 * the embedded engine cannot change an index in place.
 */
export async function ensureTable(): Promise<boolean> {
  let created = false;
  try {
    await documents.sendAsIs('CreateTable', createTableInput(tableName));
    created = true;
  } catch (error) {
    if (!(error instanceof AwsServiceError && error.name === 'ResourceInUseException')) throw error;
  }
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const { Table } = await documents.sendAsIs<{ Table?: TableDescription }>('DescribeTable', { TableName: tableName });
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
    if (Table?.TableStatus === 'ACTIVE' && indexesActive) {
      checkIndexShapes(Table.GlobalSecondaryIndexes ?? []);
      return created;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Table ${tableName} did not become active`);
}

const shapeOf = (index: { IndexName?: string; Projection?: { ProjectionType?: string; NonKeyAttributes?: string[] } }) =>
  `${index.IndexName}:${index.Projection?.ProjectionType}:${[...(index.Projection?.NonKeyAttributes ?? [])].sort().join(',')}`;

function checkIndexShapes(indexes: { IndexName?: string; Projection?: { ProjectionType?: string; NonKeyAttributes?: string[] } }[]): void {
  const have = indexes.map(shapeOf).sort();
  const want = createTableInput(tableName).GlobalSecondaryIndexes.map(shapeOf).sort();
  if (have.join('|') !== want.join('|')) {
    throw new TableShapeError(
      `The table ${tableName} was made by an older version of the finder (its indexes have another shape). ` +
        'Start again with fresh local data: npm run reset (this forgets changes made locally).',
    );
  }
}
