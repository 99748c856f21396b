/**
 * The data layer's calls to SES, Cognito, Secrets Manager and S3, sent to a real HTTP server on a
 * free port that plays the service: each request's method, path, target header and JSON body as
 * AWS's API reference defines them (the same bodies the SDK clients sent before), its signature's
 * scope, and each service's error answer read into what the callers expect.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDataFiles, openDataFilesCacheControl } from '../../../functions/contract/open-data.js';
import { AwsServiceError, type AwsServiceSettings, localCredentials } from '../../../functions/shared/aws-request.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}
interface Answer {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

let server: Server;
let endpoint: string;
const seen: Seen[] = [];
/** The service's answer to each request, in turn; the last one repeats. */
let answers: Answer[] = [];

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => ({ status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = (answers.length > 1 ? answers.shift() : answers[0]) ?? json(500, {});
      response.writeHead(answer.status, answer.headers ?? {});
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.EMAIL_FROM = 'finder@example.org';
  process.env.SES_ENDPOINT = `${endpoint}/_local/ses`;
  process.env.USER_POOL_ID = 'eu-west-2_TestPool';
  process.env.COGNITO_ENDPOINT = `${endpoint}/_local/cognito`;
  process.env.OPEN_DATA_BUCKET = 'open-data-test-bucket';
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen.length = 0;
  answers = [];
});

/** The service's settings as the modules build them for a local endpoint. */
const service = (signingName: string): AwsServiceSettings => ({ signingName, region: 'eu-west-2', endpoint, credentials: () => localCredentials });

const scopeOf = (request: Seen | undefined) => /Credential=local\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(String(request?.headers.authorization))?.slice(1);

describe('sendEmail (SES v2 SendEmail)', () => {
  it('posts the SendEmail request to /v2/email/outbound-emails under the endpoint and returns the MessageId', async () => {
    // Prepare
    const { sendEmail } = await import('../../../functions/data/email.js');
    answers = [json(200, { MessageId: 'message-1' })];

    // Act
    const id = await sendEmail({ to: 'staff@example.org', subject: 'Your listing', text: 'Hello\nthere' });

    // Assess
    expect(id).toBe('message-1');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/_local/ses/v2/email/outbound-emails' });
    expect(seen[0]?.headers['content-type']).toBe('application/json');
    expect(scopeOf(seen[0])).toEqual(['eu-west-2', 'ses']);
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({
      FromEmailAddress: 'finder@example.org',
      Destination: { ToAddresses: ['staff@example.org'] },
      Content: { Simple: { Subject: { Data: 'Your listing', Charset: 'UTF-8' }, Body: { Text: { Data: 'Hello\nthere', Charset: 'UTF-8' } } } },
    });
  });

  it("throws SES's refusal, named as SES names it, without retrying it", async () => {
    // Prepare
    const { sendEmail } = await import('../../../functions/data/email.js');
    answers = [json(400, { message: 'Email address is not verified.' }, { 'x-amzn-errortype': 'MessageRejected:http://internal.amazon.com/coral/com.amazonaws.sesv2/' })];

    // Act
    const sending = sendEmail({ to: 'staff@example.org', subject: 'S', text: 'T' });

    // Assess
    await expect(sending).rejects.toSatisfy((error) => error instanceof AwsServiceError && error.name === 'MessageRejected' && error.message === 'Email address is not verified.');
    expect(seen).toHaveLength(1);
  });
});

