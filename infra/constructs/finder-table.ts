/**
 * The one DynamoDB table. Its keys and indexes come from `functions/data/table-schema.ts`, the same
 * constants the data layer and the embedded engine use, so the deployed shape cannot drift.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { geoIndex, tableKeys } from '../../functions/data/table-schema.js';

/**
 * On-demand, point-in-time recovery, deletion protection and retained on stack deletion: listings
 * are kept by outlets by hand and cannot be rebuilt from anywhere else.
 */
export class FinderTable extends Construct {
  /** The table, for grants (see `ApiFunction.bindTable`) and outputs. */
  readonly table: Table;

  constructor(scope: Construct, id: string) {
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

    // Sparse: only published outlets carry the index keys, so the index holds nothing else.
    this.table.addGlobalSecondaryIndex({
      indexName: geoIndex.name,
      partitionKey: { name: geoIndex.partitionKey, type: AttributeType.STRING },
      sortKey: { name: geoIndex.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
  }
}
