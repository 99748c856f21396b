/**
 * The stack, synthesised once for the whole file (synthesis bundles the Lambda with esbuild), with
 * a fixture site and a fixture group entry so the test does not wait on the real site build.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geoIndex, tableKeys } from '../../functions/data/table-schema.js';
import { apiPathPrefixes, routeGroups, routeKey, routes } from '../../functions/routes.js';
import { FinderStack } from '../../infra/finder-stack.js';
import { projectRoot } from '../../infra/project-paths.js';
import { allRouteGroups } from '../../infra/route-plan.js';

const fixtures = join(projectRoot, 'test', 'infra', 'fixtures');
const tileUrl = 'https://{s}.tiles.example.org/{z}/{x}/{y}.png';

/** CloudFront's managed policies, by their fixed ids. */
const cachingDisabled = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const allViewerExceptHostHeader = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

const writeActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

type Resource = {
  Type: string;
  Properties: Record<string, any>;
  DependsOn?: string[];
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};

let outdir: string;
let template: Template;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'finder-stack-'));
  // The same feature flags as `cdk synth`, so the test sees what would be deployed.
  const { context } = JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8'));
  const app = new App({ outdir, context });
  const stack = new FinderStack(app, 'FinderTest', {
    env: { account: '111111111111', region: 'eu-west-2' },
    siteAssetPath: join(fixtures, 'site'),
    lambdaEntryDir: join(fixtures, 'lambdas'),
    tileUrl,
  });
  template = Template.fromJSON(app.synth().getStackByName(stack.stackName).template);
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** The logical id and resource of the one function serving `group`. */
function groupFunction(group: keyof typeof routeGroups): [string, Resource] {
  const found = Object.entries(
    template.findResources('AWS::Lambda::Function', { Properties: { Description: routeGroups[group].description } }),
  );
  expect(found).toHaveLength(1);
  return found[0] as [string, Resource];
}

