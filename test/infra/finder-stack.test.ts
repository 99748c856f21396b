/**
 * The stack's data, functions, HTTP API and outputs, asserted on its synthesised template. The
 * site's bucket and CDN are in `finder-stack-site.test.ts`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { geoIndex, tableKeys } from '../../functions/data/table-schema.js';
import { routeGroups, routeKey, routes } from '../../functions/routes.js';
import { allRouteGroups } from '../../infra/route-plan.js';
import { type Resource, useSynthesisedStack } from './support/synthesised-stack.js';

const stack = useSynthesisedStack();

/** The logical id and resource of the one function serving `group`. */
function groupFunction(group: keyof typeof routeGroups): [string, Resource] {
  const found = Object.entries(
    stack.template.findResources('AWS::Lambda::Function', { Properties: { Description: routeGroups[group].description } }),
  );
  expect(found).toHaveLength(1);
  return found[0] as [string, Resource];
}

describe('the table', () => {
  it('is on demand, recoverable, protected from deletion and retained with the stack', () => {
    // Prepare
    const tables = stack.template.findResources('AWS::DynamoDB::Table');

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
    const [table] = Object.values(stack.template.findResources('AWS::DynamoDB::Table')) as Resource[];

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
    const withTable = stack.template.findResources('AWS::Lambda::Function', {
      Properties: { Environment: { Variables: { TABLE_NAME: Match.anyValue() } } },
    });

    // Assess
    expect(Object.keys(withTable)).toHaveLength(groups.length);
    for (const group of groups) {
      const [, fn] = groupFunction(group);
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Handler).toBe('index.handler');
      expect(fn.Properties.Environment.Variables.TABLE_NAME).toEqual({ Ref: Object.keys(stack.template.findResources('AWS::DynamoDB::Table'))[0] });
    }
  });

  it('keep their logs for a month', () => {
    // Prepare
    const [, fn] = groupFunction('public-api');

    // Act
    const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref as string;

    // Assess
    expect(stack.template.toJSON().Resources[logGroupId].Properties.RetentionInDays).toBe(30);
  });

  /** The IAM statements attached to a group function's role. */
  function statementsOf(group: keyof typeof routeGroups): Array<Record<string, any>> {
    const [, fn] = groupFunction(group);
    const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
    const policies = Object.values(
      stack.template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } }),
    ) as Resource[];
    return policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement as Array<Record<string, any>>);
  }

  /** The one statement of a group's role, with its actions sorted and its resources as written. */
  function tableStatementOf(group: keyof typeof routeGroups): Record<string, any> {
    const statements = statementsOf(group);
    expect(statements).toHaveLength(1);
    const [statement] = statements as [Record<string, any>];
    return { ...statement, Action: ([statement.Action].flat() as string[]).sort() };
  }

  const tableArn = () => ({ 'Fn::GetAtt': [Object.keys(stack.template.findResources('AWS::DynamoDB::Table'))[0], 'Arn'] });

  it('let the public group get, batch-get and query the table and its indexes, and nothing else', () => {
    // Act
    const statement = tableStatementOf('public-api');

    // Assess
    expect(statement).toEqual({
      Effect: 'Allow',
      Action: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'],
      Resource: [tableArn(), { 'Fn::Join': ['', [tableArn(), '/index/*']] }],
    });
  });

  it('let the reports group get and put items on the table alone, and nothing else', () => {
    // Act
    const statement = tableStatementOf('public-reports');

    // Assess
    expect(statement).toEqual({
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
      Resource: tableArn(),
    });
  });

  it('bundle to an ES module that answers its routes', async () => {
    // Prepare
    const [, fn] = groupFunction('public-api');
    const assetDir = join(stack.outdir, `asset.${String(fn.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
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
    const resources = stack.template.toJSON().Resources as Record<string, Resource>;
    const apiRoutes = Object.values(stack.template.findResources('AWS::ApiGatewayV2::Route')) as Resource[];

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
    const stages = Object.values(stack.template.findResources('AWS::ApiGatewayV2::Stage')) as Resource[];

    // Act
    const [stage] = stages;

    // Assess
    expect(stages).toHaveLength(1);
    expect(stage?.Properties.StageName).toBe('$default');
    expect(stage?.Properties.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    expect(stage?.Properties.AccessLogSettings.Format).toContain('$context.requestId');
    expect(stage?.Properties.AccessLogSettings.Format).not.toMatch(/sourceIp|userAgent/i);
  });

  it('holds reports to 5 a second with bursts of 10, while searches keep the stage\'s 50 and 100', () => {
    // Prepare
    const [stage] = Object.values(stack.template.findResources('AWS::ApiGatewayV2::Stage')) as Resource[];
    const [reportRouteId] = Object.keys(
      stack.template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: 'POST /reports' } }),
    );

    // Act
    const { DefaultRouteSettings, RouteSettings } = stage?.Properties ?? {};

    // Assess
    expect(DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    expect(RouteSettings).toEqual({ 'POST /reports': { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 } });
    expect(stage?.DependsOn).toContain(reportRouteId);
  });

  it('allows no cross-origin calls', () => {
    // Prepare
    const apis = Object.values(stack.template.findResources('AWS::ApiGatewayV2::Api')) as Resource[];

    // Act
    const cors = apis.map((api) => api.Properties.CorsConfiguration);

    // Assess
    expect(cors).toEqual([undefined]);
  });
});

describe('the outputs', () => {
  it('give the site URL, API URL and table name', () => {
    // Prepare
    const outputs = stack.template.toJSON().Outputs as Record<string, unknown>;

    // Act
    const names = Object.keys(outputs);

    // Assess
    expect(names).toEqual(expect.arrayContaining(['SiteUrl', 'ApiUrl', 'TableName']));
  });
});
