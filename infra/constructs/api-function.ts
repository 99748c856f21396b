/**
 * The one construct for every Lambda function of the API, so that runtime, bundling, logging and
 * table access are decided once.
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { openDataFiles } from '../../functions/contract/open-data.js';
import { readinessIndex, reportCounterAttribute, secondaryIndexes, tableKeys } from '../../functions/data/table-schema.js';
import type { TableAccess } from '../../functions/routes.js';
import { lockFile, projectRoot } from '../project-paths.js';
import type { SignInEndpoints } from './portal-sign-in.js';

/**
 * The DynamoDB actions each level of `TableAccess` allows, and whether on the indexes too. Nothing
 * else: no Scan (a public search must never read the whole table), no stream actions, no
 * DescribeTable (nothing at run time needs it), and for `append` nothing that changes or deletes an
 * existing item.
 *
 * "The indexes" are the table's `secondaryIndexes`, each by its name.
 *
 * `write` has BatchWriteItem besides the single-item writes: a listing change archives the history
 * entries it pushes out in one batch (`data/outlet-history.ts`). A batch can only put and delete,
 * unconditionally, which PutItem and DeleteItem already allow one item at a time. No index: the
 * portal reads memberships, listings and idempotency records by key, and searches go through the
 * public function.
 */
const tableAccessGrants: Record<
  TableAccess,
  { readonly actions: readonly string[]; readonly indexes: boolean; readonly updateOnly?: readonly string[] }
> = {
  read: { actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'], indexes: true },
  // A report counts itself on its listing: UpdateItem of that one attribute, and no other.
  append: { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], indexes: false, updateOnly: [reportCounterAttribute] },
  manage: {
    actions: [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
    ],
    indexes: true,
  },
  write: {
    actions: [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
    ],
    indexes: false,
  },
};

/**
 * The sign-in settings as `functions/shared/config.ts` reads them (`AUTH_*`): the issuer and client
 * the JWT authorizer checks, and managed login's OAuth endpoints.
 */
export function signInEnvironment(signIn: SignInEndpoints): Record<string, string> {
  return {
    AUTH_ISSUER: signIn.issuer,
    AUTH_CLIENT_ID: signIn.clientId,
    AUTH_AUTHORIZATION_ENDPOINT: `${signIn.origin}/oauth2/authorize`,
    AUTH_TOKEN_ENDPOINT: `${signIn.origin}/oauth2/token`,
    AUTH_LOGOUT_ENDPOINT: `${signIn.origin}/logout`,
  };
}

/**
 * The Cognito actions a function that makes portal accounts needs (`functions/data/accounts.ts`):
 * make an account, find an existing one, put it in a group. Nothing that deletes, disables or
 * signs anyone in.
 */
export const accountActions = ['cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminCreateUser', 'cognito-idp:AdminGetUser'] as const;

/** What a function that sends email needs to know. */
export interface EmailSettings {
  /** The SES-verified address it sends from. */
  readonly from: string;
  /** The public site's address, for links in the emails. */
  readonly siteUrl: string;
}

/** The log levels `functions/shared/config.ts` accepts. */
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';

/** What differs between the API's functions; everything else is decided by `ApiFunction`. */
export interface ApiFunctionProps {
  /** The TypeScript entry file; it must export `handler` and lie under the project root. */
  readonly entry: string;
  /**
   * Data files (paths from the project root) copied beside the bundle, for code that reads them
   * only when first needed rather than carrying them in the bundle (`filesBesideBundleOf`).
   * @default none
   */
  readonly filesBesideBundle?: readonly string[];
  /** Shown in the console next to the generated function name. */
  readonly description?: string;
  /** @default 512 – on arm64 this buys a faster cold start than the price difference costs. */
  readonly memorySize?: number;
  /** @default 10 seconds – a search reads a few index pages; anything slower is a fault to see. */
  readonly timeout?: Duration;
  /** @default 'INFO' */
  readonly logLevel?: LogLevel;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** Turns on X-Ray active tracing. @default false */
  readonly tracing?: boolean;
  /**
   * Concurrency set aside for this function, which is also the most copies that run at once (see
   * `RouteGroupDefinition.reservedConcurrency`). @default none: the account's unreserved pool
   */
  readonly reservedConcurrentExecutions?: number;
}

