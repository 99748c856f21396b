/**
 * Knowing when the finder is broken: CloudWatch alarms on the API, every function, the table and the
 * scheduled jobs, all sending to one SNS topic, which emails an operator when an address is given.
 *
 * Every threshold is in `alarmThresholds`, each with the reason for it. No alarm fires on missing
 * data: a quiet night with no traffic is not an outage.
 */
import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, type IMetric, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { type ITable, Operation } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Five minutes: CloudWatch's cheapest standard period, and short enough to act on. */
const period = Duration.minutes(5);

/**
 * Every alarm's threshold, in one place. `periods` is how many five-minute periods are looked at,
 * `breaching` how many of them must breach.
 */
export const alarmThresholds = {
  /**
   * The API's 5xx answers, as a percentage of its requests. Every 5xx is a bug or an outage (4xx are
   * the caller's), but a single failed request among a handful at night is not worth waking anyone:
   * 5% or more in two of three periods, counted only when a period has at least 10 requests.
   */
  api5xxRate: { percent: 5, minimumRequests: 10, periods: 3, breaching: 2 },
  /**
   * A function's own errors (Lambda `Errors`): the request pipeline answers every handled failure
   * itself, so these are only crashes, timeouts and out-of-memory. Any one is a bug to look at.
   */
  functionErrors: { count: 1, periods: 1, breaching: 1 },
  /**
   * Lambda throttles: a request turned away before any code ran (the account's or a function's
   * concurrency was used up), which the public sees as a 503. Any one means the limit is too low or a flood is on.
   */
  functionThrottles: { count: 1, periods: 1, breaching: 1 },
  /**
   * p99 duration of the API's functions: a search reads a few index pages and answers in well under
   * a second, so 3 s at p99 for 15 minutes means DynamoDB or the code has slowed badly, long before
   * the 10 s timeout turns it into errors.
   */
  apiDurationP99: { milliseconds: 3_000, periods: 3, breaching: 3 },
  /**
   * p99 duration of a scheduled job, as a share of its timeout: a job nearing its timeout will soon
   * fail every run (the open data files grow with the listings). One run over 80% is enough to look.
   */
  jobDurationP99: { shareOfTimeout: 0.8, periods: 1, breaching: 1 },
  /**
   * DynamoDB throttled requests, summed over the operations the code uses. On demand, throttling
   * means a hot partition or the table's on-demand ceiling; the SDK retries a few, the rest become
   * 503s. 10 or more in each of two periods is sustained, not a blip the retries absorbed.
   */
  tableThrottles: { count: 10, periods: 2, breaching: 2 },
  /** DynamoDB's own 500s: rare, and retried by the SDK; 5 or more in a period is an AWS problem to know about. */
  tableSystemErrors: { count: 5, periods: 1, breaching: 1 },
  /**
   * A scheduled job's dead-letter queue holding anything: a run failed after all of Lambda's and
   * Scheduler's retries, so reminders were not sent or the open data files are going stale.
   */
  jobDeadLetters: { count: 1, periods: 1, breaching: 1 },
  /**
   * Requests the sign-in firewall blocked (`sign-in-firewall.ts`): its limits are far above what an
   * office signing in sends, so 100 blocked in five minutes is a flood or a guesser at work, or a
   * limit refusing real users. Either way someone should look.
   */
  signInBlocked: { count: 100, periods: 1, breaching: 1 },
} as const;

/** The DynamoDB operations the functions call (`ApiFunction`'s grants), whose throttles and errors are summed. */
export const tableOperations = [
  Operation.GET_ITEM,
  Operation.BATCH_GET_ITEM,
  Operation.QUERY,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.BATCH_WRITE_ITEM,
] as const;

/** A function to watch: the API's, or a scheduled job's with its timeout and dead-letter queue. */
export interface WatchedFunction {
  /** Names the function in the alarms' descriptions, e.g. `public-api`. */
  readonly name: string;
  /** Prefixes its alarms' construct ids, e.g. `PublicApi`: stable, so alarms are not replaced. */
  readonly id: string;
  readonly function: IFunction;
  /** Set for a scheduled job. */
  readonly job?: { readonly timeout: Duration; readonly deadLetterQueue: IQueue };
}