describe('ensureAccount (Cognito admin calls)', () => {
  const attributes = [
    { Name: 'sub', Value: 'sub-123' },
    { Name: 'email', Value: 'new@example.org' },
  ];
  const targets = () => seen.map((request) => request.headers['x-amz-target']);
  const bodies = () => seen.map((request) => JSON.parse(request.body) as unknown);

  it('makes the account with AdminCreateUser, then adds it to the group', async () => {
    // Prepare
    const { ensureAccount } = await import('../../../functions/data/accounts.js');
    answers = [json(200, { User: { Username: 'sub-123', Attributes: attributes } }), json(200, {})];

    // Act
    const account = await ensureAccount('new@example.org', 'New Person', 'outlet_staff');

    // Assess
    expect(account).toEqual({ subject: 'sub-123', created: true });
    expect(seen.map((request) => request.url)).toEqual(['/_local/cognito/', '/_local/cognito/']);
    expect(seen.map((request) => request.headers['content-type'])).toEqual(['application/x-amz-json-1.1', 'application/x-amz-json-1.1']);
    expect(scopeOf(seen[0])).toEqual(['eu-west-2', 'cognito-idp']);
    expect(targets()).toEqual(['AWSCognitoIdentityProviderService.AdminCreateUser', 'AWSCognitoIdentityProviderService.AdminAddUserToGroup']);
    expect(bodies()).toEqual([
      {
        UserPoolId: 'eu-west-2_TestPool',
        Username: 'new@example.org',
        UserAttributes: [
          { Name: 'email', Value: 'new@example.org' },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'name', Value: 'New Person' },
        ],
        MessageAction: 'SUPPRESS',
      },
      { UserPoolId: 'eu-west-2_TestPool', Username: 'new@example.org', GroupName: 'outlet_staff' },
    ]);
  });

  it('finds the account with AdminGetUser when Cognito answers UsernameExistsException', async () => {
    // Prepare
    const { ensureAccount } = await import('../../../functions/data/accounts.js');
    const exists = json(400, { __type: 'UsernameExistsException', message: 'An account with the given email already exists.' }, { 'x-amzn-errortype': 'UsernameExistsException:' });
    answers = [exists, json(200, { Username: 'sub-123', UserAttributes: attributes }), json(200, {})];

    // Act
    const account = await ensureAccount('new@example.org', 'New Person', 'outlet_staff');

    // Assess
    expect(account).toEqual({ subject: 'sub-123', created: false });
    expect(targets()).toEqual([
      'AWSCognitoIdentityProviderService.AdminCreateUser',
      'AWSCognitoIdentityProviderService.AdminGetUser',
      'AWSCognitoIdentityProviderService.AdminAddUserToGroup',
    ]);
    expect(bodies()[1]).toEqual({ UserPoolId: 'eu-west-2_TestPool', Username: 'new@example.org' });
  });

  it('throws any other refusal, by its name, and adds nobody to a group', async () => {
    // Prepare
    const { ensureAccount } = await import('../../../functions/data/accounts.js');
    answers = [json(400, { __type: 'com.amazonaws.cognito#InvalidParameterException', message: 'Invalid email address format.' })];

    // Act
    const ensuring = ensureAccount('not-an-address', 'Someone', 'outlet_staff');

    // Assess
    await expect(ensuring).rejects.toSatisfy((error) => error instanceof AwsServiceError && error.name === 'InvalidParameterException' && error.$metadata.httpStatusCode === 400);
    expect(targets()).toEqual(['AWSCognitoIdentityProviderService.AdminCreateUser']);
  });
});

