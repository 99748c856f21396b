/**
 * The whole finder in one stack: the table, the site in front of it all, the portal's sign-in, one
 * function per route group, the HTTP API built from the route table, and the open data files'
 * bucket with the scheduled job that fills it.
 */
import { join } from 'node:path';
import { CfnOutput, RemovalPolicy, SecretValue, Stack, type StackProps, Token, Validations } from 'aws-cdk-lib';
import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { originVerifyHeader } from '../functions/contract/origin-verify.js';
import { defaultTileUrl } from '../functions/contract/web-policy.js';
import { type RouteGroup, routeGroups, routes } from '../functions/routes.js';
import { ApiFunction, type LogLevel } from './constructs/api-function.js';
import { FinderTable } from './constructs/finder-table.js';
import { OpenDataFiles } from './constructs/open-data-files.js';
import { FinderOperations } from './constructs/operations.js';
import { keepAutoDeleteLogs } from './constructs/provider-log-retention.js';
import { PortalSignIn, defaultSignInDomainPrefix, prefixDomainOrigin } from './constructs/portal-sign-in.js';
import { SignInFirewall } from './constructs/sign-in-firewall.js';
import { RouteTableApi } from './constructs/route-table-api.js';
import { ScheduledJob } from './constructs/scheduled-job.js';
import { type Stage, statefulPolicyOf } from './constructs/stage-policy.js';
import { StaticSite } from './constructs/static-site.js';
import { lambdaEntryDir as defaultLambdaEntryDir } from './project-paths.js';
import {
  allRouteGroups,
  constructIdOf,
  filesBesideBundleOf,
  managesAccountsOf,
  needsLinkKeysOf,
  needsSignInOf,
  reservedConcurrencyOf,
  resourcesOf,
  sendsEmailOf,
  tableAccessOf,
} from './route-plan.js';

/** How people sign in to the portal. */
export interface FinderSignInProps {
  /** The verified Amazon SES address sign-in codes and invitations come from. */
  readonly senderEmail: string;
  /** Managed login's prefix domain. @default `defaultSignInDomainPrefix` of the stack */
  readonly domainPrefix?: string;
  /** Origins the site is also served on (a custom domain), each allowed as a sign-in redirect. @default none */
  readonly extraSiteOrigins?: readonly string[];
}

/** The stack's configuration; the built site and the sign-in sender have no default. */
export interface FinderStackProps extends StackProps {
  /** The built site (`site/dist`), with `index.html` at its root. */
  readonly siteAssetPath: string;
  /** How people sign in to the portal. */
  readonly signIn: FinderSignInProps;
  /** Leaflet tile URL template the site was built with. @default OpenStreetMap's standard tiles */
  readonly tileUrl?: string;
  /** Folder of the groups' entry files, `<group>.ts` each. @default `functions/lambdas` */
  readonly lambdaEntryDir?: string;
  /** @default 'INFO' */
  readonly logLevel?: LogLevel;
  /** X-Ray active tracing on every function. @default false */
  readonly tracing?: boolean;
  /**
   * Per-stage limits across all callers; they cap what a flood of requests can cost.
   * @default { rateLimit: 50, burstLimit: 100 }
   */
  readonly apiThrottle?: ThrottleSettings;
  /** See `FinderTableProps.withoutIndexes`. @default none */
  readonly withoutIndexes?: readonly string[];
  /**
   * The AWS WAF web ACL on the distribution (`EdgeFirewallStack`, in us-east-1). @default none: no
   * firewall, and no per-client limits on AWS
   */
  readonly webAclArn?: string;
  /**
   * Whether the writing groups get the reserved concurrency the route table declares
   * (`RouteGroupDefinition.reservedConcurrency`). Off for accounts that cannot set any aside: a new
   * account's concurrency limit is 10, Lambda keeps 100 unreserved, and the deploy would fail.
   * @default true
   */
  readonly reservedConcurrency?: boolean;
  /**
   * The version of the origin secret CloudFront is deployed with; set it to the new version's id
   * after putting a new value, so the deploy changes the distribution (README, "Rotating the origin
   * secret"). @default the secret's current version when the distribution was last changed
   */
  readonly originSecretVersionId?: string;
  /**
   * `prod` keeps the table and the user pool when the stack is deleted and protects them (and the
   * stack) from deletion; `dev` can be deleted whole. @default 'dev'
   */
  readonly stage?: Stage;
  /** Where alarms are emailed. @default none: they reach the topic only */
  readonly alarmEmail?: string;
  /** The site's own domain, with an ACM certificate in us-east-1 (CloudFront's region). @default the distribution's domain */
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
}

