/**
 * The one DynamoDB table. Its keys and indexes come from `functions/data/table-schema.ts`, the same
 * constants the data layer and the embedded engine use, so the deployed shape cannot drift.
 */
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { secondaryIndexes, tableKeys } from '../../functions/data/table-schema.js';
import { type StatefulPolicy, keepPolicy } from './stage-policy.js';

/** How the table is built. */
export interface FinderTableProps {
  /**
   * Secondary indexes to leave out (`geo`, `area`, `readiness`, `published`): the features reading them fail while they are
   * out. Only for deploys to an existing table, which CloudFormation can give one new index, or
   * one index of a new shape, per deploy (README, "Changing the table's indexes").
   * @default none
   */
  readonly withoutIndexes?: readonly string[];
  /** Removal policy and deletion protection, by stage (`statefulPolicyOf`). @default `keepPolicy` */
  readonly policy?: StatefulPolicy;
}

/**
 * On-demand and point-in-time recovery; by default (and in prod) deletion protection and retained on
 * stack deletion: listings are kept by outlets by hand and cannot be rebuilt from anywhere else. A
 * dev stack passes the dev policy so that it can be deleted whole.
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
      deletionProtection: (props.policy ?? keepPolicy).deletionProtection,
      encryption: TableEncryption.AWS_MANAGED,
      removalPolicy: (props.policy ?? keepPolicy).removalPolicy,
    });

    // Sparse indexes: only items that carry an index's keys are in it. Each copies only the fields
    // its readers need: history and private fields never travel with them, and changing those
    // fields never writes to the indexes.
    //
    // CloudFormation cannot change an existing index's projection or keys: the update fails ("Cannot
    // update GSI's properties other than Provisioned Throughput and Contributor Insights
    // Specification"), and an update may create or delete only one index ("Cannot perform more than
    // one GSI creation or deletion in a single update"). So `withoutIndexes`: README, "Changing the
    // table's indexes".
    for (const index of secondaryIndexes) {
      if (props.withoutIndexes?.includes(index.name)) continue;
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        // An index that copies nothing (the readiness index) projects its keys only.
        ...(index.projectedAttributes.length > 0
          ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.projectedAttributes] }
          : { projectionType: ProjectionType.KEYS_ONLY }),
      });
    }
  }
}
