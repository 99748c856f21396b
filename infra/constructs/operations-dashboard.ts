/**
 * One CloudWatch dashboard for the finder: what the public asks of it, what fails, how slow it is,
 * what it finds, and how the table copes. The finder's own metrics come from the functions in
 * Embedded Metric Format (`functions/shared/metrics.ts`), under the names `metric-names.ts` shares.
 */
import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Dashboard, GraphWidget, type IMetric, MathExpression, Metric, PeriodOverride, TextWidget } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { metricNames, metricNamespace, metricService, writeKindDimension } from '../../functions/shared/metric-names.js';
import { type WatchedFunction, tableOperations } from './alarms.js';

const period = Duration.minutes(5);

export interface OperationsDashboardProps {
  readonly api: IHttpApi;
  readonly table: ITable;
  readonly functions: readonly WatchedFunction[];
  /** Requests the sign-in firewall blocked (`sign-in-firewall.ts`). @default not shown */
  readonly signInBlockedRequests?: IMetric;
}

/** The dashboard; its name is CloudFormation's, so two stacks in one account never clash. */
export class OperationsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);

    const own = (metricName: string, label: string): Metric =>
      new Metric({ namespace: metricNamespace, metricName, dimensionsMap: { service: metricService }, statistic: 'Sum', period, label });
    const perFunction = (metric: (watched: WatchedFunction) => IMetric) => props.functions.map(metric);

    this.dashboard = new Dashboard(this, 'Dashboard', { defaultInterval: Duration.days(1), periodOverride: PeriodOverride.AUTO });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: '# Naloxone finder\nAlarms and what to do about them: README, "Operations". Times are UTC.',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'API requests and errors',
        left: [
          props.api.metricCount({ period, statistic: 'Sum', label: 'requests' }),
          props.api.metricClientError({ period, statistic: 'Sum', label: '4xx' }),
          props.api.metricServerError({ period, statistic: 'Sum', label: '5xx' }),
        ],
        width: 8,
      }),
      new GraphWidget({
        title: 'API latency (ms)',
        left: [
          props.api.metricLatency({ period, statistic: 'p50', label: 'p50' }),
          props.api.metricLatency({ period, statistic: 'p99', label: 'p99' }),
        ],
        width: 8,
      }),
      new GraphWidget({
        title: 'Function errors and throttles',
        left: perFunction((watched) => watched.function.metricErrors({ period, statistic: 'Sum', label: `${watched.name} errors` })),
        right: perFunction((watched) => watched.function.metricThrottles({ period, statistic: 'Sum', label: `${watched.name} throttles` })),
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Function duration p99 (ms)',
        left: perFunction((watched) => watched.function.metricDuration({ period, statistic: 'p99', label: watched.name })),
        width: 8,
      }),
      new GraphWidget({
        title: 'Searches',
        left: [own(metricNames.searches, 'searches'), own(metricNames.searchBudgetExhausted, 'stopped at the read budget')],
        right: [own(metricNames.searchResults, 'results returned'), own(metricNames.searchItemsRead, 'items read')],
        width: 8,
      }),
      new GraphWidget({
        title: 'Reports and writes by kind',
        left: [
          own(metricNames.reports, 'problem reports'),
          // One line per kind that wrote anything: the kinds are the route table's write handlers.
          new MathExpression({
            expression: `SEARCH('{${metricNamespace},service,${writeKindDimension}} MetricName="${metricNames.writes}"', 'Sum', ${period.toSeconds()})`,
            label: '',
            period,
          }),
        ],
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'DynamoDB capacity used',
        left: [
          props.table.metricConsumedReadCapacityUnits({ period, statistic: 'Sum', label: 'read units' }),
          props.table.metricConsumedWriteCapacityUnits({ period, statistic: 'Sum', label: 'write units' }),
        ],
        width: 8,
      }),
      // Apart: both sum the same operations, whose metric ids would clash in one graph.
      new GraphWidget({
        title: 'DynamoDB throttled requests',
        left: [props.table.metricThrottledRequestsForOperations({ operations: [...tableOperations], period, label: 'throttled' })],
        width: 8,
      }),
      new GraphWidget({
        title: 'DynamoDB system errors',
        left: [props.table.metricSystemErrorsForOperations({ operations: [...tableOperations], period, label: 'system errors' })],
        width: 8,
      }),
    );
    // The edge firewall's metrics are in us-east-1, beside its own alarm; the sign-in firewall's are here.
    if (props.signInBlockedRequests) {
      this.dashboard.addWidgets(new GraphWidget({ title: 'Sign-in firewall: blocked requests', left: [props.signInBlockedRequests], width: 8 }));
    }
  }
}
