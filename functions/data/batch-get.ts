/**
 * BatchGetItem with retries: reads many items by key, 100 keys per call. DynamoDB may return only
 * part of a batch (`UnprocessedKeys`) when a partition is busy or throttled; those keys are asked
 * for again with the retry policy of `batch-retry.ts` (exponential backoff, full jitter, bounded
 * attempts), and the read fails loudly rather than returning a silently partial answer: a missing
 * item here would read as "none" (no outlet, an empty cell).
 */
import { BatchGetCommand, type BatchGetCommandInput, type BatchGetCommandOutput } from './dynamodb-documents.js';
import { BatchIncompleteError, type BatchRetryOptions, sendInChunks } from './batch-retry.js';
import { documents, tableName } from './client.js';

/** DynamoDB's limit of keys in one BatchGetItem call. */
export const BATCH_GET_LIMIT = 100;

type Item = Record<string, unknown>;

/** Sends one BatchGetItem call. */
export type BatchGetSender = (input: BatchGetCommandInput) => Promise<BatchGetCommandOutput>;

/** What to read and how, with the retry policy and concurrency of `BatchRetryOptions`. */
export interface BatchGetOptions extends BatchRetryOptions {
  /** Attributes to return (a ProjectionExpression); default all. */
  projection?: string;
  /** Names for `#placeholders` in `projection`. */
  attributeNames?: Record<string, string>;
  /** Strongly consistent reads (twice the read units). Default false. */
  consistentRead?: boolean;
  /**
   * Sends one call; defaults to the shared document client. The embedded engine never leaves
   * keys unprocessed, so tests pass a sender that wraps the real client and holds some back.
   */
  send?: BatchGetSender;
}

/** Thrown when keys are still unprocessed after the last attempt. */
export class BatchGetIncompleteError extends BatchIncompleteError {
  constructor(unprocessed: number, attempts: number) {
    super('BatchGetItem', unprocessed, attempts, tableName);
  }
}

/** What a batch read found. */
export interface BatchGetResult {
  /** The items that exist, in no particular order; keys with no item are simply absent. */
  items: Item[];
  /** BatchGetItem calls made, retries included. */
  calls: number;
}

const defaultSend: BatchGetSender = (input) => documents.send(new BatchGetCommand(input));

/** The keys once each: DynamoDB rejects a call that names a key twice. */
function distinct(keys: readonly Item[]): Item[] {
  return [...new Map(keys.map((key) => [JSON.stringify(key), key])).values()];
}

/** Reads the items with these keys from the table, 100 keys per call. */
export async function batchGet(keys: readonly Item[], options: BatchGetOptions = {}): Promise<BatchGetResult> {
  const { projection, attributeNames, consistentRead = false, send = defaultSend } = options;
  const items: Item[] = [];
  const calls = await sendInChunks(
    distinct(keys),
    BATCH_GET_LIMIT,
    options,
    async (pending) => {
      const output = await send({
        RequestItems: {
          [tableName]: {
            Keys: pending,
            ConsistentRead: consistentRead,
            ...(projection ? { ProjectionExpression: projection } : {}),
            ...(attributeNames ? { ExpressionAttributeNames: attributeNames } : {}),
          },
        },
      });
      items.push(...(output.Responses?.[tableName] ?? []));
      return output.UnprocessedKeys?.[tableName]?.Keys ?? [];
    },
    (unprocessed, attempts) => new BatchGetIncompleteError(unprocessed, attempts),
  );
  return { items, calls };
}
