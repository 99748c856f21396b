/**
 * Knowing when it is broken, on the default (dev) stack: the alarms and their thresholds, the topic
 * they go to (no email subscription without `alarmEmail`), the dashboard, log retention, the table's
 * backups, and dev's removal policies. Prod and a custom domain: finder-stack-stages.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { metricNames, metricNamespace } from '../../functions/shared/metric-names.js';
import { allRouteGroups } from '../../infra/route-plan.js';
import { alarmThresholds } from '../../infra/constructs/alarms.js';
import { backupRetention } from '../../infra/constructs/table-backup.js';
import { groupFunctionOf, onlyResource, type Resource, useSynthesisedStack } from './support/synthesised-stack.js';

const stack = useSynthesisedStack();
const only = (type: string) => onlyResource(stack, type);
const resources = () => stack.template.toJSON().Resources as Record<string, Resource>;
const ofType = (type: string) => Object.entries(resources()).filter(([, resource]) => resource.Type === type);
const alarms = () => ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm);
/** The one alarm whose description matches. */
const alarmLike = (description: RegExp): Resource => {
  const found = alarms().filter((alarm) => description.test(alarm.Properties.AlarmDescription));
  expect(found).toHaveLength(1);
  return found[0] as Resource;
};
const functionIdOf = (description: RegExp): string => {
  const found = ofType('AWS::Lambda::Function').filter(([, fn]) => description.test(String(fn.Properties.Description)));
  expect(found).toHaveLength(1);
  return found[0]?.[0] as string;
};

