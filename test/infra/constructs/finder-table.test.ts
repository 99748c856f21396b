/**
 * The table construct on its own: the search index's shape, and the one deploy it is left out of.
 */
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { searchableOutletFields } from '../../../functions/contract/outlet.js';
import { geoIndex, readinessIndex } from '../../../functions/data/table-schema.js';
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
    const [index] = tableOf().GlobalSecondaryIndexes;

    // Assess
    expect(index.IndexName).toBe(geoIndex.name);
    expect(index.Projection.ProjectionType).toBe('INCLUDE');
    expect([...index.Projection.NonKeyAttributes].sort()).toEqual([...searchableOutletFields].sort());
  });

  it('leaves the geo index out when asked, for the first deploy of a change to its shape, and keeps the readiness index', () => {
    // Act
    const table = tableOf({ withoutGeoIndex: true });

    // Assess
    expect(table.GlobalSecondaryIndexes.map((index: { IndexName: string }) => index.IndexName)).toEqual([readinessIndex.name]);
    expect(table.KeySchema).toHaveLength(2);
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
});
