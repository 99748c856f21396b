import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamodb, tableName } from '../../../functions/data/client.js';
import { ensureTable } from '../../../functions/data/create-table.js';

describe('ensureTable', () => {
  it('creates the table with the geo and open data indexes once, then leaves it alone', async () => {
    // Act
    const first = await ensureTable();
    const second = await ensureTable();

    // Assess
    expect([first, second]).toEqual([true, false]);
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(['area', 'geo', 'published']);
  });
});