/**
 * A Node.js 22 function on arm64, bundled by the local esbuild into one minified ES module.
 *
 * ES module output because the sources are ES modules: `import.meta` and top-level await keep
 * working, which a CommonJS bundle would silently break. The functions call AWS through their own
 * signed-request module (`functions/shared/aws-request.ts`), not the AWS SDK, whose clients put
 * 200–320 KB of runtime into every bundle (issue 11; bench/REPORT.md, "Lambda bundles").
 * `npm run bench:lambda` bundles every function through this construct and reports the sizes.
 */
export class ApiFunction extends Construct {
  /** The Lambda function, for integrations and grants. */
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);

    // Our own log group, so that retention is set without the LogRetention custom resource and the
    // logs go when the stack goes: they hold nothing that must outlive their month.
    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Its own role, which may write to this log group and nothing else until a bind… call grants
    // more: AWS's basic execution policy would let every function write to every log group.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      inlinePolicies: {
        Logs: new PolicyDocument({
          statements: [new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] })],
        }),
      },
    });

    this.function = new NodejsFunction(this, 'Function', {
      role,
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      logGroup,
      tracing: props.tracing ? Tracing.ACTIVE : undefined,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      projectRoot,
      depsLockFilePath: lockFile,
      environment: {
        LOG_LEVEL: props.logLevel ?? 'INFO',
        // Stack traces in the logs point at the TypeScript sources, not the minified bundle.
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        minify: true,
        sourceMap: true,
        // Stack traces need the map's mappings, not a copy of every source: without the copies the
        // map is about a quarter of the size, and Node reads it at every cold start (`--enable-source-maps`).
        sourcesContent: false,
        // Nothing of the SDK is imported at run time but `@aws-sdk/util-dynamodb`'s marshalling:
        // bundled, so production runs the version the tests ran.
        bundleAwsSDK: true,
        // Prefer packages' ES module builds; fall back to CommonJS ones.
        mainFields: ['module', 'main'],
        // A CommonJS dependency that calls require() inside an ES module bundle needs a real one.
        banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        ...(props.filesBesideBundle?.length
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) =>
                  (props.filesBesideBundle ?? []).map((file) => `cp "${inputDir}/${file}" "${outputDir}/"`),
              },
            }
          : {}),
      },
    });

    if (props.tracing) {
      Validations.of(role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: "X-Ray's PutTraceSegments and PutTelemetryRecords, which CDK grants with active tracing, have no resource-level permissions.",
      });
    }
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 on purpose: the LTS line the project is built and tested for (DESIGN.md, toolchain). ' +
        'Moving to a newer runtime is a change of its own, made here for every function at once, with the tests run on it.',
    });
  }

  /**
   * Grants the function exactly the actions of `access` (see `tableAccessGrants`) and tells it the
   * table's name, in one step.
   *
   * Not `table.grant(...)`: on a table with indexes it always adds `<table>/index/*` as well, so
   * `append` could not be kept to the table alone. The table is encrypted with an AWS-managed key,
   * which needs no key grant.
   */
  bindTable(table: ITable, access: TableAccess): void {
    const { actions, indexes, updateOnly } = tableAccessGrants[access];
    Grant.addToPrincipal({
      grantee: this.function,
      actions: [...actions],
      // The indexes by name, not `index/*`: an index added later is not readable until it is listed.
      resourceArns: indexes ? [table.tableArn, ...secondaryIndexes.map((index) => `${table.tableArn}/index/${index.name}`)] : [table.tableArn],
    });
    if (updateOnly) {
      // IAM's fine-grained access: an UpdateItem that names any attribute but these (and the keys) is denied.
      this.function.addToRolePolicy(
        new PolicyStatement({
          actions: ['dynamodb:UpdateItem'],
          resources: [table.tableArn],
          conditions: { 'ForAllValues:StringEquals': { 'dynamodb:Attributes': [tableKeys.partitionKey, tableKeys.sortKey, ...updateOnly] } },
        }),
      );
    }
    this.function.addEnvironment('TABLE_NAME', table.tableName);
  }

  /**
   * The readiness job's access to the table: Query on the `readiness` index alone (never the
   * table's partitions, never a Scan), GetItem of listings and reminder state, and single-item
   * writes: its reminder state, the commissioners' attention items, and when to look at a listing
   * next. No batch writes and no other index.
   */
  bindTableForReadinessJob(table: ITable): void {
    Grant.addToPrincipal({
      grantee: this.function,
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
      resourceArns: [table.tableArn],
    });
    Grant.addToPrincipal({ grantee: this.function, actions: ['dynamodb:Query'], resourceArns: [`${table.tableArn}/index/${readinessIndex.name}`] });
    this.function.addEnvironment('TABLE_NAME', table.tableName);
  }

  /**
   * Lets the function read the reminder links' keys (`LINK_KEYS_SECRET_ARN`): the secret's current
   * and previous versions, nothing else.
   */
  bindLinkKeys(secret: ISecret): void {
    secret.grantRead(this.function);
    this.function.addEnvironment('LINK_KEYS_SECRET_ARN', secret.secretArn);
  }

  /**
   * Lets the function read the origin secret CloudFront sends (`ORIGIN_VERIFY_SECRET_ARN`, see
   * `functions/data/origin-secret.ts`): its current and previous versions, nothing else.
   */
  bindOriginSecret(secret: ISecret): void {
    secret.grantRead(this.function);
    this.function.addEnvironment('ORIGIN_VERIFY_SECRET_ARN', secret.secretArn);
  }

  /**
   * Lets the function write the open data files to `bucket`, PutObject of those objects only, and
   * tells it the bucket's name (`OPEN_DATA_BUCKET`), in one step as `bindTable` does. No read, list,
   * delete, tagging or multipart upload (the files are put in one request each).
   */
  bindOpenDataBucket(bucket: IBucket): void {
    const keys = Object.values(openDataFiles).map((file) => file.path.replace(/^\//, ''));
    Grant.addToPrincipal({ grantee: this.function, actions: ['s3:PutObject'], resourceArns: keys.map((key) => bucket.arnForObjects(key)) });
    this.function.addEnvironment('OPEN_DATA_BUCKET', bucket.bucketName);
  }

  /**
   * Tells the function where people sign in (`signInEnvironment`), in one step as `bindTable` does.
   * Nothing is granted: the function never calls Cognito, it hands these public values to the site.
   */
  bindSignIn(signIn: SignInEndpoints): void {
    for (const [name, value] of Object.entries(signInEnvironment(signIn))) this.function.addEnvironment(name, value);
  }

  /**
   * Lets the function send email through Amazon SES from `from` (SendEmail on that identity, or on
   * its domain where the domain is what was verified), and tells it the sender and the site's
   * address (`EMAIL_FROM`, `SITE_URL`), in one step.
   */
  bindEmail({ from, siteUrl }: EmailSettings): void {
    const stack = Stack.of(this);
    const domain = from.slice(from.lastIndexOf('@') + 1);
    Grant.addToPrincipal({
      grantee: this.function,
      actions: ['ses:SendEmail'],
      resourceArns: [from, domain].map((identity) => stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity })),
    });
    this.function.addEnvironment('EMAIL_FROM', from);
    this.function.addEnvironment('SITE_URL', siteUrl);
  }

  /** Lets the function make portal accounts in `userPool` (exactly `accountActions`) and tells it the pool's id, in one step. */
  bindAccounts(userPool: IUserPool): void {
    Grant.addToPrincipal({ grantee: this.function, actions: [...accountActions], resourceArns: [userPool.userPoolArn] });
    this.function.addEnvironment('USER_POOL_ID', userPool.userPoolId);
  }
}
