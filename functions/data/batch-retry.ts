/**
 * How the batch helpers (`batch-write.ts`, `batch-get.ts`) call DynamoDB: in chunks of the call's
 * limit, a few chunks in flight, and what a call leaves unprocessed (a busy or throttled partition)
 * sent again with exponential backoff and full jitter, a bounded number of times. Resending at once
 * and without end, as a naive loop does, hammers a throttled table until the Lambda times out;
 * this fails loudly instead.
 */

/** Retry policy and concurrency of a batch helper; the defaults suit on-demand tables. */
export interface BatchRetryOptions {
  /** Calls per chunk, the first included, before giving up. Default 8. */
  maxAttempts?: number;
  /** Backoff before the first retry, doubled on each one (with full jitter). Default 50 ms. */
  baseDelayMs?: number;
  /** Longest wait between two attempts. Default 2,000 ms. */
  maxDelayMs?: number;
  /** Chunks in flight at once. Default 1: one chunk after another. */
  concurrency?: number;
}

/** Thrown when a batch call still leaves work unprocessed after its last attempt. */
export class BatchIncompleteError extends Error {
  constructor(
    readonly operation: 'BatchGetItem' | 'BatchWriteItem',
    readonly unprocessed: number,
    readonly attempts: number,
    table: string,
  ) {
    const what = operation === 'BatchGetItem' ? 'key(s)' : 'item(s)';
    super(
      `${operation} left ${unprocessed} ${what} unprocessed in table ${table} after ${attempts} attempts; ` +
        'the table may be throttled: try again later',
    );
    this.name = `${operation === 'BatchGetItem' ? 'BatchGet' : 'BatchWrite'}IncompleteError`;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `work` over `items` with at most `limit` at a time; the first failure rejects. */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, Math.floor(limit)), items.length) }, worker));
}

/**
 * Sends `entries` in chunks of `chunkSize` with `sendChunk`, which returns what the service left
 * unprocessed; those are sent again under the retry policy. Throws what `giveUp` builds (given the
 * count still unprocessed and the attempts made) when a chunk runs out of attempts. Returns the
 * number of calls made, retries included.
 */
export async function sendInChunks<T>(
  entries: readonly T[],
  chunkSize: number,
  options: BatchRetryOptions,
  sendChunk: (chunk: T[]) => Promise<T[]>,
  giveUp: (unprocessed: number, attempts: number) => Error,
): Promise<number> {
  const { maxAttempts = 8, baseDelayMs = 50, maxDelayMs = 2_000, concurrency = 1 } = options;
  const chunks: T[][] = [];
  for (let start = 0; start < entries.length; start += chunkSize) chunks.push(entries.slice(start, start + chunkSize));
  let calls = 0;
  await forEachLimited(chunks, concurrency, async (chunk) => {
    let pending = chunk;
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > maxAttempts) throw giveUp(pending.length, maxAttempts);
      if (attempt > 1) await sleep(Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 2)));
      calls += 1;
      pending = await sendChunk(pending);
    }
  });
  return calls;
}
