/**
 * The site: a private bucket behind CloudFront, which also sends the API's paths to the HTTP API so
 * that the browser only ever talks to one origin (no CORS, no third party but map tiles and, on the
 * portal's pages, the sign-in service).
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccessLevel,
  type AddBehaviorOptions,
  AllowedMethods,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  type BehaviorOptions,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  type IOrigin,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  type ResponseHeadersCorsBehavior,
  ResponseHeadersPolicy,
  S3OriginAccessControl,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { apiPathAliases, hsdsBasePath, openDataFilesPrefix } from '../../functions/contract/open-data.js';
import { apiPrefix, contentSecurityPolicy, embedPagePaths, portalPrefix, tileSource } from '../../functions/contract/web-policy.js';
import { accountUniqueName, cloudFrontNameLimits } from './account-unique-name.js';
import { apiPathAliasCode } from './api-path-alias-code.js';
import { SiteContentDeployment } from './site-content-deployment.js';
import { SiteRouting } from './site-routing.js';

/**
 * Throws unless `tileUrl` is an https tile URL template: the site is served over https, and an https
 * page cannot load http tiles. The web policy itself accepts http, for the local server.
 */
export function checkHttpsTileUrl(tileUrl: string): void {
  if (!tileSource(tileUrl).startsWith('https://')) {
    throw new Error(`Tile URL "${tileUrl}" must be an https URL template: an https page cannot load http tiles`);
  }
}

/** What the site is served from and what its pages may load. */
export interface StaticSiteProps {
  /** A folder holding the built site, with `index.html` at its root. */
  readonly siteAssetPath: string;
  /** The Leaflet tile URL template the site was built with; the CSP allows its origin for images. */
  readonly tileUrl: string;
  /**
   * The sign-in service's origin (managed login): the portal's pages exchange the sign-in code for
   * tokens there, so their CSP allows connections to it. The public pages' CSP does not.
   */
  readonly signInOrigin: string;
  /** @default PriceClass.PRICE_CLASS_100 – North America and Europe, where UK visitors are served from. */
  readonly priceClass?: PriceClass;
  /**
   * A custom domain the distribution answers on, with its certificate (ACM, us-east-1). Only then is
   * HSTS sent with `preload`: a domain on the browsers' preload list is one the operator chose and
   * controls, never CloudFront's shared `cloudfront.net`. @default none
   */
  readonly customDomain?: { readonly domainName: string; readonly certificate: ICertificate };
}

/** Where the HTTP API is, and the open data files. */
export interface SiteApiOptions {
  /** The HTTP API's host name, no scheme (`<api id>.execute-api.<region>.amazonaws.com`). */
  readonly domainName: string;
  /**
   * The bucket of the open data files (`OpenDataFiles`), served under `openDataFilesPrefix` from
   * their object keys, the paths without the leading slash. @default none: those paths go to the API
   */
  readonly openDataBucket?: IBucket;
  /**
   * Headers CloudFront adds to every request it sends to the API (the origin secret), replacing any
   * of the same name the viewer sent. @default none
   */
  readonly originHeaders?: Record<string, string>;
}

/**
 * The site's bucket, distribution and content deployment. The API's behaviours come with `addApi`,
 * because the API is built last: its authorizer needs the sign-in client, whose callback URL needs
 * this distribution.
 */
export class StaticSite extends Construct {
  /** The private bucket the built site is copied to. */
  readonly bucket: Bucket;
  /** The CloudFront distribution serving the site and the API's paths. */
  readonly distribution: Distribution;
  /** The site's address, `https://<distribution domain>`. */
  readonly url: string;
  private readonly securityHeaders: ResponseHeadersPolicy;
  private readonly originAccessControl: S3OriginAccessControl;
  /** Whether HSTS asks for preload: only on a custom domain. */
  private readonly hstsPreload: boolean;

