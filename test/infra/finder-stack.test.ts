/**
 * The stack's data, sign-in and functions, asserted on its synthesised template. The HTTP API and
 * the outputs are in `finder-stack-api.test.ts`, the site's bucket and CDN in
 * `finder-stack-site.test.ts`, the readiness job in `finder-stack-readiness.test.ts`, open data in
 * `finder-stack-open-data.test.ts`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { unauthorisedBody } from '../../functions/contract/error.js';
import { searchableOutletFields } from '../../functions/contract/outlet.js';
import { areaIndex, geoIndex, publishedIndex, readinessIndex, secondaryIndexes, tableKeys } from '../../functions/data/table-schema.js';
import { type RouteGroup, routeKey, routes } from '../../functions/routes.js';
import { defaultSignInDomainPrefix } from '../../infra/constructs/portal-sign-in.js';
import { allRouteGroups, managesAccountsOf, needsSignInOf, sendsEmailOf } from '../../infra/route-plan.js';
import { referenceCycle } from './support/reference-cycle.js';
import { groupFunctionOf, onlyResource, type Resource, readsOriginSecretOnly, roleStatements, signIn, useSynthesisedStack } from './support/synthesised-stack.js';

const stack = useSynthesisedStack();

const only = (type: string) => onlyResource(stack, type);
const groupFunction = (group: RouteGroup) => groupFunctionOf(stack, group);

const tableId = () => only('AWS::DynamoDB::Table')[0];
const tableArn = () => ({ 'Fn::GetAtt': [tableId(), 'Arn'] });

describe('the template', () => {
  it('has no cycle of references, which CloudFormation would refuse although synthesis succeeds', () => {
    // Act
    const cycle = referenceCycle(stack.template.toJSON());

    // Assess
    expect(cycle).toBeNull();
  });
});

describe('the table', () => {
  // Deletion protection and retention follow the stage: finder-stack-stages.test.ts.
  it('is on demand, recoverable and encrypted', () => {
    // Act
    const [, table] = only('AWS::DynamoDB::Table');

    // Assess
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true });
  });

  it('has the key schema of the shared table shape, a geo index holding only the searchable fields, an area index holding only what dashboards read, the keys-only readiness index, and a published index holding only ids and when each changed', () => {
    // Prepare
    const keySchema = [
      { AttributeName: tableKeys.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableKeys.sortKey, KeyType: 'RANGE' },
    ];

    // Act
    const [, table] = only('AWS::DynamoDB::Table');
    const [geo, area, readiness, published] = table.Properties.GlobalSecondaryIndexes;

    // Assess
    expect(table.Properties.KeySchema).toEqual(keySchema);
    expect(table.Properties.GlobalSecondaryIndexes.map((index: { IndexName: string }) => index.IndexName)).toEqual([geoIndex.name, areaIndex.name, readinessIndex.name, publishedIndex.name]);
    expect(geo).toEqual({
      IndexName: geoIndex.name,
      KeySchema: [
        { AttributeName: geoIndex.partitionKey, KeyType: 'HASH' },
        { AttributeName: geoIndex.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...searchableOutletFields] },
    });
    expect(area).toEqual({
      IndexName: areaIndex.name,
      KeySchema: [
        { AttributeName: areaIndex.partitionKey, KeyType: 'HASH' },
        { AttributeName: areaIndex.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...areaIndex.projectedAttributes] },
    });
    expect(area.Projection.NonKeyAttributes).not.toContain('contactEmail');
    expect(readiness.Projection).toEqual({ ProjectionType: 'KEYS_ONLY' });
    expect(published).toEqual({
      IndexName: publishedIndex.name,
      KeySchema: [
        { AttributeName: publishedIndex.partitionKey, KeyType: 'HASH' },
        { AttributeName: publishedIndex.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['id', 'updatedAt'] },
    });
  });
});

describe('the sign-in', () => {
  it('sends people back to the distribution\'s portal pages, and to the extra origins\'', () => {
    // Prepare
    const [distributionId] = only('AWS::CloudFront::Distribution');
    const onDistribution = (path: string) => ({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, path]] });

    // Act
    const [, client] = only('AWS::Cognito::UserPoolClient');

    // Assess
    expect(client.Properties.CallbackURLs).toEqual([
      onDistribution('/portal/callback/'),
      ...signIn.extraSiteOrigins.map((origin) => `${origin}/portal/callback/`),
    ]);
    expect(client.Properties.LogoutURLs).toEqual([
      onDistribution('/portal/signed-out/'),
      ...signIn.extraSiteOrigins.map((origin) => `${origin}/portal/signed-out/`),
    ]);
    expect(client.Properties.AllowedOAuthFlows).toEqual(['code']);
    expect(client.Properties.GenerateSecret).toBe(false);
  });

  it('uses a managed login prefix derived from the stack when none is given', () => {
    // Act
    const [, domain] = only('AWS::Cognito::UserPoolDomain');

    // Assess
    expect(domain.Properties.Domain).toBe(defaultSignInDomainPrefix('FinderTest', '111111111111', 'eu-west-2'));
    expect(domain.Properties.ManagedLoginVersion).toBe(2);
  });

  it('keeps admin-made accounts that sign in with emailed codes or passkeys, sent from the given SES sender', () => {
    // Act
    const [, pool] = only('AWS::Cognito::UserPool');

    // Assess
    expect(pool.Properties.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: true });
    expect(pool.Properties.Policies.SignInPolicy.AllowedFirstAuthFactors).toEqual(expect.arrayContaining(['EMAIL_OTP', 'WEB_AUTHN']));
    expect(pool.Properties.EmailConfiguration.SourceArn).toBe(`arn:aws:ses:eu-west-2:111111111111:identity/${signIn.senderEmail}`);
  });
});

describe('the functions', () => {
  it('are one Node.js 22 arm64 function per route group, the readiness job and the open data job, told the table name', () => {
    // Prepare
    const groups = allRouteGroups();

    // Act
    const withTable = stack.template.findResources('AWS::Lambda::Function', {
      Properties: { Environment: { Variables: { TABLE_NAME: Match.anyValue() } } },
    });

    // Assess
    expect(Object.keys(withTable)).toHaveLength(groups.length + 2);
    for (const group of groups) {
      const [, fn] = groupFunction(group);
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Handler).toBe('index.handler');
      expect(fn.Properties.Environment.Variables.TABLE_NAME).toEqual({ Ref: tableId() });
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

  it('tell the groups the route table names, and no other, where people sign in', () => {
    // Prepare
    const [poolId] = only('AWS::Cognito::UserPool');
    const [clientId] = only('AWS::Cognito::UserPoolClient');
    const [, domain] = only('AWS::Cognito::UserPoolDomain');
    const signInOrigin = `https://${domain.Properties.Domain}.auth.eu-west-2.amazoncognito.com`;

    // Act
    const settings = Object.fromEntries(
      allRouteGroups().map((group) => {
        const variables = groupFunction(group)[1].Properties.Environment.Variables as Record<string, unknown>;
        return [group, Object.fromEntries(Object.entries(variables).filter(([name]) => name.startsWith('AUTH_')))];
      }),
    );

    // Assess
    for (const group of allRouteGroups()) {
      if (!needsSignInOf(group)) {
        expect(settings[group]).toEqual({});
        continue;
      }
      expect(settings[group]).toEqual({
        AUTH_ISSUER: { 'Fn::Join': ['', ['https://cognito-idp.eu-west-2.', { Ref: 'AWS::URLSuffix' }, '/', { Ref: poolId }]] },
        AUTH_CLIENT_ID: { Ref: clientId },
        AUTH_AUTHORIZATION_ENDPOINT: `${signInOrigin}/oauth2/authorize`,
        AUTH_TOKEN_ENDPOINT: `${signInOrigin}/oauth2/token`,
        AUTH_LOGOUT_ENDPOINT: `${signInOrigin}/logout`,
      });
    }
    expect(needsSignInOf('portal')).toBe(true);
  });

  /**
   * Every statement of a group's role, with actions sorted and resources as written, but reading the
   * origin secret, which every group does (`edge-protection.test.ts`).
   */
  const statementsOf = (group: RouteGroup): Record<string, any>[] =>
    roleStatements(stack, groupFunction(group)[1]).filter((statement) => !readsOriginSecretOnly(stack, statement));

  /** The one statement of a group's role about the table: it must be the role's only one, unless the group sends email or makes accounts. */
  function tableStatementOf(group: RouteGroup): Record<string, any> {
    const statements = statementsOf(group).filter((statement) => (statement.Action as string[]).every((action) => action.startsWith('dynamodb:')));
    expect(statements).toHaveLength(1);
    if (!sendsEmailOf(group) && !managesAccountsOf(group)) expect(statementsOf(group)).toHaveLength(1);
    return statements[0] as Record<string, any>;
  }

  it('let the public group get, batch-get and query the table and each of its indexes by name, and nothing else', () => {
    // Act
    const statement = tableStatementOf('public-api');

    // Assess
    expect(statement).toEqual({
      Effect: 'Allow',
      Action: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'],
      Resource: [tableArn(), ...secondaryIndexes.map((index) => index.name).sort().map((name) => ({ 'Fn::Join': ['', [tableArn(), `/index/${name}`]] }))],
    });
  });

  it('let the reports group get and put items on the table alone, and update a listing’s report count and nothing else', () => {
    // Act
    const statements = statementsOf('public-reports');

    // Assess
    expect(statements).toEqual([
      { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: tableArn() },
      {
        Effect: 'Allow',
        Action: ['dynamodb:UpdateItem'],
        Resource: tableArn(),
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['pk', 'sk', 'noKitsReports'] } },
      },
    ]);
  });

  it('let the portal and the registrations read, write and delete items of the table alone, never its indexes', () => {
    // Act
    const statements = (['portal', 'public-registrations'] as const).map(tableStatementOf);

    // Assess
    for (const statement of statements) {
      expect(statement).toEqual({
        Effect: 'Allow',
        Action: [
          'dynamodb:BatchGetItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:DeleteItem',
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:Query',
          'dynamodb:UpdateItem',
        ],
        Resource: tableArn(),
      });
    }
  });

  it('let the portal, alone, make accounts in the user pool with exactly three actions and send email from the sender, and tell it where', () => {
    // The reminder links' function reads the link key, and nothing else outside the table (below).
    // Prepare
    const [poolId] = only('AWS::Cognito::UserPool');
    const [distributionId] = only('AWS::CloudFront::Distribution');
    const identity = (name: string) => `arn:aws:ses:eu-west-2:111111111111:identity/${name}`;

    // Act
    const others = statementsOf('portal').filter((statement) => !(statement.Action as string[])[0]?.startsWith('dynamodb:'));
    const variables = groupFunction('portal')[1].Properties.Environment.Variables;
    const elsewhere = allRouteGroups()
      .filter((group) => group !== 'portal')
      .flatMap((group) => statementsOf(group).flatMap((statement) => statement.Action as string[]))
      .filter((action) => !action.startsWith('dynamodb:') && !action.startsWith('secretsmanager:'));

    // Assess
    expect(others).toEqual([
      { Effect: 'Allow', Action: ['ses:SendEmail'], Resource: [identity('finder.example.org'), identity(signIn.senderEmail)] },
      {
        Effect: 'Allow',
        Action: ['cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminCreateUser', 'cognito-idp:AdminGetUser'],
        Resource: { 'Fn::GetAtt': [poolId, 'Arn'] },
      },
    ]);
    expect(variables).toMatchObject({ USER_POOL_ID: { Ref: poolId }, EMAIL_FROM: signIn.senderEmail, SITE_URL: signIn.extraSiteOrigins[0] });
    expect(JSON.stringify(variables)).not.toContain(distributionId);
    expect(elsewhere).toEqual([]);
  });

  /** Runs a group's bundled entry with `events`, as Lambda would; the answers' status and body. */
  async function invokeBundle(group: RouteGroup, events: object[]): Promise<Array<[number, unknown]>> {
    const [, fn] = groupFunction(group);
    const assetDir = join(stack.outdir, `asset.${String(fn.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
    const invoke = `
      const { handler } = await import('./index.mjs');
      const context = { awsRequestId: 'bundle-test', functionName: 'bundle-test', getRemainingTimeInMillis: () => 10000 };
      const answers = [];
      for (const event of ${JSON.stringify(events)}) {
        const answer = await handler(event, context);
        answers.push([answer.statusCode, JSON.parse(answer.body)]);
      }
      console.log(JSON.stringify(answers));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', invoke], {
      cwd: assetDir,
      env: { PATH: process.env.PATH, TABLE_NAME: 'bundle-test', LOG_LEVEL: 'SILENT' },
    });
    expect(existsSync(join(assetDir, 'index.mjs.map'))).toBe(true);
    return JSON.parse(stdout);
  }

  it('bundle to ES modules that answer their routes', async () => {
    // Prepare
    const events = [
      { routeKey: 'GET /api/outlets/{id}', pathParameters: { id: 'abc' }, headers: {} },
      { routeKey: 'GET /api/nowhere', headers: {} },
    ];

    // Act
    const answers = await invokeBundle('public-api', events);

    // Assess
    expect(answers.map(([status]) => status)).toEqual([200, 404]);
    expect(answers[0]?.[1]).toEqual({ id: 'abc' });
  });

  it('answer a signed-in route reached without verified claims with the project\'s 401 body', async () => {
    // Prepare: what the portal's function would get if a route lost its authorizer.
    const events = [{ routeKey: 'GET /api/me', headers: {}, requestContext: {} }];

    // Act
    const [answer] = await invokeBundle('portal', events);

    // Assess
    expect(answer).toEqual([401, unauthorisedBody]);
  });
});
