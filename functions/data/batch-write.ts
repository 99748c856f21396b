/**
 * BatchWriteItem with retries: for bulk loads (postcodes, seeding) where single conditional writes
 * would be needlessly slow. DynamoDB may accept only part of a batch (`UnprocessedItems`) when a
 * partition is busy; those items are sent again with exponential backoff and full jitter, a bounded
 * number of times (`batch-retry.ts`), and the write fails loudly rather than silently dropping items.
 *
 * Batch writes are unconditional puts and deletes: never use them where `version` checks matter.
 */
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
} from './dynamodb-documents.js';
import { BatchIncompleteError, type BatchRetryOptions, sendInChunks } from './batch-retry.js';
import { documents, tableName } from './client.js';

/** DynamoDB's limit of requests in one BatchWriteItem call. */
export const BATCH_WRITE_LIMIT = 25;

type Item = Record<string, unknown>;

/** One write in a batch: put a whole item, or delete by key. */
export type BatchWriteRequest = { put: Item } | { delete: Item };

/** Sends one BatchWriteItem call. */
export type BatchWriteSender = (input: BatchWriteCommandInput) => Promise<BatchWriteCommandOutput>;

/** Retry policy and concurrency of {@link batchWrite} (see `BatchRetryOptions`), and how it sends. */
export interface BatchWriteOptions extends BatchRetryOptions {
  /**
   * Sends one call; defaults to the shared document client. The embedded engine never leaves
   * items unprocessed, so tests pass a sender that wraps the real client and holds some back.
   */
  send?: BatchWriteSender;
}

/** Thrown when items are still unprocessed after the last attempt. */
export class BatchWriteIncompleteError extends BatchIncompleteError {
  constructor(unprocessed: number, attempts: number) {
    super('BatchWriteItem', unprocessed, attempts, tableName);
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

type WriteRequests = NonNullable<BatchWriteCommandInput['RequestItems']>[string];

/** The DynamoDB shape of one request. */
function toWriteRequest(request: BatchWriteRequest): WriteRequests[number] {
  return 'put' in request ? { PutRequest: { Item: request.put } } : { DeleteRequest: { Key: request.delete } };
}

/**
 * Writes the requests to the table, 25 per call (`options.concurrency` calls in flight, default one
 * chunk after another). The caller must not put two requests for the same key in one call of 25
 * (DynamoDB rejects the whole call).
 */
export async function batchWrite(
  requests: readonly BatchWriteRequest[],
  options: BatchWriteOptions = {},
): Promise<BatchWriteResult> {
  const { send = defaultSend } = options;
  const calls = await sendInChunks(
    requests.map(toWriteRequest),
    BATCH_WRITE_LIMIT,
    options,
    async (pending) => (await send({ RequestItems: { [tableName]: pending } })).UnprocessedItems?.[tableName] ?? [],
    (unprocessed, attempts) => new BatchWriteIncompleteError(unprocessed, attempts),
  );
  return { written: requests.length, calls };
}
