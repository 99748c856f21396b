/**
 * The DynamoDB client's settings: on AWS a stuck connection is given up in seconds, and what that
 * throws is one of the passing failures answered 503.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsRequestTimeouts, clientSettings } from '../../../functions/data/client.js';
import { isTransientDynamoDbError } from '../../../functions/data/transient-errors.js';

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
  it('gives up on DynamoDB after the time-outs on AWS, and keeps the SDK defaults for the embedded engine', () => {
    expect(clientSettings({ AWS_REGION: 'eu-west-2' })).toEqual({ region: 'eu-west-2', requestHandler: awsRequestTimeouts });
    expect(clientSettings({ AWS_REGION: 'eu-west-2', DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' })).not.toHaveProperty('requestHandler');
  });

  it('makes a request that gets no answer fail as a passing failure, within its time-out', async () => {
    // Prepare: the AWS settings, pointed at a server that never answers, with one attempt.
    const client = new DynamoDBClient({
      ...clientSettings({ AWS_REGION: 'eu-west-2' }),
      endpoint: silentUrl,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    const started = performance.now();

    // Act
    const error = await client.send(new ListTablesCommand({})).catch((thrown: unknown) => thrown);

    // Assess
    const waited = performance.now() - started;
    expect(isTransientDynamoDbError(error), String(error)).toBe(true);
    expect(waited).toBeGreaterThanOrEqual(awsRequestTimeouts.requestTimeout - 100);
    expect(waited).toBeLessThan(awsRequestTimeouts.requestTimeout + 2_000);
    client.destroy();
  });
});
