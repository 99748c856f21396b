/**
 * Copies the built site to its bucket with the right `Cache-Control` on each file, then clears the
 * CDN cache.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
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
  }
}
