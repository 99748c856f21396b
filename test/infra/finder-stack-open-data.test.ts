/**
 * The stack's open data: the HSDS routes and their CORS preflights, the rewrite of HSDS's root
 * path, and the files: their bucket, the scheduled job that writes them and CloudFront serving them.
 */
import { describe, expect, it } from 'vitest';
import { apiPathAliases, hsdsCacheControl, openDataFiles, openDataFilesSchedule } from '../../functions/contract/open-data.js';
import { openDataFilesJobDescription } from '../../infra/constructs/open-data-files.js';
import { routeGroups, routeKey, routes } from '../../functions/routes.js';
import { type Resource, cachingDisabled, roleStatements, useSynthesisedStack } from './support/synthesised-stack.js';

/** CloudFront's managed CachingOptimized policy: keeps what the origin's Cache-Control allows, compressed. */
const cachingOptimized = '658327ea-f89d-4fab-a63d-7e88639e58f6';

const stack = useSynthesisedStack();

const resources = () => stack.template.toJSON().Resources as Record<string, Resource>;

function distributionConfig(): Record<string, any> {
  const [distribution] = Object.values(stack.template.findResources('AWS::CloudFront::Distribution')) as Resource[];
  return distribution?.Properties.DistributionConfig;
}

describe('the HSDS API', () => {
  it('serves every open data route, and its CORS preflight, without an authorizer from the open data function', () => {
    // Prepare
    const openDataRoutes = routes.filter((route) => route.group === 'open-data');
    const apiRoutes = new Map(
      (Object.values(stack.template.findResources('AWS::ApiGatewayV2::Route')) as Resource[]).map((route) => [route.Properties.RouteKey as string, route]),
    );

    // Act
    const served = openDataRoutes.map((route) => apiRoutes.get(routeKey(route))?.Properties.AuthorizationType);

    // Assess
    expect(openDataRoutes.map(routeKey)).toEqual([
      'GET /api/hsds',
      'OPTIONS /api/hsds',
      'GET /api/hsds/services',
      'OPTIONS /api/hsds/services',
      'GET /api/hsds/services/{id}',
      'OPTIONS /api/hsds/services/{id}',
      'GET /api/hsds/service_at_locations',
      'OPTIONS /api/hsds/service_at_locations',
    ]);
    expect(served).toEqual(openDataRoutes.map(() => 'NONE'));
    stack.template.hasResourceProperties('AWS::Lambda::Function', { Description: routeGroups['open-data'].description });
  });

  it('gets HSDS\'s root path with its trailing slash to the API\'s route through a viewer-request rewrite', () => {
    // Prepare
    const behavior = distributionConfig().CacheBehaviors.find((candidate: Record<string, any>) => candidate.PathPattern === '/api/hsds/');
    const [association] = behavior.FunctionAssociations;
    const code = resources()[association.FunctionARN['Fn::GetAtt'][0]]?.Properties.FunctionCode as string;
    const viewerRequest = new Function(`${code}; return handler;`)();

    // Act
    const uris = ['/api/hsds/', '/api/hsds', '/api/hsds/services'].map((uri) => viewerRequest({ request: { uri } }).uri);

    // Assess
    expect(apiPathAliases).toEqual({ '/api/hsds/': '/api/hsds' });
    expect(association.EventType).toBe('viewer-request');
    expect(uris).toEqual(['/api/hsds', '/api/hsds', '/api/hsds/services']);
  });
});

describe('the HSDS API at the edge', () => {
  it('is kept by CloudFront for as long as each answer allows, at most five minutes, keyed by its whole query string alone', () => {
    // Prepare
    const config = distributionConfig();
    const paths = config.CacheBehaviors.map((behavior: Record<string, any>) => behavior.PathPattern as string);

    // Act
    const behavior = config.CacheBehaviors.find((candidate: Record<string, any>) => candidate.PathPattern === '/api/hsds/*');
    const policy = resources()[behavior.CachePolicyId.Ref]?.Properties.CachePolicyConfig;

    // Assess
    expect(paths.indexOf('/api/hsds/')).toBeLessThan(paths.indexOf('/api/hsds/*'));
    expect(paths.indexOf('/api/hsds/*')).toBeLessThan(paths.indexOf('/api/*'));
    expect(policy).toMatchObject({
      MinTTL: 0,
      DefaultTTL: 0,
      MaxTTL: 300,
      ParametersInCacheKeyAndForwardedToOrigin: {
        QueryStringsConfig: { QueryStringBehavior: 'all' },
        HeadersConfig: { HeaderBehavior: 'none' },
        CookiesConfig: { CookieBehavior: 'none' },
        EnableAcceptEncodingGzip: true,
      },
    });
    expect(hsdsCacheControl).toEqual({ shared: 'public, max-age=300', personal: 'no-store' });
  });
});

