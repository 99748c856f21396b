/**
 * The public site: a private bucket behind CloudFront, which also sends the API's paths to the HTTP
 * API so that the browser only ever talks to one origin (no CORS, no third party but map tiles).
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  type BehaviorOptions,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  S3OriginAccessControl,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { accountUniqueName, cloudFrontNameLimits } from './account-unique-name.js';
import { contentSecurityPolicy } from './content-security-policy.js';
import { SiteContentDeployment } from './site-content-deployment.js';
import { SiteRouting } from './site-routing.js';

/** What the site is served from and what its pages may load. */
export interface StaticSiteProps {
  /** A folder holding the built site, with `index.html` at its root. */
  readonly siteAssetPath: string;
  /** The Leaflet tile URL template the site was built with; the CSP allows its origin for images. */
  readonly tileUrl: string;
  /** The HTTP API's host name (no scheme), and the first path segments it owns (`/outlets`). */
  readonly api: { readonly domainName: string; readonly pathPrefixes: readonly string[] };
  /** @default PriceClass.PRICE_CLASS_100 – North America and Europe, where UK visitors are served from. */
  readonly priceClass?: PriceClass;
}

/** The site's bucket, distribution and content deployment. */
export class StaticSite extends Construct {
  /** The private bucket the built site is copied to. */
  readonly bucket: Bucket;
  /** The CloudFront distribution serving the site and the API's paths. */
  readonly distribution: Distribution;
  /** The site's address, `https://<distribution domain>`. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: StaticSiteProps) {
    super(scope, id);

    // DESTROY with autoDeleteObjects: the bucket holds only build output, rebuilt from git by
    // `npm run build:site`, so keeping it after the stack is gone would leave an orphan to pay for
    // and nothing of value in it. The listings live in the table, which is retained.
    this.bucket = new Bucket(this, 'Content', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    // CloudFront names these per account, and CDK's generated names leave out the region, so the
    // same stack in a second region would clash with the first: they are named here instead.
    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: accountUniqueName(this, 'SecurityHeaders', cloudFrontNameLimits.responseHeadersPolicy),
      comment: 'Naloxone finder: security headers and CSP',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        // Search pages carry a postcode in their query string: cross-origin requests (map tiles) get
        // the origin only, which the OpenStreetMap tile policy asks for, never the page's address.
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(props.tileUrl), override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          // "Use my location" needs geolocation on our own pages; nothing else needs any device API.
          { header: 'Permissions-Policy', value: 'geolocation=(self), camera=(), microphone=(), payment=(), usb=()', override: true },
        ],
      },
    });

    const originAccessControl = new S3OriginAccessControl(this, 'OriginAccessControl', {
      originAccessControlName: accountUniqueName(this, 'OriginAccessControl', cloudFrontNameLimits.originAccessControl),
      description: 'Naloxone finder: CloudFront reads the site bucket',
    });

    const routing = new SiteRouting(this, 'Routing', { siteAssetPath: props.siteAssetPath });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Naloxone finder: site and API on one origin',
      defaultRootObject: 'index.html',
      priceClass: props.priceClass ?? PriceClass.PRICE_CLASS_100,
      httpVersion: HttpVersion.HTTP2_AND_3,
      // No access logging: CloudFront's standard logs hold every viewer's IP address.
      // No custom error pages either: they would apply to the API's paths too and hide its JSON errors.
      // The site's own 404 page comes from its behaviour's functions (`SiteRouting`) instead.
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket, { originAccessControl }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        compress: true,
        functionAssociations: routing.functionAssociations,
      },
      additionalBehaviors: apiBehaviors(props.api, securityHeaders),
    });

    this.url = `https://${this.distribution.distributionDomainName}`;

    new SiteContentDeployment(this, 'Deployment', {
      siteAssetPath: props.siteAssetPath,
      bucket: this.bucket,
      distribution: this.distribution,
    });
  }
}

/**
 * One pair of behaviours per API prefix: `/outlets` itself and everything under it. Nothing is
 * cached at the edge (answers depend on the query and listings change), and every viewer header
 * but Host is forwarded, because API Gateway routes on its own host name.
 *
 * Plain HTTP gets a 403 rather than the site's redirect: a browser follows a 301 to a POST with a
 * GET and no body, so a report sent over http would be lost without a word. The site calls the API
 * on its own origin from https pages (HSTS keeps them so), so only a misconfigured client meets it.
 */
function apiBehaviors(
  api: StaticSiteProps['api'],
  responseHeadersPolicy: ResponseHeadersPolicy,
): Record<string, BehaviorOptions> {
  const behavior: BehaviorOptions = {
    origin: new HttpOrigin(api.domainName, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
    viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
    allowedMethods: AllowedMethods.ALLOW_ALL,
    cachePolicy: CachePolicy.CACHING_DISABLED,
    originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    responseHeadersPolicy,
  };
  return Object.fromEntries(api.pathPrefixes.flatMap((prefix) => [
    [prefix, behavior],
    [`${prefix}/*`, behavior],
  ]));
}
