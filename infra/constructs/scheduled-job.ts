/**
 * A job that runs on a schedule: a function built by `ApiFunction` (so runtime, bundling, logging
 * and table access are decided in one place, as for the API's functions), invoked by EventBridge
 * Scheduler at a time of day in London, whatever the clocks are doing, or every so often.
 *
 * Failures are kept where someone can see them: EventBridge Scheduler invokes the function
 * asynchronously, so a run that throws is retried twice by Lambda and then sent to the dead-letter
 * queue (with the error), and an invocation Scheduler could not deliver goes to the same queue.
 * `FinderAlarms` alarms on the queue holding anything.
 */
import { Duration, RemovalPolicy, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ApiFunction, type LogLevel } from './api-function.js';

/** When a job runs: at a time every day, London time, or at a fixed interval. */
export type ScheduledJobTiming =
  | { readonly dailyAt: { readonly hour: number; readonly minute: number }; readonly every?: never }
  | { readonly every: Duration; readonly dailyAt?: never };

export type ScheduledJobProps = ScheduledJobTiming & {
  /** The TypeScript entry file; it must export `handler`. */
  readonly entry: string;
  /** Shown in the console next to the function and the schedule. */
  readonly description: string;
  /** @default 5 minutes – a job looks at many items, one by one */
  readonly timeout?: Duration;
  /** @default `ApiFunction`'s */
  readonly memorySize?: number;
  /** @default 'INFO' */
  readonly logLevel?: LogLevel;
  /** @default false */
  readonly tracing?: boolean;
};

/** A scheduled job, its schedule and its dead-letter queue. */
export class ScheduledJob extends Construct {
  /** The job's function, for `bindTable…`, `bindEmail` and the like. */
  readonly job: ApiFunction;
  /** Where failed runs end up, after Lambda's and Scheduler's retries. */
  readonly deadLetterQueue: Queue;
  readonly schedule: Schedule;
  /** The function's timeout, which its duration alarm is measured against. */
  readonly timeout: Duration;

  constructor(scope: Construct, id: string, props: ScheduledJobProps) {
    super(scope, id);

    this.timeout = props.timeout ?? Duration.minutes(5);
    this.job = new ApiFunction(this, 'Job', {
      entry: props.entry,
      description: props.description,
      timeout: this.timeout,
      memorySize: props.memorySize,
      logLevel: props.logLevel,
      tracing: props.tracing,
    });

    // Failed events hold no personal data, only the run's error: they go with the stack.
    this.deadLetterQueue = new Queue(this, 'Failures', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // A run that throws is tried twice more (the jobs are idempotent), then kept in the queue. A job
    // that runs every so often gives up on a run once the next one is due, which does its work.
    const maxEventAge = props.every && props.every.toSeconds() < Duration.hours(6).toSeconds() ? props.every : Duration.hours(6);
    this.job.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge,
      onFailure: new SqsDestination(this.deadLetterQueue),
    });

    // The schedule's own role, rather than CDK's one per stack and target, so that what it may do
    // is decided, and acknowledged, here.
    const scheduleRole = new Role(this, 'ScheduleRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } } }),
    });
    this.schedule = new Schedule(this, 'Schedule', {
      description: props.description,
      schedule: props.every
        ? ScheduleExpression.rate(props.every)
        : ScheduleExpression.cron({
            hour: String(props.dailyAt.hour),
            minute: String(props.dailyAt.minute),
            timeZone: TimeZone.EUROPE_LONDON,
          }),
      target: new LambdaInvoke(this.job.function, { deadLetterQueue: this.deadLetterQueue, retryAttempts: 2, maxEventAge, role: scheduleRole }),
    });

    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter queue, of the job (Lambda on-failure destination) and of its schedule: a queue behind it would have nothing to catch.',
    });
    Validations.of(scheduleRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.job.function.node.defaultChild as CfnFunction)}.Arn>:*]`,
      reason:
        "Granted by CDK's LambdaInvoke target (Function.grantInvoke): InvokeFunction on this one function and its own versions and aliases (`<arn>:*`), nothing else.",
    });
  }
}
