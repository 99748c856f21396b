/**
 * The open data files (`/api/open-data/outlets.geojson`, `outlets.csv`): a private bucket, the job
 * that rebuilds them from the table, and the EventBridge Scheduler schedule that runs it. The site's
 * distribution serves the bucket under `openDataFilesPrefix` (`StaticSite.addApi`).
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { openDataFilesSchedule } from '../../functions/contract/open-data.js';
import type { LogLevel } from './api-function.js';
import { ScheduledJob } from './scheduled-job.js';

/** Where the job's code is and how it logs. */
export interface OpenDataFilesProps {
  /** The table the listings are read from (read access, indexes included). */
  readonly table: ITable;
  /** The job's TypeScript entry file (`functions/lambdas/open-data-files.ts`). */
  readonly entry: string;
  /** @default 'INFO' */
  readonly logLevel?: LogLevel;
  /** @default false */
  readonly tracing?: boolean;
}

/** The job's description, shown in the console and asserted by the stack tests. */
export const openDataFilesJobDescription = 'Scheduled: rebuilds the open data files (GeoJSON and CSV of published listings) in S3';

/**
 * The files' bucket and the job that fills it.
 *
 * The bucket is DESTROYed with the stack, with its objects: the files are rebuilt from the table
 * every `openDataFilesSchedule.rebuildMinutes`, so there is nothing in it to keep. Only the job may
 * write, and only under the files' prefix; only CloudFront reads (origin access control).
 */
export class OpenDataFiles extends Construct {
  /** The private bucket the files are written to, at their paths without the leading slash. */
  readonly bucket: Bucket;
  /** The job that rebuilds them. */
  readonly job: IFunction;
  /** The job with its schedule and dead-letter queue, for alarms. */
  readonly scheduledJob: ScheduledJob;

  constructor(scope: Construct, id: string, props: OpenDataFilesProps) {
    super(scope, id);

    this.bucket = new Bucket(this, 'Files', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'No server access logs: the bucket holds two public files, rebuilt every few minutes, read only through CloudFront ' +
        '(origin access control) and written only by the job; a log of those reads would need a bucket of its own and tell nothing new.',
    });

    // Reads every published listing once: 15,000 listings are 150 BatchGetItem calls, a few seconds;
    // a minute leaves room, and 1 GB holds both files in memory with room to spare. A run that
    // fails is retried, then kept in the job's dead-letter queue; the files of the run before stay
    // served, and the next run starts afresh.
    this.scheduledJob = new ScheduledJob(this, 'Rebuild', {
      entry: props.entry,
      description: openDataFilesJobDescription,
      every: Duration.minutes(openDataFilesSchedule.rebuildMinutes),
      memorySize: 1024,
      timeout: Duration.minutes(1),
      logLevel: props.logLevel,
      tracing: props.tracing,
    });
    const { job } = this.scheduledJob;
    job.bindTable(props.table, 'read');
    job.bindOpenDataBucket(this.bucket);
    this.job = job.function;
  }
}