export interface FinderAlarmsProps {
  readonly api: IHttpApi;
  readonly table: ITable;
  readonly functions: readonly WatchedFunction[];
  /** Requests the sign-in firewall blocked. @default no alarm on it */
  readonly signInBlockedRequests?: IMetric;
  /** Subscribed to the topic by email (SNS sends a confirmation first). @default no subscription */
  readonly alarmEmail?: string;
}

/** The alarms and their topic. */
export class FinderAlarms extends Construct {
  /** Every alarm and OK goes here; subscribe more (chat, paging) in the console or another stack. */
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: FinderAlarmsProps) {
    super(scope, id);

    // Not encrypted with a KMS key: CloudWatch cannot publish to a topic under SNS's AWS managed key
    // (its policy cannot be changed), and a key of our own costs $1 a month to protect messages that
    // hold alarm names and numbers only, never personal data.
    this.topic = new Topic(this, 'Topic', { displayName: 'Naloxone finder alarms', enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    const t = alarmThresholds;
    const errors = props.api.metricServerError({ period, statistic: 'Sum' });
    const requests = props.api.metricCount({ period, statistic: 'Sum' });
    this.add('Api5xxRate', 'The API answered 5% or more of requests with a server error (5xx)', {
      metric: new MathExpression({
        expression: `IF(requests >= ${t.api5xxRate.minimumRequests}, 100 * errors / requests, 0)`,
        usingMetrics: { errors, requests },
        period,
        label: 'API 5xx %',
      }),
      threshold: t.api5xxRate.percent,
      ...t.api5xxRate,
    });

    for (const watched of props.functions) {
      const id = watched.id;
      const fn = watched.function;
      this.add(`${id}Errors`, `${watched.name}: the function crashed, timed out or ran out of memory`, {
        metric: fn.metricErrors({ period, statistic: 'Sum' }),
        threshold: t.functionErrors.count,
        ...t.functionErrors,
      });
      this.add(`${id}Throttles`, `${watched.name}: Lambda turned invocations away (concurrency used up)`, {
        metric: fn.metricThrottles({ period, statistic: 'Sum' }),
        threshold: t.functionThrottles.count,
        ...t.functionThrottles,
      });
      const durationThreshold = watched.job
        ? watched.job.timeout.toMilliseconds() * t.jobDurationP99.shareOfTimeout
        : t.apiDurationP99.milliseconds;
      this.add(`${id}DurationP99`, `${watched.name}: p99 duration above ${durationThreshold} ms`, {
        metric: fn.metricDuration({ period, statistic: 'p99' }),
        threshold: durationThreshold,
        ...(watched.job ? t.jobDurationP99 : t.apiDurationP99),
      });
      if (watched.job) {
        this.add(`${id}FailedRuns`, `${watched.name}: a run failed after its retries and is in the dead-letter queue`, {
          metric: watched.job.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
          threshold: t.jobDeadLetters.count,
          ...t.jobDeadLetters,
        });
      }
    }

    this.add('TableThrottles', 'DynamoDB throttled requests to the table', {
      metric: props.table.metricThrottledRequestsForOperations({ operations: [...tableOperations], period }),
      threshold: t.tableThrottles.count,
      ...t.tableThrottles,
    });
    if (props.signInBlockedRequests) {
      this.add('SignInBlockedRequests', 'the sign-in firewall blocked many requests to managed login: a flood, a guesser, or a limit refusing real users', {
        metric: props.signInBlockedRequests,
        threshold: t.signInBlocked.count,
        ...t.signInBlocked,
      });
    }
    this.add('TableSystemErrors', 'DynamoDB answered requests with its own server errors', {
      metric: props.table.metricSystemErrorsForOperations({ operations: [...tableOperations], period }),
      threshold: t.tableSystemErrors.count,
      ...t.tableSystemErrors,
    });
  }

  /** An alarm at or above `threshold` in `breaching` of `periods` periods, sending alarm and OK to the topic. */
  private add(id: string, description: string, options: { metric: IMetric; threshold: number; periods: number; breaching: number }): void {
    const alarm = new Alarm(this, id, {
      alarmDescription: `Naloxone finder: ${description}. See README, "Operations".`,
      metric: options.metric,
      threshold: options.threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: options.periods,
      datapointsToAlarm: options.breaching,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
  }
}