describe('readSecretStage (Secrets Manager GetSecretValue)', () => {
  const notFound = json(400, { __type: 'ResourceNotFoundException', Message: "Secrets Manager can't find the specified secret value for staging label: AWSPREVIOUS" });
  const arn = 'arn:aws:secretsmanager:eu-west-2:111122223333:secret:link-keys-AbCdEf';

  it('reads a stage with secretsmanager.GetSecretValue and its VersionStage', async () => {
    // Prepare
    const { readSecretStage } = await import('../../../functions/data/secret-stages.js');
    answers = [json(200, { ARN: arn, Name: 'link-keys', SecretString: 'the-value', VersionId: 'version-2', VersionStages: ['AWSCURRENT'] })];

    // Act
    const current = await readSecretStage(service('secretsmanager'), arn, 'AWSCURRENT');

    // Assess
    expect(current).toEqual({ value: 'the-value', versionId: 'version-2' });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/' });
    expect(seen[0]?.headers['x-amz-target']).toBe('secretsmanager.GetSecretValue');
    expect(seen[0]?.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(scopeOf(seen[0])).toEqual(['eu-west-2', 'secretsmanager']);
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ SecretId: arn, VersionStage: 'AWSCURRENT' });
  });

  it('reads a missing previous version as none, but a missing current one as an error', async () => {
    // Prepare
    const { readSecretStage } = await import('../../../functions/data/secret-stages.js');
    answers = [notFound];

    // Act
    const previous = await readSecretStage(service('secretsmanager'), arn, 'AWSPREVIOUS');
    const current = readSecretStage(service('secretsmanager'), arn, 'AWSCURRENT');

    // Assess
    expect(previous).toBeNull();
    await expect(current).rejects.toSatisfy((error) => error instanceof AwsServiceError && error.name === 'ResourceNotFoundException');
  });

  it('throws any other error for the previous version too', async () => {
    // Prepare
    const { readSecretStage } = await import('../../../functions/data/secret-stages.js');
    answers = [json(400, { __type: 'AccessDeniedException', Message: 'Not allowed' })];

    // Act
    const previous = readSecretStage(service('secretsmanager'), arn, 'AWSPREVIOUS');

    // Assess
    await expect(previous).rejects.toSatisfy((error) => error instanceof AwsServiceError && error.name === 'AccessDeniedException');
  });

  it('gives the origin check the current value alone while the secret was never rotated', async () => {
    // Prepare
    const { secretsManagerReader, valuesFromSecret } = await import('../../../functions/data/origin-secret.js');
    answers = [json(200, { SecretString: 'current-origin-value-0123456789', VersionId: 'v1' }), notFound];

    // Act
    const values = await valuesFromSecret(secretsManagerReader(service('secretsmanager'), arn));

    // Assess
    expect(values).toEqual(['current-origin-value-0123456789']);
    expect(seen.map((request) => JSON.parse(request.body) as { VersionStage: string }).map((body) => body.VersionStage).sort()).toEqual(['AWSCURRENT', 'AWSPREVIOUS']);
  });
});

describe('putOpenDataFile (S3 PutObject)', () => {
  it('puts the file at its key with its type and Cache-Control, signed for s3 over the body', async () => {
    // Prepare
    const { putOpenDataFile } = await import('../../../functions/data/open-data-bucket.js');
    answers = [{ status: 200, headers: { etag: '"abc"' }, body: '' }];
    const csv = 'ods_code,name\nFA1,Chemist é\n';

    // Act
    await putOpenDataFile('csv', csv, service('s3'));

    // Assess
    expect(seen[0]).toMatchObject({ method: 'PUT', url: openDataFiles.csv.path, body: csv });
    expect(seen[0]?.headers['content-type']).toBe(openDataFiles.csv.contentType);
    expect(seen[0]?.headers['cache-control']).toBe(openDataFilesCacheControl);
    expect(seen[0]?.headers['x-amz-content-sha256']).toBe(createHash('sha256').update(csv).digest('hex'));
    expect(scopeOf(seen[0])).toEqual(['eu-west-2', 's3']);
  });

  it("throws S3's XML refusal named by its Code", async () => {
    // Prepare
    const { putOpenDataFile } = await import('../../../functions/data/open-data-bucket.js');
    answers = [{ status: 403, headers: { 'content-type': 'application/xml' }, body: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>R1</RequestId></Error>' }];

    // Act
    const putting = putOpenDataFile('geojson', '{}', service('s3'));

    // Assess
    await expect(putting).rejects.toSatisfy(
      (error) => error instanceof AwsServiceError && error.name === 'AccessDenied' && error.message === 'Access Denied' && error.$metadata.httpStatusCode === 403,
    );
  });
});

describe('awsService', () => {
  it('gives every service on AWS the time-outs, the role credentials and its regional address; a local stand-in none of the time-outs', async () => {
    // Prepare
    const { awsRequestTimeouts, awsService } = await import('../../../functions/data/aws-services.js');

    // Act
    const onAws = awsService('ses', 'eu-west-2', 'https://email.eu-west-2.amazonaws.com');
    const local = awsService('ses', 'eu-west-2', 'https://email.eu-west-2.amazonaws.com', 'http://127.0.0.1:9999/_local/ses');

    // Assess
    expect(onAws).toMatchObject({ signingName: 'ses', endpoint: 'https://email.eu-west-2.amazonaws.com', timeouts: awsRequestTimeouts });
    expect(local).toMatchObject({ endpoint: 'http://127.0.0.1:9999/_local/ses' });
    expect(local.timeouts).toBeUndefined();
    expect(local.credentials()).toEqual(localCredentials);
  });
});
