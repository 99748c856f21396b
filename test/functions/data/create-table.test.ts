import type { TableDescription } from '@aws-sdk/client-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { documents, tableName } from '../../../functions/data/client.js';
import { createTableInput, ensureTable } from '../../../functions/data/create-table.js';
import { readinessIndex } from '../../../functions/data/table-schema.js';

describe('ensureTable', () => {
  it('creates the table with its indexes once, then leaves it alone', async () => {
    // Act
    const first = await ensureTable();
    const second = await ensureTable();

    // Assess
    expect([first, second]).toEqual([true, false]);
    const { Table } = await documents.sendAsIs<{ Table?: TableDescription }>('DescribeTable', { TableName: tableName });
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(['area', 'geo', 'published', 'readiness']);
    expect(Table?.GlobalSecondaryIndexes?.find((index) => index.IndexName === 'readiness')?.Projection?.ProjectionType).toBe('KEYS_ONLY');
  });

  it('refuses a local table made before readiness reminders, which the embedded engine cannot give an index', async () => {
    // Prepare: the table as the previous version made it, without the readiness index.
    const input = createTableInput(tableName);
    const older = `${tableName}-older`;
    await documents.sendAsIs('CreateTable', {
      ...input,
      TableName: older,
      AttributeDefinitions: input.AttributeDefinitions.filter(
        (definition) => definition.AttributeName !== readinessIndex.partitionKey && definition.AttributeName !== readinessIndex.sortKey,
      ),
      GlobalSecondaryIndexes: input.GlobalSecondaryIndexes.filter((index) => index.IndexName !== readinessIndex.name),
    });
    const previous = process.env.TABLE_NAME;
    process.env.TABLE_NAME = older;
    // Loaded afresh, as a process started on the older table would load it.
    vi.resetModules();
    const fresh = await import('../../../functions/data/create-table.js');

    // Act
    const outcome = await fresh.ensureTable().catch((error: unknown) => error);
    process.env.TABLE_NAME = previous;

    // Assess
    expect(outcome).toBeInstanceOf(fresh.TableShapeError);
    expect(String(outcome)).toMatch(/its indexes have another shape.*npm run reset/);
  });
});
