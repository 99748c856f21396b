/**
 * The one DynamoDB table. Its keys and indexes come from `functions/data/table-schema.ts`, the same
 * constants the data layer and the embedded engine use, so the deployed shape cannot drift.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { geoIndex, publishedIndex, tableKeys } from '../../functions/data/table-schema.js';

/** How the table is built. */
export interface FinderTableProps {
  /**
   * Leaves the `geo` index out, so that searches fail. Only for the first of the two deploys that
   * change the index's shape on an existing table, which CloudFormation cannot do in one (README,
   * "Changing the geo index").
   * @default false
   */
  readonly withoutGeoIndex?: boolean;
  /**
   * Leaves the open data index (`published`) out, so that the open data API and job fail. Only for
   * a deploy that must add another index first: CloudFormation adds one index per update (README,
   * "Open data").
   * @default false
   */
  readonly withoutPublishedIndex?: boolean;
}

/**
 * On-demand, point-in-time recovery, deletion protection and retained on stack deletion: listings
 * are kept by outlets by hand and cannot be rebuilt from anywhere else.
 */
export class FinderTable extends Construct {
  /** The table, for grants (see `ApiFunction.bindTable`) and outputs. */
  readonly table: Table;

  constructor(scope: Construct, id: string, props: FinderTableProps = {}) {
    super(scope, id);

    this.table = new Table(this, 'Table', {
      partitionKey: { name: tableKeys.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableKeys.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    if (!props.withoutPublishedIndex) {
      // Sparse: only publicly listed outlets carry its keys. It copies only the id and when the
      // listing changed: the open data API counts and pages through it, then reads the page's
      // listings by key (`functions/data/published-listings.ts`).
      this.table.addGlobalSecondaryIndex({
        indexName: publishedIndex.name,
        partitionKey: { name: publishedIndex.partitionKey, type: AttributeType.STRING },
        sortKey: { name: publishedIndex.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.INCLUDE,
        nonKeyAttributes: [...publishedIndex.projectedAttributes],
      });
    }

    if (props.withoutGeoIndex) return;

    // Sparse: only published outlets carry the index keys, so the index holds nothing else. It
    // copies only the fields a search reads: history and private fields never travel with a
    // search, and changing them never writes to the index.
    //
    // CloudFormation cannot change an existing index's projection or keys: the update fails ("Cannot
    // update GSI's properties other than Provisioned Throughput and Contributor Insights
    // Specification"). Renaming it in the same deploy fails too: that is one deletion and one
    // creation, and an update may make only one of either ("Cannot perform more than one GSI creation
    // or deletion in a single update"). A new shape takes two deploys: README, "Changing the geo index".
    this.table.addGlobalSecondaryIndex({
      indexName: geoIndex.name,
      partitionKey: { name: geoIndex.partitionKey, type: AttributeType.STRING },
      sortKey: { name: geoIndex.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.INCLUDE,
      nonKeyAttributes: [...geoIndex.projectedAttributes],
    });
  }
}
