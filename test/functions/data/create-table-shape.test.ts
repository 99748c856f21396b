/**
 * A local table kept from the version before the open data index: the embedded engine cannot add
 * an index, so starting on it stops with a message saying how to start again.
 */
import { describe, expect, it } from 'vitest';
import { documents, tableName } from '../../../functions/data/client.js';
import { TableShapeError, createTableInput, ensureTable } from '../../../functions/data/create-table.js';
import { publishedIndex } from '../../../functions/data/table-schema.js';

describe('ensureTable on a table without the open data index', () => {
  it('stops with a message that says how to start again', async () => {
    // Prepare: the table as the version before this one made it.
    const input = createTableInput(tableName);
    await documents.sendAsIs('CreateTable', {
      ...input,
      AttributeDefinitions: input.AttributeDefinitions.filter((definition) => !definition.AttributeName.startsWith('published')),
      GlobalSecondaryIndexes: input.GlobalSecondaryIndexes.filter((index) => index.IndexName !== publishedIndex.name),
    });

    // Act
    const start = ensureTable();

    // Assess
    await expect(start).rejects.toThrow(TableShapeError);
    await expect(ensureTable()).rejects.toThrow(/indexes have another shape.*npm run reset/);
  });
});
