import { BatchWriteCommand, GetCommand, PutCommand } from '../../../functions/data/dynamodb-documents.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BatchWriteIncompleteError,
  type BatchWriteSender,
  batchWrite,
} from '../../../functions/data/batch-write.js';
import { documents, tableName } from '../../../functions/data/client.js';
import { ensureTable } from '../../../functions/data/create-table.js';
import {
  getOutwardCodeLocation,
  getPostcodeLocation,
  postcodeLookup,
  putOutwardCodes,
  putPostcodes,
} from '../../../functions/data/postcodes.js';

beforeAll(async () => {
  await ensureTable();
});

const realSend: BatchWriteSender = (input) => documents.send(new BatchWriteCommand(input));

describe('postcode locations', () => {
  it('round-trips full postcodes, found in any case and spacing', async () => {
    // Prepare
    await putPostcodes([
      { postcode: 'M15 4AB', lat: 53.465578, lng: -2.26046, localAuthorityCode: 'E08000009' },
      { postcode: 'WA14 1AA', lat: 53.38, lng: -2.35 },
    ]);

    // Act
    const found = await Promise.all([
      getPostcodeLocation('M15 4AB'),
      getPostcodeLocation('m154ab'),
      getPostcodeLocation('WA14 1AA'),
      getPostcodeLocation('M15 4ZZ'),
    ]);

    // Assess
    expect(found).toEqual([
      { lat: 53.465578, lng: -2.26046, localAuthorityCode: 'E08000009' },
      { lat: 53.465578, lng: -2.26046, localAuthorityCode: 'E08000009' },
      { lat: 53.38, lng: -2.35 },
      null,
    ]);
  });

  it('round-trips outward codes, kept apart from full postcodes', async () => {
    // Prepare
    await putOutwardCodes([{ outward: 'M16', lat: 53.456, lng: -2.26514 }]);

    // Act
    const found = await Promise.all([
      getOutwardCodeLocation('M16'),
      getOutwardCodeLocation('m16'),
      getOutwardCodeLocation('M17'),
      postcodeLookup.postcode('M16'),
    ]);

    // Assess
    expect(found).toEqual([{ lat: 53.456, lng: -2.26514 }, { lat: 53.456, lng: -2.26514 }, null, null]);
  });

  it('treats a damaged item as unknown rather than failing', async () => {
    // Prepare: an item whose latitude is text, as a bad manual edit could leave it.
    await documents.send(new PutCommand({ TableName: tableName, Item: { pk: 'POSTCODE#M99ZZ', sk: 'POSTCODE', lat: 'north', lng: -2.2 } }));

    // Act
    const found = await getPostcodeLocation('M9 9ZZ');

    // Assess
    expect(found).toBeNull();
  });

  it('stores more than one batch, and the last of two rows with the same postcode', async () => {
    // Prepare
    const rows = Array.from({ length: 60 }, (_, index) => ({
      postcode: `M33 ${index % 10}${String.fromCharCode(65 + Math.floor(index / 10))}A`,
      lat: 53.42 + index / 1000,
      lng: -2.32,
    }));
    rows.push({ postcode: 'M33 0AA', lat: 53.5, lng: -2.3 });

    // Act
    const result = await putPostcodes(rows);

    // Assess
    expect(result).toEqual({ written: 60, calls: 3 });
    expect(await getPostcodeLocation('M33 9FA')).toEqual({ lat: rows[59]?.lat, lng: -2.32 });
    expect(await getPostcodeLocation('M33 0AA')).toEqual({ lat: 53.5, lng: -2.3 });
  });
});

describe('batchWrite', () => {
  /** Sends to the real engine, but holds back the last `held` requests of the first `times` calls, as a throttled table does. */
  function throttledSender(held: number, times: number) {
    let calls = 0;
    const send: BatchWriteSender = async (input) => {
      calls += 1;
      const requests = input.RequestItems?.[tableName] ?? [];
      if (calls > times) return realSend(input);
      const accepted = requests.slice(0, Math.max(0, requests.length - held));
      const unprocessed = { UnprocessedItems: { [tableName]: requests.slice(accepted.length) } };
      // DynamoDB refuses a call with no requests, so an all-held call never reaches the engine.
      if (accepted.length === 0) return { $metadata: {}, ...unprocessed };
      return { ...(await realSend({ RequestItems: { [tableName]: accepted } })), ...unprocessed };
    };
    return { send, calls: () => calls };
  }

  it('sends unprocessed items again until all are written', async () => {
    // Prepare
    const sender = throttledSender(3, 2);
    const items = ['A', 'B', 'C', 'D', 'E'].map((letter) => ({ pk: `TEST#${letter}`, sk: 'TEST', letter }));

    // Act
    const result = await batchWrite(
      items.map((item) => ({ put: item })),
      { send: sender.send, baseDelayMs: 1 },
    );

    // Assess
    expect(result).toEqual({ written: 5, calls: 3 });
    const stored = await documents.send(new GetCommand({ TableName: tableName, Key: { pk: 'TEST#E', sk: 'TEST' } }));
    expect(stored.Item).toEqual(items[4]);
  });

  it('gives up with a clear error after the last attempt', async () => {
    // Prepare
    const sender = throttledSender(1, Number.POSITIVE_INFINITY);

    // Act
    const attempt = batchWrite([{ put: { pk: 'TEST#Z', sk: 'TEST' } }], { send: sender.send, maxAttempts: 3, baseDelayMs: 1 });

    // Assess
    await expect(attempt).rejects.toThrow(BatchWriteIncompleteError);
    await expect(attempt).rejects.toThrow(/1 item\(s\) unprocessed .* after 3 attempts/);
    expect(sender.calls()).toBe(3);
  });

  it('deletes by key', async () => {
    // Prepare
    await batchWrite([{ put: { pk: 'TEST#DEL', sk: 'TEST' } }]);

    // Act
    await batchWrite([{ delete: { pk: 'TEST#DEL', sk: 'TEST' } }]);

    // Assess
    const stored = await documents.send(new GetCommand({ TableName: tableName, Key: { pk: 'TEST#DEL', sk: 'TEST' } }));
    expect(stored.Item).toBeUndefined();
  });
});