describe('the open data files', () => {
  /** The job's function, its logical id, and the bucket's. */
  function jobAndBucket() {
    const [jobId, job] = Object.entries(stack.template.findResources('AWS::Lambda::Function', { Properties: { Description: openDataFilesJobDescription } }))[0] as [string, Resource];
    const bucketId = job.Properties.Environment.Variables.OPEN_DATA_BUCKET.Ref as string;
    return { jobId, job, bucketId };
  }

  it('are rebuilt by a job on an EventBridge Scheduler schedule, every rebuild interval, retried, with failures kept in its dead-letter queue', () => {
    // Prepare
    const { jobId } = jobAndBucket();

    // Act
    const [schedule, ...others] = (Object.values(stack.template.findResources('AWS::Scheduler::Schedule')) as Resource[]).filter(
      (candidate) => candidate.Properties.Target.Arn['Fn::GetAtt']?.[0] === jobId,
    );
    const [invokeConfig] = (Object.values(stack.template.findResources('AWS::Lambda::EventInvokeConfig')) as Resource[]).filter(
      (candidate) => candidate.Properties.FunctionName.Ref === jobId,
    );
    const queueArn = invokeConfig?.Properties.DestinationConfig.OnFailure.Destination;

    // Assess
    expect(others).toEqual([]);
    expect(schedule?.Properties).toMatchObject({
      ScheduleExpression: `rate(${openDataFilesSchedule.rebuildMinutes} minutes)`,
      State: 'ENABLED',
      Target: { DeadLetterConfig: { Arn: queueArn }, RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: openDataFilesSchedule.rebuildMinutes * 60 } },
    });
    expect(invokeConfig?.Properties).toMatchObject({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: openDataFilesSchedule.rebuildMinutes * 60 });
    expect(resources()[queueArn['Fn::GetAtt'][0]]?.Type).toBe('AWS::SQS::Queue');
  });

  it('are written by a job that may read the table and put the two files, and nothing else', () => {
    // Prepare
    const { job, bucketId } = jobAndBucket();

    // Act
    const statements = roleStatements(stack, job);
    const actions = statements.flatMap((statement) => statement.Action as string[]).sort();
    const s3Resources = statements.filter((statement) => (statement.Action as string[]).some((action) => action.startsWith('s3:'))).map((statement) => statement.Resource);

    // Assess
    expect(job.Properties.Environment.Variables.TABLE_NAME).toBeDefined();
    expect(actions.filter((action) => action.startsWith('dynamodb:'))).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query']);
    expect(actions.filter((action) => action.startsWith('s3:'))).toEqual(['s3:PutObject']);
    expect(JSON.stringify(s3Resources)).toBe(
      JSON.stringify([['/api/open-data/outlets.csv', '/api/open-data/outlets.geojson'].map((key) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, key]] }))]),
    );
  });

  it('are served from their bucket at /api/open-data/*, ahead of the API, cached as the files say, readable by any site', () => {
    // Prepare
    const { bucketId } = jobAndBucket();
    const config = distributionConfig();
    const paths = config.CacheBehaviors.map((behavior: Record<string, any>) => behavior.PathPattern as string);

    // Act
    const behavior = config.CacheBehaviors.find((candidate: Record<string, any>) => candidate.PathPattern === '/api/open-data/*');
    const origin = config.Origins.find((candidate: Record<string, any>) => candidate.Id === behavior.TargetOriginId);
    const policy = resources()[behavior.ResponseHeadersPolicyId.Ref]?.Properties.ResponseHeadersPolicyConfig;

    // Assess
    expect(Object.values(openDataFiles).every((file) => file.path.startsWith('/api/open-data/'))).toBe(true);
    expect(paths.indexOf('/api/open-data/*')).toBeLessThan(paths.indexOf('/api/*'));
    expect(origin.DomainName).toEqual({ 'Fn::GetAtt': [bucketId, 'RegionalDomainName'] });
    expect(origin.OriginAccessControlId).toBeDefined();
    expect(behavior).toMatchObject({ CachePolicyId: cachingOptimized, AllowedMethods: ['GET', 'HEAD'], Compress: true, ViewerProtocolPolicy: 'redirect-to-https' });
    expect(behavior.CachePolicyId).not.toBe(cachingDisabled);
    expect(policy.CorsConfig).toMatchObject({
      AccessControlAllowOrigins: { Items: ['*'] },
      AccessControlAllowMethods: { Items: ['GET', 'HEAD'] },
      AccessControlAllowCredentials: false,
      OriginOverride: true,
    });
    expect(policy.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('are readable and listable from their bucket by this distribution alone', () => {
    // Prepare
    const { bucketId } = jobAndBucket();
    const [distributionId] = Object.keys(stack.template.findResources('AWS::CloudFront::Distribution'));

    // Act
    const [bucketPolicy] = (Object.values(stack.template.findResources('AWS::S3::BucketPolicy')) as Resource[]).filter(
      (candidate) => candidate.Properties.Bucket.Ref === bucketId,
    );
    const reads = (bucketPolicy?.Properties.PolicyDocument.Statement as Record<string, any>[]).filter((statement) => statement.Effect === 'Allow' && statement.Principal?.Service);

    // Assess: reading and listing (so a missing file is a 404), nothing else.
    expect(reads.map((statement) => [statement.Action].flat()).flat().sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
    for (const statement of reads) {
      expect(statement.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
      expect(JSON.stringify(statement.Condition)).toContain(distributionId);
    }
  });
});
