/**
 * Copies the built site to its bucket with the right `Cache-Control` on each file, then clears the
 * CDN cache.
 */
import { DefaultStackSynthesizer, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { CfnBucket, IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { fingerprintedFolder } from './site-files.js';

/**
 * Pages, the service worker and everything else without a content hash in its name: browsers
 * revalidate on every use (a cheap 304 when unchanged), so a corrected emergency guide reaches
 * people at once and nobody keeps a page that points at a changed API. CloudFront itself still keeps
 * them for the cache policy's minimum TTL (one second with CachingOptimized), which it honours "even
 * if the Cache-Control: no-cache … directives are present" (CachePolicyConfig, CloudFront API
 * Reference); each deployment clears the edge cache anyway.
 */
export const revalidatedCacheControl = 'no-cache';

/** Astro's `/_astro/` files: the content hash in the name changes whenever the content does. */
export const fingerprintedCacheControl = 'public, max-age=31536000, immutable';

/** The sync filter for Astro's fingerprinted files, relative to the site folder. */
const fingerprinted = `${fingerprintedFolder}/*`;

/** What to deploy where. */
export interface SiteContentDeploymentProps {
  /** The built site. */
  readonly siteAssetPath: string;
  /** The site's bucket; the deployment owns all of it. */
  readonly bucket: IBucket;
  /** Cleared (`/*`) once the new files are in place. */
  readonly distribution: IDistribution;
}

/**
 * Two `BucketDeployment`s of the same asset, split by sync filters (`aws s3 sync --exclude/--include`),
 * because a deployment sets one `Cache-Control` on every file it copies.
 *
 * - `FingerprintedFiles` copies only `_astro/*` and never prunes: pages from the previous build, still
 *   open in a tab or saved by a service worker, keep loading the scripts they name.
 * - `RevalidatedFiles` copies everything else and prunes, which deletes removed pages. `aws s3 sync`
 *   neither copies nor deletes what its filters exclude, so it leaves `_astro/` alone.
 *
 * Ordered fingerprinted first: a new page or service worker (whose install fetches its `_astro/`
 * files) must never be served before the files it names exist. The cache is cleared after both.
 */
export class SiteContentDeployment extends Construct {
  constructor(scope: Construct, id: string, props: SiteContentDeploymentProps) {
    super(scope, id);

    const source = Source.asset(props.siteAssetPath);
    // Both deployments share one handler function, which takes the log group of whichever is
    // created first, so they share the log group too.
    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const fingerprintedFiles = new BucketDeployment(this, 'FingerprintedFiles', {
      sources: [source],
      destinationBucket: props.bucket,
      exclude: ['*'],
      include: [fingerprinted],
      prune: false,
      cacheControl: [CacheControl.fromString(fingerprintedCacheControl)],
      memoryLimit: 512,
      logGroup,
    });

    const revalidatedFiles = new BucketDeployment(this, 'RevalidatedFiles', {
      sources: [source],
      destinationBucket: props.bucket,
      exclude: [fingerprinted],
      prune: true,
      cacheControl: [CacheControl.fromString(revalidatedCacheControl)],
      distribution: props.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
      logGroup,
    });
    revalidatedFiles.node.addDependency(fingerprintedFiles);
    acknowledgeDeploymentHandler(this, props.bucket);
  }
}

/**
 * cdk-nag's findings on CDK's own BucketDeployment handler, a singleton function of the stack whose
 * code, runtime and policy CDK decides (this project sets only its memory and log group): its role
 * has the AWS-managed basic execution policy, S3 actions written with wildcards (`s3:GetObject*`,
 * `s3:List*`, …) on the assets bucket and the site's bucket, and CloudFront invalidation, which
 * has no resource-level permission (`*`). Acknowledged on that handler alone.
 */
function acknowledgeDeploymentHandler(scope: Construct, bucket: IBucket): void {
  const stack = Stack.of(scope);
  const qualifier = stack.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  // As cdk-nag writes the finding: a pseudo parameter that is still a token, by its name.
  const literal = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
  const assetsBucket = `arn:${literal(stack.partition, 'Partition')}:s3:::cdk-${qualifier}-assets-${literal(stack.account, 'AccountId')}-${literal(stack.region, 'Region')}/*`;
  const siteBucket = `<${stack.getLogicalId(bucket.node.defaultChild as CfnBucket)}.Arn>/*`;
  const cdkManaged = "CDK's BucketDeployment handler, a custom resource whose code and policy CDK manages";
  const findings: Record<string, string> = {
    'AwsSolutions-L1': `${cdkManaged}: its runtime is CDK's choice and moves with aws-cdk-lib.`,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]': `${cdkManaged}: CDK attaches the basic execution policy to it.`,
    [`AwsSolutions-IAM5[Resource::${assetsBucket}]`]: `${cdkManaged}: it reads the site's zip from CDK's assets bucket, whose keys are content hashes.`,
    [`AwsSolutions-IAM5[Resource::${siteBucket}]`]: `${cdkManaged}: it writes and prunes every object of the site's bucket, which holds only the built site.`,
    'AwsSolutions-IAM5[Resource::*]': `${cdkManaged}: CloudFront's CreateInvalidation after a deployment, which has no resource-level permissions.`,
  };
  for (const action of ['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*']) {
    findings[`AwsSolutions-IAM5[Action::${action}]`] = `${cdkManaged}: the action groups CDK grants for reading the asset and syncing the site's bucket.`;
  }
  const handlers = stack.node.children.filter((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
  for (const handler of handlers) for (const [id, reason] of Object.entries(findings)) Validations.of(handler).acknowledge({ id, reason });
}
