import { BatchGetCommand } from '../../../functions/data/dynamodb-documents.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchGetIncompleteError, type BatchGetSender, batchGet } from '../../../functions/data/batch-get.js';
import { batchWrite } from '../../../functions/data/batch-write.js';
import { documents, tableName } from '../../../functions/data/client.js';
import { ensureTable } from '../../../functions/data/create-table.js';

const realSend: BatchGetSender = (input) => documents.send(new BatchGetCommand(input));

const keyOf = (name: string) => ({ pk: `GETTEST#${name}`, sk: 'GETTEST' });

/** Sends to the real engine, but holds back the last `held` keys of the first `times` calls, as a throttled table does. */
function throttledSender(held: number, times: number) {
  let calls = 0;
  const inputs: Parameters<BatchGetSender>[0][] = [];
  const send: BatchGetSender = async (input) => {
    calls += 1;
    inputs.push(input);
    const request = input.RequestItems?.[tableName];
    const keys = request?.Keys ?? [];
    if (calls > times) return realSend(input);
    const asked = keys.slice(0, Math.max(0, keys.length - held));
    const unprocessed = { UnprocessedKeys: { [tableName]: { ...request, Keys: keys.slice(asked.length) } } };
    // DynamoDB refuses a call with no keys, so an all-held call never reaches the engine.
    if (asked.length === 0) return { $metadata: {}, ...unprocessed };
    return { ...(await realSend({ RequestItems: { [tableName]: { ...request, Keys: asked } } })), ...unprocessed };
  };
  return { send, calls: () => calls, inputs };
}

describe('batchGet', () => {
  beforeAll(async () => {
    await ensureTable();
    await batchWrite(
      Array.from({ length: 150 }, (_, index) => ({ put: { ...keyOf(`n${index}`), n: index } })),
      { concurrency: 4 },
    );
  });

  it('asks again for unprocessed keys until all are read', async () => {
    // Prepare
    const sender = throttledSender(3, 2);
    const keys = [0, 1, 2, 3, 4].map((n) => keyOf(`n${n}`));

    // Act
    const result = await batchGet(keys, { send: sender.send, baseDelayMs: 1 });

    // Assess
    expect(result.calls).toBe(3);
    expect(result.items.map((item) => item.n).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(sender.inputs.map((input) => input.RequestItems?.[tableName]?.Keys?.length)).toEqual([5, 3, 3]);
  });

  it('gives up with a clear error after the last attempt', async () => {
    // Prepare
    const sender = throttledSender(1, Number.POSITIVE_INFINITY);

    // Act
    const attempt = batchGet([keyOf('n0'), keyOf('n1')], { send: sender.send, maxAttempts: 3, baseDelayMs: 1 });

    // Assess
    await expect(attempt).rejects.toThrow(BatchGetIncompleteError);
    await expect(attempt).rejects.toThrow(/1 key\(s\) unprocessed .* after 3 attempts/);
    expect(sender.calls()).toBe(3);
  });

  it('reads more than 100 keys in calls of 100, each key once, leaving out keys with no item', async () => {
    // Prepare
    const sender = throttledSender(0, 0);
    const keys = [
      ...Array.from({ length: 150 }, (_, index) => keyOf(`n${index}`)),
      keyOf('n7'),
      keyOf('missing'),
    ];

    // Act
    const result = await batchGet(keys, { send: sender.send });

    // Assess
    expect(result.calls).toBe(2);
    expect(sender.inputs.map((input) => input.RequestItems?.[tableName]?.Keys?.length)).toEqual([100, 51]);
    expect(result.items).toHaveLength(150);
    expect(new Set(result.items.map((item) => item.n)).size).toBe(150);
  });

  it('passes the projection and consistency it is given', async () => {
    // Prepare
    const sender = throttledSender(0, 0);

    // Act
    const result = await batchGet([keyOf('n3')], {
      send: sender.send,
      projection: '#n',
      attributeNames: { '#n': 'n' },
      consistentRead: true,
    });

    // Assess
    expect(result.items).toEqual([{ n: 3 }]);
    expect(sender.inputs[0]?.RequestItems?.[tableName]).toMatchObject({ ConsistentRead: true, ProjectionExpression: '#n' });
  });

  it('makes no call for no keys', async () => {
    // Act
    const result = await batchGet([]);

    // Assess
    expect(result).toEqual({ items: [], calls: 0 });
  });
});