  constructor(scope: Construct, id: string, props: StaticSiteProps) {
    super(scope, id);

    checkHttpsTileUrl(props.tileUrl);

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
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'No server access logs: the bucket holds only the built site, public pages read through CloudFront (origin access control) ' +
        'and written by the deployment, and a log of those reads would need a bucket of its own while telling nothing CloudFront does not.',
    });

    this.hstsPreload = props.customDomain !== undefined;
    this.securityHeaders = securityHeadersPolicy(
      this,
      'SecurityHeaders',
      'Naloxone finder: security headers and CSP',
      contentSecurityPolicy({ tileUrl: props.tileUrl }),
      { preload: this.hstsPreload },
    );
    const portalSecurityHeaders = securityHeadersPolicy(
      this,
      'PortalSecurityHeaders',
      'Naloxone finder portal: security headers and a CSP that reaches the sign-in service',
      contentSecurityPolicy({ tileUrl: props.tileUrl, signInOrigin: props.signInOrigin }),
      { preload: this.hstsPreload },
    );

    const originAccessControl = new S3OriginAccessControl(this, 'OriginAccessControl', {
      originAccessControlName: accountUniqueName(this, 'OriginAccessControl', cloudFrontNameLimits.originAccessControl),
      description: 'Naloxone finder: CloudFront reads the site bucket',
    });
    this.originAccessControl = originAccessControl;
    const siteOrigin: IOrigin = S3BucketOrigin.withOriginAccessControl(this.bucket, { originAccessControl });

    const routing = new SiteRouting(this, 'Routing', { siteAssetPath: props.siteAssetPath });
    const pages = (responseHeadersPolicy: ResponseHeadersPolicy): BehaviorOptions => ({
      origin: siteOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy,
      compress: true,
      functionAssociations: routing.functionAssociations,
    });
    const portalPages = pages(portalSecurityHeaders);
    // The embeddable finder's page, the one page other sites may frame: its own policy, on its own
    // paths only (not `/embed/*`, so the "how to embed" page below it keeps refusing frames).
    const embedPage = pages(
      securityHeadersPolicy(
        this,
        'EmbedSecurityHeaders',
        'Naloxone finder embed page: security headers, a CSP that lets any site frame it',
        contentSecurityPolicy({ tileUrl: props.tileUrl, framing: 'any' }),
        { preload: this.hstsPreload },
        undefined,
        { allowFraming: true },
      ),
    );

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Naloxone finder: site and API on one origin',
      defaultRootObject: 'index.html',
      priceClass: props.priceClass ?? PriceClass.PRICE_CLASS_100,
      httpVersion: HttpVersion.HTTP2_AND_3,
      ...(props.customDomain ? { domainNames: [props.customDomain.domainName], certificate: props.customDomain.certificate } : {}),
      // No access logging: CloudFront's standard logs hold every viewer's IP address.
      //
      // No custom error responses: they apply to every behaviour, so a 404 page here would replace
      // the API's JSON 404s (the site's own 404 page comes from `SiteRouting` instead). Nor can one
      // give the JWT authorizer's 401 (`{"message":"Unauthorized"}`, which HTTP APIs cannot reword)
      // the project's error body: CloudFront customises only 400, 403, 404, 405, 414, 416 and 500 to
      // 504, and refuses 401. So a client must act on a 401's status, whichever body it has.
      defaultBehavior: pages(this.securityHeaders),
      // The portal's pages, `/portal` itself included as `isPortalPath` has it, get their own CSP.
      additionalBehaviors: {
        [portalPrefix]: portalPages,
        [`${portalPrefix}/*`]: portalPages,
        ...Object.fromEntries(embedPagePaths.map((path) => [path, embedPage])),
      },
    });

    this.url = `https://${this.distribution.distributionDomainName}`;

    // cdk-nag's distribution rules, each a choice made above or out of this construct's hands.
    for (const [id, reason] of Object.entries({
      'AwsSolutions-CFR1':
        'No geo restriction: the finder serves the UK, but people abroad (family, travellers, VPN users) must still reach ' +
        'the overdose guide and the listings; nothing it serves is restricted by country.',
      'AwsSolutions-CFR3':
        'No access logging: CloudFront standard logs hold every viewer\'s IP address, and the finder never logs IP addresses. ' +
        "The API's own access log (RouteTableApi) records requests without them.",
      'AwsSolutions-CFR4':
        "The distribution uses CloudFront's default *.cloudfront.net certificate, with which CloudFront fixes the minimum " +
        'protocol at TLSv1 and no other can be set; a custom domain brings its own certificate and TLSv1.2_2021.',
    })) {
      Validations.of(this.distribution).acknowledge({ id, reason });
    }

    new SiteContentDeployment(this, 'Deployment', {
      siteAssetPath: props.siteAssetPath,
      bucket: this.bucket,
      distribution: this.distribution,
    });
  }

  /**
   * Sends `/api` and everything under `/api/` to the HTTP API, but the open data files (to their
   * bucket, with `openDataBucket`). Nothing is cached at the edge (answers depend on the query and
   * the caller, and listings change) but the HSDS API's public lists, for as long as each answer
   * says; every viewer header but Host is forwarded, because API Gateway routes on its own host name.
   *
   * Plain HTTP gets a 403 rather than the site's redirect: a browser follows a 301 to a POST with a
   * GET and no body, so a report sent over http would be lost without a word. The site calls the
   * API on its own origin from https pages (HSTS keeps them so), so only a misconfigured client
   * meets it.
   */
  addApi(api: SiteApiOptions): void {
    const origin = new HttpOrigin(api.domainName, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY, customHeaders: api.originHeaders });
    const options: AddBehaviorOptions = {
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: this.securityHeaders,
    };
    if (api.openDataBucket) this.addOpenDataFiles(api.openDataBucket);
    // Paths the API answers as another (`apiPathAliases`: HSDS's `/api/hsds/`), rewritten before
    // they reach it; first, because CloudFront takes the first behaviour whose pattern matches.
    const aliases = Object.keys(apiPathAliases);
    if (aliases.length > 0) {
      const rewrite = new CloudFrontFunction(this, 'ApiPathAliases', {
        code: FunctionCode.fromInline(apiPathAliasCode(apiPathAliases)),
        runtime: FunctionRuntime.JS_2_0,
        comment: 'Send the API paths it answers as others to those (HSDS /api/hsds/ to /api/hsds)',
      });
      const aliasOptions = { ...options, functionAssociations: [{ function: rewrite, eventType: FunctionEventType.VIEWER_REQUEST }] };
      for (const alias of aliases) this.distribution.addBehavior(alias, origin, aliasOptions);
    }
    // The HSDS API's lists and services, kept at the edge for as long as each answer's Cache-Control
    // allows (`hsdsCacheControl`: 5 minutes, never for a `postcode` search, which says no-store):
    // they are the same for everyone, and a page reads the whole `published` index to count it.
    const hsdsCache = new CachePolicy(this, 'HsdsCache', {
      cachePolicyName: accountUniqueName(this, 'HsdsCache', cloudFrontNameLimits.cachePolicy),
      comment: 'Naloxone finder HSDS API: as long as each answer allows, by its whole query string',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.minutes(5),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      headerBehavior: CacheHeaderBehavior.none(),
      cookieBehavior: CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    this.distribution.addBehavior(`${hsdsBasePath}/*`, origin, { ...options, cachePolicy: hsdsCache });
    // `/api` itself too, as `isApiPath` has it: it must get the API's answer, not the site's 404 page.
    for (const pathPattern of [apiPrefix, `${apiPrefix}/*`]) this.distribution.addBehavior(pathPattern, origin, options);
  }

  /**
   * Serves the open data files from their bucket under `openDataFilesPrefix`, before `/api/*` takes
   * them (CloudFront takes the first behaviour whose pattern matches). Cached at the edge for as
   * long as each file's Cache-Control says (`openDataFilesCacheControl`, the job's interval) and
   * compressed; readable by pages of any site, as the HSDS API is.
   */
  private addOpenDataFiles(bucket: IBucket): void {
    const headers = securityHeadersPolicy(
      this,
      'OpenDataHeaders',
      'Naloxone finder open data files: security headers, readable by any site',
      // Data, never a page: nothing may load from or frame it.
      "default-src 'none'; frame-ancestors 'none'",
      { preload: this.hstsPreload },
      { accessControlAllowOrigins: ['*'], accessControlAllowMethods: ['GET', 'HEAD'], accessControlAllowHeaders: ['*'], accessControlAllowCredentials: false, originOverride: true },
    );
    // LIST as well as READ, so a file that is not there is a 404, not S3's 403: the bucket holds only
    // the public files, so listing it tells nobody anything.
    const origin = S3BucketOrigin.withOriginAccessControl(bucket, {
      originAccessControl: this.originAccessControl,
      originAccessLevels: [AccessLevel.READ, AccessLevel.LIST],
    });
    this.distribution.addBehavior(`${openDataFilesPrefix}*`, origin, {
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: headers,
      compress: true,
    });
  }
}

