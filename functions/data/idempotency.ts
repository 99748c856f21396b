/**
 * Idempotency for the portal's POSTs (Powertools idempotency, DynamoDB persistence, in this table):
 * a request repeated with the same `Idempotency-Key` is answered with the first answer and does
 * its work once; the same key with a different body is refused; a repeat that arrives while the
 * first is still running is told to wait.
 *
 * Records expire after a day. Expiry is checked in code by Powertools (its writes are conditional
 * on the stored expiry), since the embedded engine has no TTL; on AWS a TTL on `expiration` could
 * sweep old records, but nothing depends on it.
 */
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { IdempotencyAlreadyInProgressError, IdempotencyPersistenceLayerError, IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import { DomainError, conflict } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { dynamodb, tableName } from './client.js';
import { idempotencyPartition } from './keys.js';

/** How long a key is remembered: long enough for any retry a person or a phone would make. */
export const idempotencyWindowSeconds = 24 * 60 * 60;

const persistenceStore = new DynamoDBPersistenceLayer({
  tableName,
  keyAttr: 'pk',
  sortKeyAttr: 'sk',
  staticPkValue: idempotencyPartition,
  awsSdkV3Client: dynamodb,
});

/** What makes two requests "the same": the route's scope (outlet and action) and the key; `body` must then match too. */
export interface IdempotentRequest {
  /** For example `FA123:supplies`: the same key on another outlet or route is another request. */
  scope: string;
  key: string;
  /** The validated body: a different body under the same key is refused. */
  body: unknown;
}

const configOptions = {
  eventKeyJmesPath: '[scope, key]',
  payloadValidationJmesPath: 'body',
  throwOnNoIdempotencyKey: true,
  expiresAfterSeconds: idempotencyWindowSeconds,
} as const;

/**
 * Runs `work` once for the request and returns its result; repeats get the stored result. `work`
 * must return plain JSON data. If it throws, nothing is stored and a repeat runs it again.
 */
export async function once<T>(request: IdempotentRequest, context: Context, work: () => Promise<T>): Promise<T> {
  // A config per call: the Lambda context (how long is left before a stuck "in progress" record
  // may be taken over) belongs to this request, and the local server runs requests side by side.
  const config = new IdempotencyConfig(configOptions);
  config.registerLambdaContext(context);
  let done: { result: T } | undefined;
  const run = makeIdempotent(
    async (_request: IdempotentRequest) => {
      const result = await work();
      done = { result };
      return result;
    },
    { persistenceStore, config, keyPrefix: 'portal' },
  );
  try {
    return (await run(request)) as T;
  } catch (error) {
    if (done && error instanceof IdempotencyPersistenceLayerError) {
      // The work is done and stays done; only its record could not be marked complete (DynamoDB
      // busy). Answering with an error would make the client send again what has been applied.
      // The record stays "in progress" until this request's time is up, so a repeat meanwhile is
      // told to wait (409), and one after that would run the work again.
      logger.warn('Idempotency record not completed', { errorName: (error.cause as Error | undefined)?.name });
      return done.result;
    }
    if (error instanceof IdempotencyValidationError) {
      throw new DomainError(
        'idempotency_key_reused',
        'This Idempotency-Key was already used for a different request. Send a new key for a new request.',
        [{ path: '(header) Idempotency-Key', message: 'Use a new key for a new request' }],
      );
    }
    if (error instanceof IdempotencyAlreadyInProgressError) {
      throw conflict('The same request is still being processed. Wait a moment, then try again.');
    }
    throw error;
  }
}
