/**
 * The data layer's document client against the embedded engine: every command it has, round trip,
 * with lib-dynamodb's marshalling (nested maps, lists, sets, numbers, undefined attributes left
 * out), pages, a batch's unprocessed keys, and a failed condition told apart by name. What the
 * engine cannot answer (a batch write's unprocessed items, the item returned with a failed
 * condition) is checked on DynamoDB's documented answer instead, said so at each test.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documents, tableName } from '../../../functions/data/client.js';
import { clientSettings } from '../../../functions/data/aws-services.js';
import { ensureTable } from '../../../functions/data/create-table.js';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDbDocuments,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
  isConditionalCheckFailure,
} from '../../../functions/data/dynamodb-documents.js';
import { AwsServiceError } from '../../../functions/shared/aws-request.js';

const key = (name: string) => ({ pk: `DOCTEST#${name}`, sk: 'DOC' });
const failure = (promise: Promise<unknown>) => promise.then(() => new Error('did not fail'), (error: unknown) => error);

describe('the document client', () => {
  beforeAll(async () => {
    await ensureTable();
  });

  it('writes and reads back nested maps, lists, sets and numbers as lib-dynamodb does, leaving undefined attributes out', async () => {
    // Prepare
    const item = {
      ...key('nested'),
      count: 42,
      ratio: -0.125,
      big: 2 ** 53 - 1,
      flag: false,
      none: null,
      gone: undefined,
      tags: new Set(['a', 'b']),
      sizes: new Set([1, 2.5]),
      bytes: new Uint8Array([0, 1, 254, 255]),
      opening: { monday: [{ opens: '09:00', closes: '17:30', note: undefined }], closed: [] as string[], nested: { deeper: { n: 7 } } },
    };

    // Act
    await documents.send(new PutCommand({ TableName: tableName, Item: item }));
    const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: key('nested'), ConsistentRead: true }));

    // Assess
    const { gone: _gone, opening, ...rest } = item;
    expect(Item).toEqual({ ...rest, opening: { ...opening, monday: [{ opens: '09:00', closes: '17:30' }] } });
    expect(Item).not.toHaveProperty('gone');
    expect(Item?.tags).toBeInstanceOf(Set);
    expect(Item?.bytes).toBeInstanceOf(Uint8Array);
  });

  it('refuses a number it cannot keep exactly, as lib-dynamodb does', async () => {
    await expect(documents.send(new PutCommand({ TableName: tableName, Item: { ...key('nan'), n: Number.NaN } }))).rejects.toThrow();
  });

  it('updates with expression values and returns the attributes asked for, then deletes', async () => {
    // Prepare
    await documents.send(new PutCommand({ TableName: tableName, Item: { ...key('counted'), tally: 1 } }));

    // Act
    const updated = await documents.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key('counted'),
        UpdateExpression: 'ADD tally :one SET labels = :labels',
        ExpressionAttributeValues: { ':one': 1, ':labels': { first: ['x'] } },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const deleted = await documents.send(new DeleteCommand({ TableName: tableName, Key: key('counted'), ReturnValues: 'ALL_OLD' }));
    const after = await documents.send(new GetCommand({ TableName: tableName, Key: key('counted'), ConsistentRead: true }));

    // Assess
    expect(updated.Attributes).toEqual({ ...key('counted'), tally: 2, labels: { first: ['x'] } });
    expect(deleted.Attributes).toEqual(updated.Attributes);
    expect(after.Item).toBeUndefined();
    expect(updated.$metadata.httpStatusCode).toBe(200);
  });

  it('pages a Query and a Scan with ExclusiveStartKey until LastEvaluatedKey is gone', async () => {
    // Prepare
    for (let n = 0; n < 7; n += 1) await documents.send(new PutCommand({ TableName: tableName, Item: { pk: 'DOCPAGE', sk: `S${n}`, n } }));

    // Act
    const queried: number[] = [];
    const keys: unknown[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documents.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': 'DOCPAGE' },
          Limit: 3,
          ExclusiveStartKey: startKey,
        }),
      );
      queried.push(...(page.Items ?? []).map((item) => item.n as number));
      startKey = page.LastEvaluatedKey;
      keys.push(startKey);
    } while (startKey);
    const scanned: number[] = [];
    let scanKey: Record<string, unknown> | undefined;
    do {
      const page = await documents.send(
        new ScanCommand({ TableName: tableName, FilterExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'DOCPAGE' }, Limit: 4, ExclusiveStartKey: scanKey }),
      );
      scanned.push(...(page.Items ?? []).map((item) => item.n as number));
      scanKey = page.LastEvaluatedKey;
    } while (scanKey);

    // Assess
    expect(queried).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(keys.slice(0, 2)).toEqual([{ pk: 'DOCPAGE', sk: 'S2' }, { pk: 'DOCPAGE', sk: 'S5' }]);
    expect(scanned.sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('writes and deletes in a batch, and reads a batch back with the keys the engine left unprocessed', async () => {
    // Prepare: five items of about 350 KB, more than one BatchGetItem answers at once (the engine
    // stops at 1 MB plus one item's largest size, 1.4 MB).
    const large = 'x'.repeat(350_000);
    const names = ['big0', 'big1', 'big2', 'big3', 'big4', 'big5'];
    await documents.send(new BatchWriteCommand({ RequestItems: { [tableName]: names.map((name) => ({ PutRequest: { Item: { ...key(name), large } } })) } }));
    await documents.send(
      new BatchWriteCommand({
        RequestItems: { [tableName]: [{ PutRequest: { Item: { ...key('small'), set: new Set([3]) } } }, { DeleteRequest: { Key: key('big5') } }] },
      }),
    );

    // Act
    const read = await documents.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: [...names, 'small'].map(key), ConsistentRead: true } } }));

    // Assess
    const returned = (read.Responses?.[tableName] ?? []).map((item) => String(item.pk));
    const unprocessed = read.UnprocessedKeys?.[tableName]?.Keys ?? [];
    expect(unprocessed.length).toBeGreaterThan(0);
    expect(unprocessed.every((unread) => typeof unread.pk === 'string' && unread.sk === 'DOC')).toBe(true);
    expect([...returned, ...unprocessed.map((unread) => String(unread.pk))].sort()).toEqual(['big0', 'big1', 'big2', 'big3', 'big4', 'small'].map((name) => key(name).pk));
    expect(read.Responses?.[tableName]?.find((item) => item.pk === key('small').pk)).toEqual({ ...key('small'), set: new Set([3]) });
  });

  it('reads a batch write’s unprocessed items back as documents (DynamoDB’s documented answer: the engine never leaves any)', () => {
    const answer = {
      UnprocessedItems: {
        table: [{ PutRequest: { Item: { pk: { S: 'a' }, n: { N: '1.5' }, l: { L: [{ M: { s: { SS: ['x'] } } }] } } } }, { DeleteRequest: { Key: { pk: { S: 'b' } } } }],
      },
    };

    const output = new BatchWriteCommand({ RequestItems: {} }).output(answer);

    expect(output.UnprocessedItems).toEqual({
      table: [{ PutRequest: { Item: { pk: 'a', n: 1.5, l: [{ s: new Set(['x']) }] } } }, { DeleteRequest: { Key: { pk: 'b' } } }],
    });
  });

  it('throws a failed condition by DynamoDB’s name, with its status and one attempt', async () => {
    // Prepare
    await documents.send(new PutCommand({ TableName: tableName, Item: { ...key('guarded'), version: 1 } }));

    // Act
    const error = await failure(
      documents.send(new PutCommand({ TableName: tableName, Item: { ...key('guarded'), version: 2 }, ConditionExpression: 'attribute_not_exists(pk)' })),
    );

    // Assess
    expect(isConditionalCheckFailure(error)).toBe(true);
    expect(error).toBeInstanceOf(AwsServiceError);
    expect(error).toMatchObject({ name: 'ConditionalCheckFailedException', $metadata: { httpStatusCode: 400, attempts: 1 } });
    expect(isConditionalCheckFailure(new AwsServiceError('ValidationException', 'no', 400))).toBe(false);
    expect((await documents.send(new GetCommand({ TableName: tableName, Key: key('guarded'), ConsistentRead: true }))).Item?.version).toBe(1);
  });

  describe('with ReturnValuesOnConditionCheckFailure (DynamoDB’s documented error answer: the engine does not return the item)', () => {
    let server: Server;
    let endpoint = '';
    const bodies: unknown[] = [];

    beforeAll(async () => {
      server = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk) => (body += chunk));
        request.on('end', () => {
          bodies.push(JSON.parse(body));
          response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
          response.end(
            JSON.stringify({
              __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
              message: 'The conditional request failed',
              Item: { pk: { S: 'a' }, version: { N: '3' }, tags: { SS: ['x'] } },
            }),
          );
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    });

    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('gives the item as it stood as a document, on the error’s Item', async () => {
      const client = new DynamoDbDocuments(clientSettings({ AWS_REGION: 'eu-west-2', DYNAMODB_ENDPOINT: endpoint }));

      const error = await failure(
        client.send(
          new PutCommand({ TableName: 't', Item: { pk: 'a', version: 4 }, ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': 2 }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }),
        ),
      );

      expect(isConditionalCheckFailure(error)).toBe(true);
      expect(isConditionalCheckFailure(error) && error.Item).toEqual({ pk: 'a', version: 3, tags: new Set(['x']) });
      expect(bodies).toEqual([
        {
          TableName: 't',
          Item: { pk: { S: 'a' }, version: { N: '4' } },
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': { N: '2' } },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      ]);
    });
  });
});
