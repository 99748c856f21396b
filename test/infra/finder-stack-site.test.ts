/**
 * The site's side of the stack: a private bucket behind CloudFront, the API's paths on the same
 * origin, the portal's pages, security headers, the 404 page and how the files are deployed.
 */
import { describe, expect, it } from 'vitest';
import { apiPrefix, embedPagePaths, portalPrefix } from '../../functions/contract/web-policy.js';
import { type Resource, allViewerExceptHostHeader, cachingDisabled, useSynthesisedStack } from './support/synthesised-stack.js';

const stack = useSynthesisedStack();

describe('the site', () => {
  it('keeps its buckets, the site\'s and the open data files\', private, encrypted and reachable only over TLS', () => {
    // Prepare
    const buckets = Object.values(stack.template.findResources('AWS::S3::Bucket')) as Resource[];

    // Act
    const policies = Object.values(stack.template.findResources('AWS::S3::BucketPolicy')) as Resource[];

    // Assess
    expect(buckets).toHaveLength(2);
    for (const bucket of buckets) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({
        SSEAlgorithm: 'AES256',
      });
    }
    expect(policies).toHaveLength(2);
    for (const policy of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      );
    }
  });

  it('serves the bucket through CloudFront with origin access control over HTTPS', () => {
    // Prepare
    const [distribution] = Object.values(stack.template.findResources('AWS::CloudFront::Distribution')) as Resource[];

    // Act
    const config = distribution?.Properties.DistributionConfig;
    const s3Origin = config.Origins.find((origin: Record<string, any>) => origin.S3OriginConfig);

    // Assess
    stack.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    expect(s3Origin.OriginAccessControlId).toBeDefined();
    expect(s3Origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.TargetOriginId).toBe(s3Origin.Id);
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.Logging).toBeUndefined();
  });

  it('sends /api and everything under it but the open data files, and nothing else, to the HTTP API uncached with every method, refusing plain HTTP rather than redirecting', () => {
    // Prepare
    const [distribution] = Object.values(stack.template.findResources('AWS::CloudFront::Distribution')) as Resource[];
    const config = distribution?.Properties.DistributionConfig;
    const apiOrigin = config.Origins.find((origin: Record<string, any>) =>
      JSON.stringify(origin.DomainName).includes('.execute-api.eu-west-2.'),
    );

    // Act
    const behaviors = new Map<string, Record<string, any>>(
      config.CacheBehaviors.map((behavior: Record<string, any>) => [behavior.PathPattern, behavior]),
    );

    // Assess
    expect(apiOrigin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
    const toApi = [...behaviors.values()].filter((behavior) => behavior.TargetOriginId === apiOrigin.Id);
    // HSDS's root endpoint with its trailing slash first, rewritten to the API's route, then the HSDS
    // API's lists, cached as their answers allow (see the open data tests).
    expect(toApi.map((behavior) => behavior.PathPattern)).toEqual([`${apiPrefix}/hsds/`, `${apiPrefix}/hsds/*`, apiPrefix, `${apiPrefix}/*`]);
    for (const pattern of [`${apiPrefix}/hsds/`, `${apiPrefix}/hsds/*`, apiPrefix, `${apiPrefix}/*`]) {
      expect(behaviors.get(pattern)).toMatchObject({
        TargetOriginId: apiOrigin.Id,
        ...(pattern === `${apiPrefix}/hsds/*` ? {} : { CachePolicyId: cachingDisabled }),
        OriginRequestPolicyId: allViewerExceptHostHeader,
        // A redirect would turn a POST into a GET without its body.
        ViewerProtocolPolicy: 'https-only',
      });
      expect(behaviors.get(pattern)?.AllowedMethods).toHaveLength(7);
    }
  });

  /** The response headers policy of each behaviour, by path pattern (`*` for the default one). */
  function policiesByPath(): Map<string, Record<string, any>> {
    const policies = stack.template.findResources('AWS::CloudFront::ResponseHeadersPolicy');
    const [distribution] = Object.values(stack.template.findResources('AWS::CloudFront::Distribution')) as Resource[];
    const config = distribution?.Properties.DistributionConfig;
    const policyOf = (behavior: Record<string, any>) => policies[behavior.ResponseHeadersPolicyId.Ref]?.Properties.ResponseHeadersPolicyConfig;
    return new Map([
      ['*', policyOf(config.DefaultCacheBehavior)],
      ...config.CacheBehaviors.map((behavior: Record<string, any>) => [behavior.PathPattern, policyOf(behavior)]),
    ]);
  }

  const directives = (policy: Record<string, any> | undefined): string[] =>
    String(policy?.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy).split('; ');

  it('answers everything with security headers and a CSP that allows only the tile server besides itself', () => {
    // Act
    const policies = policiesByPath();

    // Assess: the pages', the portal's, the embed page's and the open data files' (see the open data tests).
    stack.template.resourceCountIs('AWS::CloudFront::ResponseHeadersPolicy', 4);
    for (const [path, policy] of policies) {
      if (path === `${apiPrefix}/open-data/*` || (embedPagePaths as readonly string[]).includes(path)) continue;
      const headers = policy?.SecurityHeadersConfig;
      expect(headers.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true });
      expect(headers.ContentTypeOptions).toEqual({ Override: true });
      expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
      expect(headers.ReferrerPolicy).toEqual({ ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true });
      expect(directives(policy)).toEqual(
        expect.arrayContaining(["img-src 'self' data: https://*.tiles.example.org", "script-src 'self'", "frame-ancestors 'none'"]),
      );
    }
  });

  it('lets the portal\'s pages connect to managed login, for the token exchange, and no other page', () => {
    // Prepare
    const [domain] = Object.values(stack.template.findResources('AWS::Cognito::UserPoolDomain')) as Resource[];
    const signInOrigin = `https://${domain?.Properties.Domain}.auth.eu-west-2.amazoncognito.com`;

    // Act
    const connectSrc = new Map([...policiesByPath()].map(([path, policy]) => [path, directives(policy).find((d) => d.startsWith('connect-src'))]));

    // Assess
    expect(connectSrc).toEqual(
      new Map([
        ['*', "connect-src 'self'"],
        [portalPrefix, `connect-src 'self' ${signInOrigin}`],
        [`${portalPrefix}/*`, `connect-src 'self' ${signInOrigin}`],
        ...embedPagePaths.map((path): [string, string] => [path, "connect-src 'self'"]),
        [`${apiPrefix}/hsds/`, "connect-src 'self'"],
        [`${apiPrefix}/hsds/*`, "connect-src 'self'"],
        // Data, never a page: `default-src 'none'` and no connect-src of its own.
        [`${apiPrefix}/open-data/*`, undefined],
        [apiPrefix, "connect-src 'self'"],
        [`${apiPrefix}/*`, "connect-src 'self'"],
      ]),
    );
  });

  it('lets any site frame the embeddable finder\'s page, and only that page, with the site\'s other headers', () => {
    // Prepare
    const policies = policiesByPath();
    const { site, others } = behaviors();

    // Act
    const embed = embedPagePaths.map((path) => policies.get(path));
    const embedBehaviors = others.filter((behavior) => (embedPagePaths as readonly string[]).includes(behavior.PathPattern));

    // Assess: its own paths only, no `/embed/*` that would open the "how to embed" page to frames too.
    expect([...policies.keys()].filter((path) => path.startsWith('/embed'))).toEqual([...embedPagePaths]);
    for (const policy of embed) {
      const headers = policy?.SecurityHeadersConfig;
      expect(headers.FrameOptions).toBeUndefined();
      expect(directives(policy)).toContain('frame-ancestors *');
      expect(directives(policy)).not.toContain("frame-ancestors 'none'");
      expect(directives(policy)).toEqual(expect.arrayContaining(["script-src 'self'", "connect-src 'self'"]));
      expect(headers.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true });
      expect(headers.ContentTypeOptions).toEqual({ Override: true });
      expect(headers.ReferrerPolicy).toEqual({ ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true });
    }
    for (const behavior of embedBehaviors) {
      expect(behavior).toMatchObject({
        TargetOriginId: site.TargetOriginId,
        ViewerProtocolPolicy: 'redirect-to-https',
        CachePolicyId: site.CachePolicyId,
        FunctionAssociations: site.FunctionAssociations,
      });
    }
    expect(embedBehaviors).toHaveLength(embedPagePaths.length);
    // Every other page, the default behaviour's, still refuses frames.
    expect(policies.get('*')?.SecurityHeadersConfig.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
  });

  it('serves the portal\'s pages from the bucket like the rest of the site, through the same routing functions', () => {
    // Prepare
    const { site, others } = behaviors();

    // Act
    const portal = others.filter((behavior) => [portalPrefix, `${portalPrefix}/*`].includes(behavior.PathPattern));

    // Assess
    expect(portal).toHaveLength(2);
    for (const behavior of portal) {
      expect(behavior).toMatchObject({
        TargetOriginId: site.TargetOriginId,
        ViewerProtocolPolicy: 'redirect-to-https',
        CachePolicyId: site.CachePolicyId,
        FunctionAssociations: site.FunctionAssociations,
      });
      expect(behavior.ResponseHeadersPolicyId).not.toEqual(site.ResponseHeadersPolicyId);
    }
  });

  it('has no custom error responses, which would replace the API\'s JSON errors on every path', () => {
    // Act
    const [distribution] = Object.values(stack.template.findResources('AWS::CloudFront::Distribution')) as Resource[];

    // Assess
    expect(distribution?.Properties.DistributionConfig.CustomErrorResponses).toBeUndefined();
  });

  /** The distribution's behaviours: the default one, the API's and the others. */
  function behaviors(): { site: Record<string, any>; api: Array<Record<string, any>>; others: Array<Record<string, any>> } {
    const [distribution] = Object.values(stack.template.findResources('AWS::CloudFront::Distribution')) as Resource[];
    const config = distribution?.Properties.DistributionConfig;
    const isApi = (behavior: Record<string, any>) => [apiPrefix, `${apiPrefix}/*`].includes(behavior.PathPattern);
    return {
      site: config.DefaultCacheBehavior,
      api: config.CacheBehaviors.filter(isApi),
      others: config.CacheBehaviors.filter((behavior: Record<string, any>) => !isApi(behavior)),
    };
  }

  /** The source of the CloudFront function associated with `eventType` on the site's behaviour. */
  function siteFunctionCode(eventType: string): string {
    const association = behaviors().site.FunctionAssociations.find(
      (candidate: Record<string, any>) => candidate.EventType === eventType,
    );
    const functionId = association.FunctionARN['Fn::GetAtt'][0] as string;
    return stack.template.toJSON().Resources[functionId].Properties.FunctionCode as string;
  }

  it('runs a viewer-request and a viewer-response function on the site behaviour and none on the API', () => {
    // Act
    const { site, api } = behaviors();

    // Assess
    expect(site.FunctionAssociations.map((association: Record<string, any>) => association.EventType)).toEqual([
      'viewer-request',
      'viewer-response',
    ]);
    // And the API path aliases' rewrite, on their own behaviour (see the open data tests).
    stack.template.resourceCountIs('AWS::CloudFront::Function', 3);
    expect(api.length).toBeGreaterThan(0);
    for (const behavior of api) expect(behavior.FunctionAssociations).toBeUndefined();
  });

  it('sends unknown paths of the deployed site to its 404 page, with status 404', () => {
    // Prepare
    const viewerRequest = new Function(`${siteFunctionCode('viewer-request')}; return handler;`)();
    const viewerResponse = new Function(`${siteFunctionCode('viewer-response')}; return handler;`)();

    // Act
    const rewritten = ['/outlet/', '/_astro/outlet.Fx1a2b3c.js', '/no-such-page'].map((uri) => viewerRequest({ request: { uri } }).uri);
    const status = viewerResponse({ request: { uri: '/no-such-page' }, response: { statusCode: 200 } }).statusCode;

    // Assess
    expect(rewritten).toEqual(['/outlet/index.html', '/_astro/outlet.Fx1a2b3c.js', '/404.html']);
    expect(status).toBe(404);
  });

  it('passes an earlier build\'s /_astro/ file, which deployments keep, through to the bucket with its 200', () => {
    // Prepare
    const viewerRequest = new Function(`${siteFunctionCode('viewer-request')}; return handler;`)();
    const viewerResponse = new Function(`${siteFunctionCode('viewer-response')}; return handler;`)();
    const previousBuild = '/_astro/old.abc123.js';

    // Act
    const uri = viewerRequest({ request: { uri: previousBuild } }).uri;
    const status = viewerResponse({ request: { uri: previousBuild }, response: { statusCode: 200 } }).statusCode;

    // Assess
    expect(uri).toBe(previousBuild);
    expect(status).toBe(200);
  });

  /** The site's two deployments, told apart by whether they prune. */
  function deployments(): { revalidated: [string, Resource]; fingerprinted: [string, Resource] } {
    const all = Object.entries(stack.template.findResources('Custom::CDKBucketDeployment')) as Array<[string, Resource]>;
    expect(all).toHaveLength(2);
    const revalidated = all.find(([, deployment]) => deployment.Properties.Prune !== false);
    const fingerprinted = all.find(([, deployment]) => deployment.Properties.Prune === false);
    if (!revalidated || !fingerprinted) throw new Error('expected one pruning and one non-pruning deployment');
    return { revalidated, fingerprinted };
  }

  it('deploys pages and the service worker with no-cache, pruning all but /_astro/, and clears the CDN cache', () => {
    // Act
    const [, deployment] = deployments().revalidated;

    // Assess
    expect(deployment.Properties.SystemMetadata).toEqual({ 'cache-control': 'no-cache' });
    expect(deployment.Properties.Exclude).toEqual(['_astro/*']);
    expect(deployment.Properties.Include).toBeUndefined();
    expect(deployment.Properties.Prune).toBe(true);
    expect(deployment.Properties.DistributionPaths).toEqual(['/*']);
  });

  it('deploys only /_astro/ files as immutable for a year, keeping old ones, before the pages', () => {
    // Prepare
    const { revalidated, fingerprinted } = deployments();

    // Act
    const [fingerprintedId, deployment] = fingerprinted;

    // Assess
    expect(deployment.Properties.SystemMetadata).toEqual({ 'cache-control': 'public, max-age=31536000, immutable' });
    expect(deployment.Properties.Exclude).toEqual(['*']);
    expect(deployment.Properties.Include).toEqual(['_astro/*']);
    expect(deployment.Properties.DistributionPaths).toBeUndefined();
    expect(revalidated[1].DependsOn).toContain(fingerprintedId);
  });

  it('deploys both parts from the one site asset', () => {
    // Act
    const { revalidated, fingerprinted } = deployments();

    // Assess
    expect(fingerprinted[1].Properties.SourceObjectKeys).toEqual(revalidated[1].Properties.SourceObjectKeys);
  });
});