describe('the table', () => {
  it('is on demand, recoverable, protected from deletion and retained with the stack', () => {
    // Prepare
    const tables = template.findResources('AWS::DynamoDB::Table');

    // Act
    const [table] = Object.values(tables) as Resource[];

    // Assess
    expect(Object.keys(tables)).toHaveLength(1);
    expect(table?.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table?.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table?.Properties.DeletionProtectionEnabled).toBe(true);
    expect(table?.Properties.SSESpecification).toEqual({ SSEEnabled: true });
    expect(table?.DeletionPolicy).toBe('Retain');
    expect(table?.UpdateReplacePolicy).toBe('Retain');
  });

  it('has the key schema and geo index of the shared table shape', () => {
    // Prepare
    const keySchema = [
      { AttributeName: tableKeys.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableKeys.sortKey, KeyType: 'RANGE' },
    ];
    const geo = {
      IndexName: geoIndex.name,
      KeySchema: [
        { AttributeName: geoIndex.partitionKey, KeyType: 'HASH' },
        { AttributeName: geoIndex.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    };

    // Act
    const [table] = Object.values(template.findResources('AWS::DynamoDB::Table')) as Resource[];

    // Assess
    expect(table?.Properties.KeySchema).toEqual(keySchema);
    expect(table?.Properties.GlobalSecondaryIndexes).toEqual([geo]);
  });
});

describe('the functions', () => {
  it('are one Node.js 22 arm64 function per route group, told the table name', () => {
    // Prepare
    const groups = allRouteGroups();

    // Act
    const withTable = template.findResources('AWS::Lambda::Function', {
      Properties: { Environment: { Variables: { TABLE_NAME: Match.anyValue() } } },
    });

    // Assess
    expect(Object.keys(withTable)).toHaveLength(groups.length);
    for (const group of groups) {
      const [, fn] = groupFunction(group);
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Handler).toBe('index.handler');
      expect(fn.Properties.Environment.Variables.TABLE_NAME).toEqual({ Ref: Object.keys(template.findResources('AWS::DynamoDB::Table'))[0] });
    }
  });

  it('keep their logs for a month', () => {
    // Prepare
    const [, fn] = groupFunction('public-api');

    // Act
    const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref as string;

    // Assess
    expect(template.toJSON().Resources[logGroupId].Properties.RetentionInDays).toBe(30);
  });

  /** The IAM statements attached to a group function's role. */
  function statementsOf(group: keyof typeof routeGroups): Array<Record<string, any>> {
    const [, fn] = groupFunction(group);
    const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
    const policies = Object.values(
      template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } }),
    ) as Resource[];
    return policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement as Array<Record<string, any>>);
  }

  const actionsOf = (statements: Array<Record<string, any>>) =>
    statements.flatMap((statement) => [statement.Action].flat() as string[]);

  it('let the public group read the table and its indexes but not write', () => {
    // Act
    const statements = statementsOf('public-api');
    const actions = actionsOf(statements);

    // Assess
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
    for (const action of writeActions) expect(actions).not.toContain(action);
    expect(JSON.stringify(statements)).toContain('/index/*');
  });

  it('let the reports group write, because it takes POST', () => {
    // Act
    const actions = actionsOf(statementsOf('public-reports'));

    // Assess
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem']));
  });

  it('bundle to an ES module that answers its routes', async () => {
    // Prepare
    const [, fn] = groupFunction('public-api');
    const assetDir = join(outdir, `asset.${String(fn.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
    const invoke = `
      const { handler } = await import('./index.mjs');
      const found = await handler({ routeKey: 'GET /outlets/{id}', pathParameters: { id: 'abc' } });
      const missing = await handler({ routeKey: 'GET /nowhere' });
      console.log(JSON.stringify([found.statusCode, JSON.parse(found.body), missing.statusCode]));`;

    // Act
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', invoke], {
      cwd: assetDir,
      env: { PATH: process.env.PATH, TABLE_NAME: 'bundle-test', LOG_LEVEL: 'SILENT' },
    });

    // Assess
    expect(existsSync(join(assetDir, 'index.mjs.map'))).toBe(true);
    expect(JSON.parse(stdout)).toEqual([200, { id: 'abc' }, 404]);
  });
});

describe('the HTTP API', () => {
  it('has exactly the routes of the route table, each to its group function, none signed-in', () => {
    // Prepare
    const resources = template.toJSON().Resources as Record<string, Resource>;
    const apiRoutes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')) as Resource[];

    // Act
    const served = apiRoutes.map((route) => {
      const integrationId = route.Properties.Target['Fn::Join'][1][1].Ref as string;
      const functionId = resources[integrationId]?.Properties.IntegrationUri['Fn::GetAtt'][0] as string;
      return { key: route.Properties.RouteKey, functionId, auth: route.Properties.AuthorizationType };
    });

    // Assess
    expect(served.map((route) => route.key).sort()).toEqual(routes.map(routeKey).sort());
    for (const route of routes) {
      const [functionId] = groupFunction(route.group);
      expect(served).toContainEqual({ key: routeKey(route), functionId, auth: 'NONE' });
    }
  });

  it('throttles the default stage and logs no IP addresses', () => {
    // Prepare
    const stages = Object.values(template.findResources('AWS::ApiGatewayV2::Stage')) as Resource[];

    // Act
    const [stage] = stages;

    // Assess
    expect(stages).toHaveLength(1);
    expect(stage?.Properties.StageName).toBe('$default');
    expect(stage?.Properties.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    expect(stage?.Properties.AccessLogSettings.Format).toContain('$context.requestId');
    expect(stage?.Properties.AccessLogSettings.Format).not.toMatch(/sourceIp|userAgent/i);
  });

  it('allows no cross-origin calls', () => {
    // Prepare
    const apis = Object.values(template.findResources('AWS::ApiGatewayV2::Api')) as Resource[];

    // Act
    const cors = apis.map((api) => api.Properties.CorsConfiguration);

    // Assess
    expect(cors).toEqual([undefined]);
  });
});

describe('the site', () => {
  it('keeps its bucket private, encrypted and reachable only over TLS', () => {
    // Prepare
    const buckets = Object.values(template.findResources('AWS::S3::Bucket')) as Resource[];

    // Act
    const [bucket] = buckets;

    // Assess
    expect(buckets).toHaveLength(1);
    expect(bucket?.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket?.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({
      SSEAlgorithm: 'AES256',
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('serves the bucket through CloudFront with origin access control over HTTPS', () => {
    // Prepare
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution')) as Resource[];

    // Act
    const config = distribution?.Properties.DistributionConfig;
    const s3Origin = config.Origins.find((origin: Record<string, any>) => origin.S3OriginConfig);

    // Assess
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    expect(s3Origin.OriginAccessControlId).toBeDefined();
    expect(s3Origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.TargetOriginId).toBe(s3Origin.Id);
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.Logging).toBeUndefined();
  });

  it('sends the API paths to the HTTP API uncached with every method', () => {
    // Prepare
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution')) as Resource[];
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
    for (const pattern of apiPathPrefixes().flatMap((prefix) => [prefix, `${prefix}/*`])) {
      expect(behaviors.get(pattern)).toMatchObject({
        TargetOriginId: apiOrigin.Id,
        CachePolicyId: cachingDisabled,
        OriginRequestPolicyId: allViewerExceptHostHeader,
        ViewerProtocolPolicy: 'redirect-to-https',
      });
      expect(behaviors.get(pattern)?.AllowedMethods).toHaveLength(7);
    }
  });

  it('answers with security headers and a CSP that allows only the tile server besides itself', () => {
    // Prepare
    const policies = template.findResources('AWS::CloudFront::ResponseHeadersPolicy');
    const [policyId, policy] = Object.entries(policies)[0] as [string, Resource];
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution')) as Resource[];

    // Act
    const headers = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const behaviors = [
      distribution?.Properties.DistributionConfig.DefaultCacheBehavior,
      ...distribution?.Properties.DistributionConfig.CacheBehaviors,
    ];

    // Assess
    expect(headers.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true });
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(headers.ReferrerPolicy).toEqual({ ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true });
    expect(headers.ContentSecurityPolicy.ContentSecurityPolicy).toContain("img-src 'self' data: https://*.tiles.example.org;");
    expect(headers.ContentSecurityPolicy.ContentSecurityPolicy).toContain("script-src 'self';");
    for (const behavior of behaviors) expect(behavior.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
  });

  /** The distribution's behaviours: the default one, and the API's by path pattern. */
  function behaviors(): { site: Record<string, any>; api: Array<Record<string, any>> } {
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution')) as Resource[];
    const config = distribution?.Properties.DistributionConfig;
    return { site: config.DefaultCacheBehavior, api: config.CacheBehaviors };
  }

  /** The source of the CloudFront function associated with `eventType` on the site's behaviour. */
  function siteFunctionCode(eventType: string): string {
    const association = behaviors().site.FunctionAssociations.find(
      (candidate: Record<string, any>) => candidate.EventType === eventType,
    );
    const functionId = association.FunctionARN['Fn::GetAtt'][0] as string;
    return template.toJSON().Resources[functionId].Properties.FunctionCode as string;
  }

  it('runs a viewer-request and a viewer-response function on the site behaviour and none on the API', () => {
    // Act
    const { site, api } = behaviors();

    // Assess
    expect(site.FunctionAssociations.map((association: Record<string, any>) => association.EventType)).toEqual([
      'viewer-request',
      'viewer-response',
    ]);
    template.resourceCountIs('AWS::CloudFront::Function', 2);
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

  /** The site's two deployments, told apart by whether they prune. */
  function deployments(): { revalidated: [string, Resource]; fingerprinted: [string, Resource] } {
    const all = Object.entries(template.findResources('Custom::CDKBucketDeployment')) as Array<[string, Resource]>;
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

describe('the outputs', () => {
  it('give the site URL, API URL and table name', () => {
    // Prepare
    const outputs = template.toJSON().Outputs as Record<string, unknown>;

    // Act
    const names = Object.keys(outputs);

    // Assess
    expect(names).toEqual(expect.arrayContaining(['SiteUrl', 'ApiUrl', 'TableName']));
  });
});