describe('the alarms', () => {
  it('send alarm and OK to one topic, which nobody is subscribed to without an alarm address', () => {
    // Act
    const [topicId] = only('AWS::SNS::Topic');

    // Assess
    expect(alarms().length).toBeGreaterThan(0);
    for (const alarm of alarms()) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.TreatMissingData).toBe('notBreaching');
    }
    stack.template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('fire on 5% or more of the API answered with a 5xx, counted once a period has 10 requests, in two of three periods', () => {
    // Act
    const alarm = alarmLike(/5xx/);

    // Assess
    expect(alarm.Properties).toMatchObject({
      Threshold: alarmThresholds.api5xxRate.percent,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
    });
    const [expression, ...metrics] = alarm.Properties.Metrics as Record<string, any>[];
    expect(expression?.Expression).toBe('IF(requests >= 10, 100 * errors / requests, 0)');
    expect(metrics.map((metric) => [metric.Id, metric.MetricStat.Metric.Namespace, metric.MetricStat.Metric.MetricName, metric.MetricStat.Period])).toEqual([
      ['errors', 'AWS/ApiGateway', '5xx', 300],
      ['requests', 'AWS/ApiGateway', 'Count', 300],
    ]);
    expect(metrics[0]?.MetricStat.Metric.Dimensions).toEqual([{ Name: 'ApiId', Value: { Ref: only('AWS::ApiGatewayV2::Api')[0] } }]);
  });

  it('watch every function of the route table and both jobs for errors, throttles and a slow p99', () => {
    // Prepare
    const functionIds = ofType('AWS::Lambda::Function')
      .filter(([, fn]) => fn.Properties.Environment?.Variables?.TABLE_NAME)
      .map(([id]) => id);
    const watching = (metricName: string) =>
      alarms()
        .filter((alarm) => alarm.Properties.MetricName === metricName && alarm.Properties.Namespace === 'AWS/Lambda')
        .map((alarm) => alarm.Properties.Dimensions[0].Value.Ref as string)
        .sort();

    // Act
    const errors = watching('Errors');
    const throttles = watching('Throttles');
    const durations = watching('Duration');

    // Assess
    expect(functionIds).toHaveLength(allRouteGroups().length + 2);
    expect(errors).toEqual([...functionIds].sort());
    expect(throttles).toEqual([...functionIds].sort());
    expect(durations).toEqual([...functionIds].sort());
    for (const alarm of alarms().filter((alarm) => ['Errors', 'Throttles'].includes(alarm.Properties.MetricName))) {
      expect(alarm.Properties).toMatchObject({ Statistic: 'Sum', Period: 300, Threshold: 1, EvaluationPeriods: 1 });
    }
  });

  it('call an API function slow at 3 s p99 for 15 minutes, and a job at 80% of its timeout', () => {
    // Prepare
    const [publicApi] = groupFunctionOf(stack, 'public-api');
    const openDataJob = functionIdOf(/open data files/);
    const durationOf = (functionId: string) =>
      alarms().find((alarm) => alarm.Properties.MetricName === 'Duration' && alarm.Properties.Dimensions[0].Value.Ref === functionId) as Resource;

    // Act
    const api = durationOf(publicApi);
    const job = durationOf(openDataJob);

    // Assess
    expect(api.Properties).toMatchObject({ ExtendedStatistic: 'p99', Threshold: alarmThresholds.apiDurationP99.milliseconds, EvaluationPeriods: 3, DatapointsToAlarm: 3 });
    // The open data job's timeout is a minute.
    expect(job.Properties).toMatchObject({ ExtendedStatistic: 'p99', Threshold: 48_000, EvaluationPeriods: 1 });
  });

  it('fire when a scheduled job\'s dead-letter queue holds a failed run', () => {
    // Prepare
    const queueIds = ofType('AWS::SQS::Queue').map(([id]) => id).sort();

    // Act
    const watched = alarms()
      .filter((alarm) => alarm.Properties.MetricName === 'ApproximateNumberOfMessagesVisible')
      .map((alarm) => {
        expect(alarm.Properties).toMatchObject({ Namespace: 'AWS/SQS', Statistic: 'Maximum', Threshold: 1 });
        return alarm.Properties.Dimensions[0].Value['Fn::GetAtt'][0] as string;
      });

    // Assess
    expect(queueIds).toHaveLength(2);
    expect(watched.sort()).toEqual(queueIds);
  });

  it('sum DynamoDB throttled requests and system errors over every operation the functions call', () => {
    // Prepare
    const [tableId] = only('AWS::DynamoDB::Table');
    const operationsOf = (alarm: Resource) =>
      (alarm.Properties.Metrics as Record<string, any>[])
        .filter((metric) => metric.MetricStat)
        .map((metric) => {
          expect(metric.MetricStat.Metric.Dimensions).toContainEqual({ Name: 'TableName', Value: { Ref: tableId } });
          return `${metric.MetricStat.Metric.MetricName}:${metric.MetricStat.Metric.Dimensions.find((d: any) => d.Name === 'Operation').Value}`;
        })
        .sort();

    // Act
    const throttles = alarmLike(/throttled requests to the table/);
    const systemErrors = alarmLike(/DynamoDB answered requests with its own server errors/);

    // Assess
    const operations = ['BatchGetItem', 'BatchWriteItem', 'DeleteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'];
    expect(operationsOf(throttles)).toEqual(operations.map((operation) => `ThrottledRequests:${operation}`));
    expect(operationsOf(systemErrors)).toEqual(operations.map((operation) => `SystemErrors:${operation}`));
    expect(throttles.Properties).toMatchObject({ Threshold: alarmThresholds.tableThrottles.count, EvaluationPeriods: 2, DatapointsToAlarm: 2 });
    expect(systemErrors.Properties).toMatchObject({ Threshold: alarmThresholds.tableSystemErrors.count, EvaluationPeriods: 1 });
  });
});

describe('the dashboard', () => {
  it('shows requests, errors, p99, searches, reports, writes by kind, the table and the sign-in firewall', () => {
    // Act
    const [, dashboard] = only('AWS::CloudWatch::Dashboard');
    const body = JSON.stringify(dashboard.Properties.DashboardBody);

    // Assess
    for (const title of ['API requests and errors', 'API latency (ms)', 'Function duration p99 (ms)', 'Searches', 'Reports and writes by kind', 'DynamoDB throttled requests', 'Sign-in firewall: blocked requests']) {
      expect(body).toContain(title);
    }
    expect(body).toContain(`\\"${metricNamespace}\\",\\"${metricNames.searches}\\"`);
    expect(body).toContain(`\\"${metricNamespace}\\",\\"${metricNames.reports}\\"`);
    expect(body).toContain(`SEARCH('{${metricNamespace},service,kind} MetricName=\\\\\\"${metricNames.writes}\\\\\\"'`);
    expect(body).toContain('ConsumedReadCapacityUnits');
    expect(body).toContain('\\"AWS/WAFV2\\",\\"BlockedRequests\\"');
  });
});

