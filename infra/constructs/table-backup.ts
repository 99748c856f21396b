/**
 * AWS Backup for the table, on top of its point-in-time recovery.
 *
 * PITR restores to any second of the last 35 days, but it lives and dies with the table: deleting
 * the table (or a mistake found after 35 days) leaves nothing to restore. Backups in a vault are
 * kept apart from the table, so the plan keeps a copy a day for 35 days everywhere, and in prod one
 * a month for a year as well: a commissioner asking what a listing said last spring can be answered,
 * and a deleted table can be brought back. No cold storage: for DynamoDB it needs the account's
 * "advanced features" switched on, and a year of a small table costs cents warm.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { type StatefulPolicy, keepPolicy } from './stage-policy.js';

/** How long each rule keeps its copies; asserted by the stack tests and quoted in the README. */
export const backupRetention = { dailyDays: 35, monthlyDays: 365 } as const;

export interface TableBackupProps {
  readonly table: ITable;
  /** Whether the monthly copies are kept too (prod). @default true */
  readonly monthly?: boolean;
  /** The vault's removal policy follows the stage. @default `keepPolicy` */
  readonly policy?: StatefulPolicy;
}

/** The vault, the plan and the table's selection in it. */
export class TableBackup extends Construct {
  readonly vault: BackupVault;
  readonly plan: BackupPlan;

  constructor(scope: Construct, id: string, props: TableBackupProps) {
    super(scope, id);

    // A vault still holding recovery points cannot be deleted, whatever its removal policy: a dev
    // stack's deletion stops at it until they are deleted (README, "Deleting a dev stack").
    this.vault = new BackupVault(this, 'Vault', { removalPolicy: (props.policy ?? keepPolicy).removalPolicy });
    this.plan = new BackupPlan(this, 'Plan', { backupVault: this.vault });
    // At 03:00 UTC, when the finder is quietest; a backup reads no capacity from the table either way.
    this.plan.addRule(
      new BackupPlanRule({
        ruleName: 'Daily',
        scheduleExpression: Schedule.cron({ hour: '3', minute: '0' }),
        deleteAfter: Duration.days(backupRetention.dailyDays),
      }),
    );
    if (props.monthly ?? true) {
      this.plan.addRule(
        new BackupPlanRule({
          ruleName: 'Monthly',
          scheduleExpression: Schedule.cron({ day: '1', hour: '3', minute: '30' }),
          deleteAfter: Duration.days(backupRetention.monthlyDays),
        }),
      );
    }
    const selection = this.plan.addSelection('Table', { resources: [BackupResource.fromDynamoDbTable(props.table)] });
    Validations.of(selection).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      reason:
        'AWSBackupServiceRolePolicyForBackup is the policy AWS Backup documents for its own service role and keeps current as ' +
        'Backup gains resource types; the role can be assumed only by backup.amazonaws.com and is used only by this selection.',
    });
  }
}
