/**
 * The DynamoDB client's settings: on AWS a stuck connection is given up in seconds, and what that
 * throws is one of the passing failures answered 503.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsRequestTimeouts, clientSettings } from '../../../functions/data/client.js';
import { DynamoDbDocuments, GetCommand } from '../../../functions/data/dynamodb-documents.js';
import { localCredentials } from '../../../functions/shared/aws-request.js';
import { DomainError } from '../../../functions/shared/errors.js';

let silent: Server;
let silentUrl = '';
const sockets: Socket[] = [];

beforeAll(async () => {
  // Accepts connections and never answers, as a stuck connection does.
  silent = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

describe('clientSettings', () => {
  it('gives up on DynamoDB after the time-outs on AWS, and waits for the embedded engine', () => {
    const aws = clientSettings({ AWS_REGION: 'eu-west-2' });
    expect(aws).toMatchObject({ signingName: 'dynamodb', region: 'eu-west-2', endpoint: 'https://dynamodb.eu-west-2.amazonaws.com', timeouts: awsRequestTimeouts });
    const local = clientSettings({ AWS_REGION: 'eu-west-2', DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' });
    expect(local).toMatchObject({ endpoint: 'http://127.0.0.1:8000' });
    expect(local.timeouts).toBeUndefined();
    expect(local.credentials()).toEqual(localCredentials);
  });


  it('makes a request that gets no answer fail as a passing failure (503), within its time-out', async () => {
    // Prepare: the AWS settings, pointed at a server that never answers, with one attempt.
    const client = new DynamoDbDocuments({
      ...clientSettings({ AWS_REGION: 'eu-west-2' }),
      endpoint: silentUrl,
      credentials: () => ({ accessKeyId: 'test', secretAccessKey: 'test' }),
      maxAttempts: 1,
    });
    const started = performance.now();

    // Act
    const error = await client.send(new GetCommand({ TableName: 'silent', Key: { pk: 'a', sk: 'b' } })).catch((thrown: unknown) => thrown);

    // Assess
    const waited = performance.now() - started;
    expect(error, String(error)).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'service_unavailable', cause: { name: 'TimeoutError' } });
    expect(waited).toBeGreaterThanOrEqual(awsRequestTimeouts.responseMs - 100);
    // Generous: a loaded 2-core machine can stall the event loop for seconds.
    expect(waited).toBeLessThan(awsRequestTimeouts.responseMs + 5_000);
  });
});