/**
 * A response headers policy with the site's security headers and the given CSP. CloudFront names
 * these per account, and CDK's generated names leave out the region, so the same stack in a second
 * region would clash with the first: they are named here instead. `allowFraming` leaves out
 * X-Frame-Options (DENY otherwise), so that the CSP's `frame-ancestors` alone decides.
 */
function securityHeadersPolicy(
  scope: Construct,
  id: string,
  comment: string,
  csp: string,
  hsts: { readonly preload: boolean },
  corsBehavior?: ResponseHeadersCorsBehavior,
  { allowFraming = false } = {},
): ResponseHeadersPolicy {
  return new ResponseHeadersPolicy(scope, id, {
    responseHeadersPolicyName: accountUniqueName(scope, id, cloudFrontNameLimits.responseHeadersPolicy),
    comment,
    ...(corsBehavior ? { corsBehavior } : {}),
    securityHeadersBehavior: {
      // Two years and subdomains: what the preload list requires, so adding `preload` is the only change.
      strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: hsts.preload, override: true },
      contentTypeOptions: { override: true },
      ...(allowFraming ? {} : { frameOptions: { frameOption: HeadersFrameOption.DENY, override: true } }),
      // Search pages carry a postcode in their query string and the portal's callback a sign-in
      // code: cross-origin requests (map tiles) get the origin only, which the OpenStreetMap tile
      // policy asks for, never the page's address.
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
    },
    customHeadersBehavior: {
      customHeaders: [
        // "Use my location" needs geolocation on our own pages; nothing else needs any device API.
        // Passkeys are made and used on the sign-in service's pages, not ours.
        { header: 'Permissions-Policy', value: 'geolocation=(self), camera=(), microphone=(), payment=(), usb=()', override: true },
      ],
    },
  });
}
