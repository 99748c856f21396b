/**
 * The table construct on its own: the search and open data indexes' shapes, and the deploys each is
 * left out of.
 */
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { searchableOutletFields } from '../../../functions/contract/outlet.js';
import { geoIndex, publishedIndex } from '../../../functions/data/table-schema.js';
import { FinderTable, type FinderTableProps } from '../../../infra/constructs/finder-table.js';

function tableOf(props?: FinderTableProps): Record<string, any> {
  const stack = new Stack();
  new FinderTable(stack, 'Data', props);
  const [table] = Object.values(Template.fromStack(stack).findResources('AWS::DynamoDB::Table')) as Array<{ Properties: Record<string, any> }>;
  return table?.Properties ?? {};
}

describe('FinderTable', () => {
  it('projects exactly the fields a search reads into the geo index', () => {
    // Act
    const index = tableOf().GlobalSecondaryIndexes.find((candidate: { IndexName: string }) => candidate.IndexName === geoIndex.name);

    // Assess
    expect(index.Projection.ProjectionType).toBe('INCLUDE');
    expect([...index.Projection.NonKeyAttributes].sort()).toEqual([...searchableOutletFields].sort());
  });

  it('leaves the geo index out when asked, for the first deploy of a change to its shape', () => {
    // Act
    const table = tableOf({ withoutGeoIndex: true });

    // Assess
    expect(table.GlobalSecondaryIndexes.map((index: { IndexName: string }) => index.IndexName)).toEqual([publishedIndex.name]);
    expect(table.KeySchema).toHaveLength(2);
  });

  it('keeps a sparse open data index of service ids holding only the outlet id and when it changed', () => {
    // Act
    const index = tableOf().GlobalSecondaryIndexes.find((candidate: { IndexName: string }) => candidate.IndexName === publishedIndex.name);

    // Assess
    expect(index).toEqual({
      IndexName: 'published',
      KeySchema: [
        { AttributeName: 'publishedPartition', KeyType: 'HASH' },
        { AttributeName: 'publishedKey', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['id', 'updatedAt'] },
    });
  });

  it('leaves the open data index out when asked, for a deploy that adds another index first', () => {
    // Act
    const table = tableOf({ withoutPublishedIndex: true });

    // Assess
    expect(table.GlobalSecondaryIndexes.map((index: { IndexName: string }) => index.IndexName)).toEqual([geoIndex.name]);
  });
});