describe('the logs', () => {
  it('of every function with code of ours, and the API\'s access logs, are kept a month in a log group of the stack', () => {
    // Prepare
    const ours = ofType('AWS::Lambda::Function').filter(([, fn]) => fn.Properties.Environment?.Variables?.TABLE_NAME || fn.Properties.LoggingConfig);

    // Act
    const retention = ours.map(([, fn]) => resources()[fn.Properties.LoggingConfig?.LogGroup?.Ref]?.Properties.RetentionInDays);

    // Assess
    expect(ours.length).toBe(allRouteGroups().length + 3);
    expect(retention).toEqual(ours.map(() => 30));
    for (const [, group] of ofType('AWS::Logs::LogGroup')) expect(group.Properties.RetentionInDays).toBe(30);
  });

  it('of the function CDK adds to empty buckets go to a log group of the stack, made before it first runs', () => {
    // Prepare
    const [handlerId] = ofType('AWS::Lambda::Function').find(([, fn]) => /auto-deleting objects/.test(JSON.stringify(fn.Properties.Description))) ?? [];

    // Act
    const groups = ofType('AWS::Logs::LogGroup').filter(([, group]) => JSON.stringify(group.Properties.LogGroupName) === JSON.stringify({ 'Fn::Join': ['', ['/aws/lambda/', { Ref: handlerId }]] }));
    const autoDeletes = ofType('Custom::S3AutoDeleteObjects');

    // Assess
    expect(handlerId).toBeDefined();
    expect(groups).toHaveLength(1);
    const [[groupId, group]] = groups as [[string, Resource]];
    expect(group.Properties.RetentionInDays).toBe(30);
    expect(autoDeletes.length).toBeGreaterThan(0);
    for (const [, resource] of autoDeletes) expect(resource.DependsOn).toContain(groupId);
  });
});

describe('the backups', () => {
  it('copy the table daily, kept 35 days, in a vault of its own; a dev stack keeps no monthly copies', () => {
    // Prepare
    const [tableId] = only('AWS::DynamoDB::Table');
    const [vaultId] = only('AWS::Backup::BackupVault');

    // Act
    const [, plan] = only('AWS::Backup::BackupPlan');
    const [, selection] = only('AWS::Backup::BackupSelection');

    // Assess
    expect(plan.Properties.BackupPlan.BackupPlanRule).toEqual([
      {
        RuleName: 'Daily',
        ScheduleExpression: 'cron(0 3 * * ? *)',
        Lifecycle: { DeleteAfterDays: backupRetention.dailyDays },
        TargetBackupVault: { 'Fn::GetAtt': [vaultId, 'BackupVaultName'] },
      },
    ]);
    expect(selection.Properties.BackupSelection.Resources).toEqual([{ 'Fn::GetAtt': [tableId, 'Arn'] }]);
  });
});

describe('a dev stack', () => {
  it('can be deleted whole: table, user pool and its groups, and the backup vault go with it, unprotected', () => {
    // Act
    const [, table] = only('AWS::DynamoDB::Table');
    const [, pool] = only('AWS::Cognito::UserPool');
    const [, vault] = only('AWS::Backup::BackupVault');
    const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, group]) => group);

    // Assess
    expect(table.Properties.DeletionProtectionEnabled).toBe(false);
    expect(pool.Properties.DeletionProtection).toBe('INACTIVE');
    for (const resource of [table, pool, vault, ...groups]) expect([resource.DeletionPolicy, resource.UpdateReplacePolicy]).toEqual(['Delete', 'Delete']);
    for (const [, bucket] of ofType('AWS::S3::Bucket')) expect(bucket.DeletionPolicy).toBe('Delete');
    expect(stack.terminationProtection).toBe(false);
  });

  it('sends HSTS without preload on CloudFront\'s own domain', () => {
    // Act
    const policies = ofType('AWS::CloudFront::ResponseHeadersPolicy').map(([, policy]) => policy);

    // Assess
    expect(policies.length).toBeGreaterThan(0);
    for (const policy of policies) {
      expect(policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.StrictTransportSecurity).toEqual({
        AccessControlMaxAgeSec: 63_072_000,
        IncludeSubdomains: true,
        Preload: false,
        Override: true,
      });
    }
    const [, distribution] = only('AWS::CloudFront::Distribution');
    expect(distribution.Properties.DistributionConfig.Aliases).toBeUndefined();
  });
});
