/**
 * `ApiFunction` bundling the real `functions/lambdas/public-api.ts`, not a fixture: the stack tests
 * bundle stand-ins, so without this a change that only the real handlers' imports trip over (ES
 * module output, `import.meta`, the bundled AWS SDK, a CommonJS dependency) would pass the suite and
 * fail in Lambda.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSignInConfig } from '../../../functions/shared/config.js';
import { ApiFunction, signInEnvironment } from '../../../infra/constructs/api-function.js';
import { lambdaEntryDir, projectRoot } from '../../../infra/project-paths.js';

let outdir: string | undefined;
let assetDir: string | undefined;
let template: Template | undefined;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'api-function-'));
  const { context } = JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8'));
  const app = new App({ outdir, context });
  const stack = new Stack(app, 'ApiFunctionTest', { env: { account: '111111111111', region: 'eu-west-2' } });
  new ApiFunction(stack, 'PublicApi', { entry: join(lambdaEntryDir, 'public-api.ts') });
  template = Template.fromStack(stack);
  const [fn] = Object.values(template.findResources('AWS::Lambda::Function')) as Array<{
    Properties: { Code: { S3Key: string } };
  }>;
  assetDir = join(outdir, `asset.${String(fn?.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
});

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

describe('ApiFunction', () => {
  it('gives the function a role of its own, with no managed policy, that may write only to the function\'s own log group', () => {
    // Prepare
    if (!template) throw new Error('synthesised in beforeAll');
    const [logGroupId] = Object.keys(template.findResources('AWS::Logs::LogGroup'));

    // Act
    const roles = Object.values(template.findResources('AWS::IAM::Role')) as Array<{ Properties: Record<string, any> }>;

    // Assess
    expect(roles).toHaveLength(1);
    expect(roles[0]?.Properties.ManagedPolicyArns).toBeUndefined();
    expect(roles[0]?.Properties.Policies).toEqual([
      {
        PolicyName: 'Logs',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] } }],
        },
      },
    ]);
  });

  it('bundles the real public API into a module that loads and answers an unknown route with a JSON 404', async () => {
    // Prepare: the environment and context Lambda gives it; the table is never reached for an unknown route.
    const invoke = `
      const { handler } = await import('./index.mjs');
      const context = { awsRequestId: 'bundle-test', functionName: 'bundle-test', getRemainingTimeInMillis: () => 10000 };
      const answer = await handler({ routeKey: 'GET /api/nowhere', rawPath: '/api/nowhere', headers: {} }, context);
      console.log(JSON.stringify(answer));`;
    const env = {
      PATH: process.env.PATH,
      TABLE_NAME: 'bundle-test',
      AWS_REGION: 'eu-west-2',
      LOG_LEVEL: 'SILENT',
      NODE_OPTIONS: '--enable-source-maps',
    };

    // Act
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', invoke], { cwd: assetDir, env });
    const answer = JSON.parse(stdout);

    // Assess
    expect(answer.statusCode).toBe(404);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'not_found' });
  });
});

describe('signInEnvironment', () => {
  it('gives the issuer, the client and managed login\'s OAuth endpoints as the functions\' configuration reads them', () => {
    // Prepare
    const signIn = {
      issuer: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_abc',
      clientId: 'site-client',
      origin: 'https://finder.auth.eu-west-2.amazoncognito.com',
    };

    // Act
    const environment = signInEnvironment(signIn);

    // Assess
    expect(parseSignInConfig(environment)).toEqual({
      AUTH_ISSUER: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_abc',
      AUTH_CLIENT_ID: 'site-client',
      AUTH_AUTHORIZATION_ENDPOINT: 'https://finder.auth.eu-west-2.amazoncognito.com/oauth2/authorize',
      AUTH_TOKEN_ENDPOINT: 'https://finder.auth.eu-west-2.amazoncognito.com/oauth2/token',
      AUTH_LOGOUT_ENDPOINT: 'https://finder.auth.eu-west-2.amazoncognito.com/logout',
    });
  });
});