/** The naloxone finder: site, sign-in, API, functions and table. */
export class FinderStack extends Stack {
  constructor(scope: Construct, id: string, props: FinderStackProps) {
    const stage = props.stage ?? 'dev';
    super(scope, id, { ...props, terminationProtection: props.terminationProtection ?? statefulPolicyOf(stage).deletionProtection });
    const policy = statefulPolicyOf(stage);

    const { table } = new FinderTable(this, 'Data', { withoutIndexes: props.withoutIndexes, policy });

    // Built in this order because the sign-in client's callback is on the distribution, the
    // authorizer and the portal's function need the client, and the distribution needs only the
    // API's id, which exists before any route. In the template the references run one way: routes →
    // authorizer → client → distribution → API, so there is no cycle.
    const domainPrefix = props.signIn.domainPrefix ?? this.defaultSignInDomainPrefix();
    const site = new StaticSite(this, 'Site', {
      siteAssetPath: props.siteAssetPath,
      tileUrl: props.tileUrl ?? defaultTileUrl,
      signInOrigin: prefixDomainOrigin(domainPrefix, this.region),
      customDomain: props.customDomain && {
        domainName: props.customDomain.domainName,
        certificate: Certificate.fromCertificateArn(this, 'DomainCertificate', props.customDomain.certificateArn),
      },
    });
    // The custom domain is a site origin too, and the first: sign-in returns there and emails link to it.
    const extraSiteOrigins = [
      ...new Set([...(props.customDomain ? [`https://${props.customDomain.domainName}`] : []), ...(props.signIn.extraSiteOrigins ?? [])]),
    ];
    const signIn = new PortalSignIn(this, 'SignIn', {
      domainPrefix,
      senderEmail: props.signIn.senderEmail,
      siteOrigins: [site.url, ...extraSiteOrigins],
      policy,
    });

    // Managed login is not behind CloudFront: the user pool has its own web ACL with per-client limits.
    const signInFirewall = new SignInFirewall(this, 'SignInFirewall', { userPool: signIn.userPool });

    // Emails (registrants' answers, readiness reminders) link to the site people know: a custom
    // domain, the first extra origin, when there is one.
    const emailSiteUrl = extraSiteOrigins[0] ?? site.url;

    // The key of readiness reminders' links: made here, never seen by anyone; rotated by putting a
    // new value (README, "Readiness reminders"). Losing it only ends links under 14 days old.
    const linkKeys = handRotatedSecret(this, 'LinkKeys', {
      description: 'Signs and checks the one-tap links in readiness reminders',
      length: 64,
      rotation:
        'Rotated by hand (README, "Readiness reminders"): the functions accept the current and previous versions, so a new value ' +
        'never breaks a link in flight, and no rotation Lambda is needed for a key nobody outside the stack holds.',
    });

    // The value CloudFront sends the API in `x-origin-verify`, and every function refuses requests
    // without (`functions/data/origin-secret.ts`): only CloudFront, with its WAF, reaches the API.
    const originSecret = handRotatedSecret(this, 'OriginSecret', {
      description: 'Sent by CloudFront to the HTTP API; the functions refuse requests without it',
      length: 48,
      rotation:
        'Rotated by hand (README, "Rotating the origin secret"): CloudFront reads the value only at deploy time, so a rotation ' +
        'Lambda could not reach it; the functions accept the current and previous versions while a deploy carries the new one.',
    });

    const functions: Partial<Record<RouteGroup, IFunction>> = {};
    for (const group of allRouteGroups()) {
      const apiFunction = new ApiFunction(this, `${constructIdOf(group)}Function`, {
        entry: join(props.lambdaEntryDir ?? defaultLambdaEntryDir, `${group}.ts`),
        description: routeGroups[group].description,
        logLevel: props.logLevel,
        tracing: props.tracing,
        reservedConcurrentExecutions: props.reservedConcurrency === false ? undefined : reservedConcurrencyOf(group),
        ...resourcesOf(group),
        filesBesideBundle: filesBesideBundleOf(group),
      });
      apiFunction.bindTable(table, tableAccessOf(group));
      apiFunction.bindOriginSecret(originSecret);
      if (needsSignInOf(group)) apiFunction.bindSignIn(signIn);
      if (sendsEmailOf(group)) apiFunction.bindEmail({ from: props.signIn.senderEmail, siteUrl: emailSiteUrl });
      if (managesAccountsOf(group)) apiFunction.bindAccounts(signIn.userPool);
      if (needsLinkKeysOf(group)) apiFunction.bindLinkKeys(linkKeys);
      functions[group] = apiFunction.function;
    }

    const { api } = new RouteTableApi(this, 'Http', {
      routes,
      functions,
      throttle: props.apiThrottle ?? { rateLimit: 50, burstLimit: 100 },
      signedInAuthorizer: signIn.authorizer,
      // Requests no route takes get the API's error shape from the public, read-only function.
      unmatchedGroup: 'public-api',
    });
    const openData = new OpenDataFiles(this, 'OpenDataFiles', {
      table,
      entry: join(props.lambdaEntryDir ?? defaultLambdaEntryDir, 'open-data-files.ts'),
      logLevel: props.logLevel,
      tracing: props.tracing,
    });
    // The execute-api address stays enabled: it is the distribution's origin, as there is no custom
    // domain for the API (`disableExecuteApiEndpoint` needs one). The origin secret closes it instead.
    // CloudFront needs the value itself, so the template holds a dynamic reference CloudFormation
    // resolves at deploy time; the value is never in the template, but anyone who may read the
    // distribution's configuration can see it.
    site.addApi({
      domainName: `${api.apiId}.execute-api.${this.region}.${this.urlSuffix}`,
      openDataBucket: openData.bucket,
      originHeaders: {
        [originVerifyHeader]: SecretValue.secretsManager(originSecret.secretArn, { versionId: props.originSecretVersionId }).unsafeUnwrap(),
      },
    });
    if (props.webAclArn) site.distribution.attachWebAclId(props.webAclArn);

    // Readiness reminders: every day at 07:00 London time, from the portal's SES sender.
    const readiness = new ScheduledJob(this, 'ReadinessJob', {
      entry: join(props.lambdaEntryDir ?? defaultLambdaEntryDir, 'readiness-job.ts'),
      description: 'Daily: remind outlets to confirm their listings, and list for commissioners those nobody confirmed',
      dailyAt: { hour: 7, minute: 0 },
      logLevel: props.logLevel,
      tracing: props.tracing,
    });
    readiness.job.bindTableForReadinessJob(table);
    readiness.job.bindEmail({ from: props.signIn.senderEmail, siteUrl: emailSiteUrl });
    readiness.job.bindLinkKeys(linkKeys);

    const operations = new FinderOperations(this, 'Operations', {
      stage,
      api,
      table,
      apiFunctions: allRouteGroups().map((group) => ({ name: group, id: constructIdOf(group), function: functions[group] as IFunction })),
      jobs: { 'readiness-job': { id: 'ReadinessJob', job: readiness }, 'open-data-files': { id: 'OpenDataFilesJob', job: openData.scheduledJob } },
      alarmEmail: props.alarmEmail,
      signInBlockedRequests: signInFirewall.blockedRequests,
    });

    new CfnOutput(this, 'SiteUrl', { value: site.url, description: 'The site; the API is served on the same origin, under /api/' });
    // No output of the API's own address: it answers only requests that came through CloudFront.
    new CfnOutput(this, 'TableName', { value: table.tableName, description: 'The DynamoDB table' });
    new CfnOutput(this, 'UserPoolId', { value: signIn.userPool.userPoolId, description: 'The portal users (create accounts here)' });
    new CfnOutput(this, 'UserPoolClientId', { value: signIn.clientId, description: "The site's sign-in client" });
    new CfnOutput(this, 'SignInDomain', { value: signIn.origin, description: 'Managed login, where portal users sign in' });
    new CfnOutput(this, 'OriginSecretArn', { value: originSecret.secretArn, description: 'The origin secret CloudFront sends the API (README, "Rotating the origin secret")' });
    new CfnOutput(this, 'LinkKeysSecretArn', { value: linkKeys.secretArn, description: 'The key of readiness reminders\' links (npm run jobs:readiness -- --link-secret)' });
    new CfnOutput(this, 'AlarmTopicArn', { value: operations.alarms.topic.topicArn, description: 'Every alarm goes here; subscribe more addresses or a pager' });
    new CfnOutput(this, 'DashboardName', { value: operations.dashboard.dashboard.dashboardName, description: 'The operations dashboard, in CloudWatch → Dashboards' });
    new CfnOutput(this, 'ReadinessFailuresQueueUrl', { value: readiness.deadLetterQueue.queueUrl, description: 'Readiness job runs that failed after retries' });

    // Last, so that every bucket that empties itself on deletion is built by now.
    keepAutoDeleteLogs(this);
  }

  /** The prefix for this stack's account, region and name; needs a concrete account and region. */
  private defaultSignInDomainPrefix(): string {
    if (Token.isUnresolved(this.account) || Token.isUnresolved(this.region)) {
      throw new Error('The sign-in domain prefix is derived from the account and region: give the stack an env, or a domainPrefix');
    }
    return defaultSignInDomainPrefix(this.stackName, this.account, this.region);
  }
}

/**
 * A secret the stack generates and people rotate by hand (`rotation` says how and why, as cdk-nag's
 * acknowledgement of SMG4): letters and digits only, so it travels in headers and tokens as it is.
 */
function handRotatedSecret(scope: Construct, id: string, { description, length, rotation }: { description: string; length: number; rotation: string }): Secret {
  const secret = new Secret(scope, id, {
    description,
    generateSecretString: { passwordLength: length, excludePunctuation: true },
    removalPolicy: RemovalPolicy.DESTROY,
  });
  Validations.of(secret).acknowledge({ id: 'AwsSolutions-SMG4', reason: rotation });
  return secret;
}
