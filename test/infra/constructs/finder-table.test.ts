/**
 * The table construct on its own: the search and open data indexes' shapes, and the deploys each is
 * left out of.
 */
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { searchableOutletFields } from '../../../functions/contract/outlet.js';
import { areaIndex, geoIndex, publishedIndex, readinessIndex } from '../../../functions/data/table-schema.js';
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
    const index = tableOf().GlobalSecondaryIndexes.find((each: { IndexName: string }) => each.IndexName === geoIndex.name);

    // Assess
    expect(index.Projection.ProjectionType).toBe('INCLUDE');
    expect([...index.Projection.NonKeyAttributes].sort()).toEqual([...searchableOutletFields].sort());
  });

  it('projects what an area’s dashboard reads into the area index, and never history or contact details', () => {
    // Act
    const index = tableOf().GlobalSecondaryIndexes.find((each: { IndexName: string }) => each.IndexName === areaIndex.name);

    // Assess
    expect(index.KeySchema).toEqual([
      { AttributeName: 'areaKey', KeyType: 'HASH' },
      { AttributeName: 'areaSort', KeyType: 'RANGE' },
    ]);
    expect(index.Projection.NonKeyAttributes).not.toContain('history');
    expect(index.Projection.NonKeyAttributes).not.toContain('contactEmail');
  });

  it('leaves out the indexes it is asked to, for deploys that change them one at a time', () => {
    // Act
    const withoutGeo = tableOf({ withoutIndexes: ['geo'] });
    const withoutPublished = tableOf({ withoutIndexes: ['published'] });
    const withoutAny = tableOf({ withoutIndexes: ['geo', 'area', 'readiness', 'published'] });

    // Assess
    expect(withoutGeo.GlobalSecondaryIndexes.map((index: { IndexName: string }) => index.IndexName)).toEqual(['area', 'readiness', 'published']);
    expect(withoutPublished.GlobalSecondaryIndexes.map((index: { IndexName: string }) => index.IndexName)).toEqual(['geo', 'area', 'readiness']);
    expect(withoutAny.GlobalSecondaryIndexes).toBeUndefined();
    expect(withoutAny.KeySchema).toHaveLength(2);
  });

  it('keeps the readiness index to the keys: the job reads each due listing itself', () => {
    // Act
    const readiness = tableOf().GlobalSecondaryIndexes.find((index: { IndexName: string }) => index.IndexName === readinessIndex.name);

    // Assess
    expect(readiness).toEqual({
      IndexName: 'readiness',
      KeySchema: [
        { AttributeName: 'readinessQueue', KeyType: 'HASH' },
        { AttributeName: 'readinessDueAt', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'KEYS_ONLY' },
    });
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
});
