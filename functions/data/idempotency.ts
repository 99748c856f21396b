/**
 * Idempotency for the portal's POSTs: a request repeated with the same `Idempotency-Key` is
 * answered with the first answer and does its work once; the same key with a different body is
 * refused; a repeat that arrives while the first is still running is told to wait.
 *
 * This is what Powertools idempotency (DynamoDB persistence) did here, written out: its JMESPath
 * engine and the SDK client it needed weighed about 40 KB in every portal bundle (issue 11), for
 * a conditional write, an update and a delete. One record per request, in this table's `idempotencyPartition`:
 *
 * - before the work, a conditional Put claims the key ("in progress"): it succeeds only where there
 *   is no record, or an expired one, or an "in progress" one whose Lambda's time is up (its
 *   function was stopped mid-work, so the work may be done again);
 * - after the work, the record is marked complete with the answer (a failure to mark it is logged
 *   and the answer returned: the work is done and stays done);
 * - if the work throws, the record is deleted, so a repeat runs it again.
 *
 * Records expire after a day. Expiry is checked in code (every claim is conditional on the stored
 * expiry), since the embedded engine has no TTL; on AWS a TTL on `expiration` could sweep old
 * records, but nothing depends on it.
 */
import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, isConditionalCheckFailure } from './dynamodb-documents.js';
import type { Context } from 'aws-lambda';
import { DomainError, conflict } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { documents, tableName } from './client.js';
import { idempotencyPartition } from './keys.js';

/** How long a key is remembered: long enough for any retry a person or a phone would make. */
export const idempotencyWindowSeconds = 24 * 60 * 60;

/** What makes two requests "the same": the route's scope (outlet and action) and the key; `body` must then match too. */
export interface IdempotentRequest {
  /** For example `FA123:supplies`: the same key on another outlet or route is another request. */
  scope: string;
  key: string;
  /** The validated body: a different body under the same key is refused. */
  body: unknown;
}

/** A stored record (attribute names as Powertools wrote them). */
interface IdempotencyRecord {
  status: 'INPROGRESS' | 'COMPLETED';
  /** Epoch seconds after which the record is forgotten. */
  expiration: number;
  /** Epoch milliseconds after which an "in progress" record may be taken over: when its Lambda's time is up. */
  in_progress_expiration?: number;
  /** SHA-256 of the body's canonical JSON. */
  validation: string;
  /** The answer, as JSON; absent while in progress (and for work that answered nothing). */
  data?: string;
}

/** JSON with every object's keys sorted, so the same data hashes the same however it was built. */
const canonicalJson = (value: unknown): string | undefined =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );

const sha256 = (value: unknown): string => createHash('sha256').update(canonicalJson(value) ?? 'undefined').digest('base64url');

/** The record's key: the scope and key hashed (an `Idempotency-Key` is the client's text). */
const recordKey = (request: IdempotentRequest) => ({ pk: idempotencyPartition, sk: `portal#${sha256([request.scope, request.key])}` });

/** Claims the key for this request; false when a live record holds it. */
async function claim(key: ReturnType<typeof recordKey>, validation: string, context: Context): Promise<boolean> {
  const now = Date.now();
  const remainingMs = context.getRemainingTimeInMillis();
  const record: IdempotencyRecord = {
    status: 'INPROGRESS',
    expiration: Math.round(now / 1000 + idempotencyWindowSeconds),
    // As Powertools: no remaining time known, no take-over before the record expires.
    ...(remainingMs ? { in_progress_expiration: now + remainingMs } : {}),
    validation,
  };
  try {
    await documents.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...key, ...record },
        ConditionExpression: 'attribute_not_exists(pk) OR #expiry < :now OR (#status = :inProgress AND attribute_exists(#inProgressExpiry) AND #inProgressExpiry < :nowMs)',
        ExpressionAttributeNames: { '#expiry': 'expiration', '#status': 'status', '#inProgressExpiry': 'in_progress_expiration' },
        ExpressionAttributeValues: { ':now': now / 1000, ':nowMs': now, ':inProgress': 'INPROGRESS' },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return false;
    throw error;
  }
}

/** Marks the record complete with the answer, for the rest of the window. */
async function complete(key: ReturnType<typeof recordKey>, validation: string, result: unknown): Promise<void> {
  const data = JSON.stringify(result) as string | undefined;
  await documents.send(
    new UpdateCommand({
      TableName: tableName,
      Key: key,
      UpdateExpression: `SET #expiry = :expiry, #status = :completed, #validation = :validation${data === undefined ? '' : ', #data = :data'}`,
      ExpressionAttributeNames: { '#expiry': 'expiration', '#status': 'status', '#validation': 'validation', ...(data === undefined ? {} : { '#data': 'data' }) },
      ExpressionAttributeValues: {
        ':expiry': Math.round(Date.now() / 1000 + idempotencyWindowSeconds),
        ':completed': 'COMPLETED',
        ':validation': validation,
        ...(data === undefined ? {} : { ':data': data }),
      },
    }),
  );
}

const keyReused = () =>
  new DomainError('idempotency_key_reused', 'This Idempotency-Key was already used for a different request. Send a new key for a new request.', [
    { path: '(header) Idempotency-Key', message: 'Use a new key for a new request' },
  ]);

const stillRunning = () => conflict('The same request is still being processed. Wait a moment, then try again.');

/** The outcome a live record gives a repeat: the first answer, a refusal, or "claim again" (null). */
function repeatOutcome<T>(record: IdempotencyRecord | undefined, validation: string): { result: T } | null {
  // Gone (the first's work failed and its record was deleted), expired, or its Lambda's time is
  // up: the claim lost a race with that, and is tried again.
  if (!record) return null;
  if (record.validation !== validation) throw keyReused();
  const now = Date.now();
  if (record.expiration * 1000 < now) return null;
  if (record.status === 'COMPLETED') return { result: (record.data === undefined ? undefined : JSON.parse(record.data)) as T };
  if (record.in_progress_expiration !== undefined && record.in_progress_expiration < now) return null;
  throw stillRunning();
}

/** Claims tried before a repeat is told to wait; Powertools tried as often. */
const claimAttempts = 3;

/**
 * Runs `work` once for the request and returns its result; repeats get the stored result. `work`
 * must return plain JSON data. If it throws, nothing is stored and a repeat runs it again.
 */
export async function once<T>(request: IdempotentRequest, context: Context, work: () => Promise<T>): Promise<T> {
  const key = recordKey(request);
  const validation = sha256(request.body);
  for (let attempt = 0; attempt < claimAttempts; attempt += 1) {
    if (!(await claim(key, validation, context))) {
      const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
      const outcome = repeatOutcome<T>(Item as IdempotencyRecord | undefined, validation);
      if (outcome) return outcome.result;
      continue;
    }
    let result: T;
    try {
      result = await work();
    } catch (error) {
      // A failed delete throws its own error (503 when DynamoDB is busy), as Powertools did: the
      // record then stays "in progress" until this request's time is up.
      await documents.send(new DeleteCommand({ TableName: tableName, Key: key }));
      throw error;
    }
    try {
      await complete(key, validation, result);
    } catch (error) {
      // The work is done and stays done; only its record could not be marked complete (DynamoDB
      // busy). Answering with an error would make the client send again what has been applied.
      // The record stays "in progress" until this request's time is up, so a repeat meanwhile is
      // told to wait (409), and one after that would run the work again.
      logger.warn('Idempotency record not completed', { errorName: (error as Error).name });
    }
    return result;
  }
  // The record kept changing under the claims (taken over, deleted, expired): the same as waiting.
  throw stillRunning();
}
