/**
 * Everything an operator needs to run the finder, built in one call from the stack: the alarms and
 * their topic, the dashboard, and the table's backups, each following the stage.
 */
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { FinderAlarms, type FinderAlarmsProps, type WatchedFunction } from './alarms.js';
import { OperationsDashboard } from './operations-dashboard.js';
import type { ScheduledJob } from './scheduled-job.js';
import { type Stage, statefulPolicyOf } from './stage-policy.js';
import { TableBackup } from './table-backup.js';

export interface FinderOperationsProps {
  readonly stage: Stage;
  readonly api: IHttpApi;
  readonly table: ITable;
  /** The API's functions, each with the id its alarms are named by. */
  readonly apiFunctions: readonly Omit<WatchedFunction, 'job'>[];
  /** The scheduled jobs, by name. */
  readonly jobs: Readonly<Record<string, { readonly id: string; readonly job: ScheduledJob }>>;
  /** @default alarms go to the topic only */
  readonly alarmEmail?: string;
  /** Requests the sign-in firewall blocked, to alarm on. */
  readonly signInBlockedRequests?: FinderAlarmsProps['signInBlockedRequests'];
}

export class FinderOperations extends Construct {
  readonly alarms: FinderAlarms;
  readonly dashboard: OperationsDashboard;
  readonly backup: TableBackup;

  constructor(scope: Construct, id: string, props: FinderOperationsProps) {
    super(scope, id);
    const functions: WatchedFunction[] = [
      ...props.apiFunctions,
      ...Object.entries(props.jobs).map(([name, { id: jobId, job }]) => ({
        name,
        id: jobId,
        function: job.job.function,
        job: { timeout: job.timeout, deadLetterQueue: job.deadLetterQueue },
      })),
    ];
    this.alarms = new FinderAlarms(this, 'Alarms', {
      api: props.api,
      table: props.table,
      functions,
      alarmEmail: props.alarmEmail,
      signInBlockedRequests: props.signInBlockedRequests,
    });
    this.dashboard = new OperationsDashboard(this, 'Dashboard', { api: props.api, table: props.table, functions, signInBlockedRequests: props.signInBlockedRequests });
    // Monthly copies kept a year only in prod: a dev stack's data is demo data.
    this.backup = new TableBackup(this, 'Backup', {
      table: props.table,
      monthly: props.stage === 'prod',
      policy: statefulPolicyOf(props.stage),
    });
  }
}
