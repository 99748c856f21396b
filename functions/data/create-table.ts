/**
 * Creates the table on the embedded engine (local runtime and tests), idempotently.
 * On AWS the CDK stack owns the table; this is never called there.
 */
import { CreateTableCommand, DescribeTableCommand, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { dynamodb, tableName } from './client.js';
import { geoIndex, tableKeys } from './table-schema.js';

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
        Projection: { ProjectionType: 'ALL' as const },
      },
    ],
  };
}

/** Creates the configured table if it does not exist and waits until it is active. Returns true if it created it. */
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
    if (Table?.TableStatus === 'ACTIVE' && indexesActive) return created;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Table ${tableName} did not become active`);
}
