/**
 * BatchWriteItem with retries: for bulk loads (postcodes, seeding) where single conditional writes
 * would be needlessly slow. DynamoDB may accept only part of a batch (`UnprocessedItems`) when a
 * partition is busy; those items are sent again with exponential backoff and full jitter, a bounded
 * number of times, and the write fails loudly rather than silently dropping items.
 *
 * Batch writes are unconditional puts and deletes: never use them where `version` checks matter.
 */
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { documents, tableName } from './client.js';

/** DynamoDB's limit of requests in one BatchWriteItem call. */
export const BATCH_WRITE_LIMIT = 25;

type Item = Record<string, unknown>;

/** One write in a batch: put a whole item, or delete by key. */
export type BatchWriteRequest = { put: Item } | { delete: Item };

/** Sends one BatchWriteItem call. */
export type BatchWriteSender = (input: BatchWriteCommandInput) => Promise<BatchWriteCommandOutput>;

/** Retry policy of {@link batchWrite}; the defaults suit on-demand tables. */
export interface BatchWriteOptions {
  /** Calls per chunk of 25, the first included, before giving up. Default 8. */
  maxAttempts?: number;
  /** Backoff before the first retry, doubled on each one (with full jitter). Default 50 ms. */
  baseDelayMs?: number;
  /** Longest wait between two attempts. Default 2,000 ms. */
  maxDelayMs?: number;
  /**
   * Sends one call; defaults to the shared document client. The embedded engine never leaves
   * items unprocessed, so tests pass a sender that wraps the real client and holds some back.
   */
  send?: BatchWriteSender;
}

/** Thrown when items are still unprocessed after the last attempt. */
export class BatchWriteIncompleteError extends Error {
  constructor(
    readonly unprocessed: number,
    readonly attempts: number,
  ) {
    super(
      `BatchWriteItem left ${unprocessed} item(s) unprocessed in table ${tableName} after ${attempts} attempts; ` +
        'the table may be throttled: try again later',
    );
    this.name = 'BatchWriteIncompleteError';
  }
}

/** What a batch write did. */
export interface BatchWriteResult {
  /** Requests written. */
  written: number;
  /** BatchWriteItem calls made, retries included. */
  calls: number;
}

const defaultSend: BatchWriteSender = (input) => documents.send(new BatchWriteCommand(input));

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type WriteRequests = NonNullable<BatchWriteCommandInput['RequestItems']>[string];

/** The DynamoDB shape of one request. */
function toWriteRequest(request: BatchWriteRequest): WriteRequests[number] {
  return 'put' in request ? { PutRequest: { Item: request.put } } : { DeleteRequest: { Key: request.delete } };
}

/**
 * Writes the requests to the table, 25 per call, one chunk after another. The caller must not put
 * two requests for the same key in one call of 25 (DynamoDB rejects the whole call).
 */
export async function batchWrite(
  requests: readonly BatchWriteRequest[],
  options: BatchWriteOptions = {},
): Promise<BatchWriteResult> {
  const { maxAttempts = 8, baseDelayMs = 50, maxDelayMs = 2_000, send = defaultSend } = options;
  let calls = 0;
  for (let start = 0; start < requests.length; start += BATCH_WRITE_LIMIT) {
    let pending: WriteRequests = requests.slice(start, start + BATCH_WRITE_LIMIT).map(toWriteRequest);
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > maxAttempts) throw new BatchWriteIncompleteError(pending.length, maxAttempts);
      if (attempt > 1) await sleep(Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 2)));
      const output = await send({ RequestItems: { [tableName]: pending } });
      calls += 1;
      pending = output.UnprocessedItems?.[tableName] ?? [];
    }
  }
  return { written: requests.length, calls };
}
