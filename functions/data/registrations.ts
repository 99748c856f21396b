/**
 * Registrations and their queues, without a Scan or a new index.
 *
 * Each registration is one item (`REGISTRATION#<id>`), read and written by id, every write
 * conditional on its `version`. The queues are pointer items (`keys.ts`): every registration has one
 * in the administrators' queue and, when its local authority is known, one in its area's; sorted
 * `OPEN#<id>` or `DECIDED#<id>`, newest first. A commissioner's queue is one Query per area they
 * commission for, then one BatchGetItem for the registrations themselves.
 *
 * With no transactions, a pointer and its registration are written one after the other, in the
 * order that can only leave too many pointers, never too few: pointers a write adds go in before the
 * registration, pointers it drops come out after. A leftover pointer (a write that failed between
 * the two) is harmless: a queue keeps only the registrations that still belong in it, checked on the
 * registration itself, and the next write of that registration takes the pointer out.
 */
import { GetCommand, PutCommand, isConditionalCheckFailure } from './dynamodb-documents.js';
import * as z from 'zod';
import { type RegistrationQueue, registrationSchema } from '../contract/registration-moderation.js';
import { registrationIdSchema } from '../contract/registration.js';
import { type RegistrationRecord, queueOf } from '../core/registration-rules.js';
import { preconditionFailed } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { batchGet } from './batch-get.js';
import { batchWrite } from './batch-write.js';
import { documents, tableName } from './client.js';
import { type RegistrationQueueScope, registrationKey, registrationQueueKey, registrationQueueSortPrefix } from './keys.js';
import { queryItems } from './query-pages.js';

const recordSchema = registrationSchema.extend({
  changeLink: z.object({ hash: z.string(), expiresAt: z.iso.datetime({ offset: true }) }).nullable().default(null),
  accountSubject: z.string().nullable().default(null),
});

/** The item of a registration. Pure. `localAuthorityCode` is kept apart for the access check's small read. */
export function registrationItem(record: RegistrationRecord): Record<string, unknown> {
  return { ...registrationKey(record.id), entity: 'registration', ...record, localAuthorityCode: record.localAuthority?.code ?? null };
}

/** The record on an item; null (and the fields in the log, never their values) if it breaks the contract. */
export function recordFromItem(item: Record<string, unknown> | undefined): RegistrationRecord | null {
  if (!item) return null;
  const parsed = recordSchema.safeParse(item);
  if (parsed.success) return parsed.data;
  logger.error('Stored registration breaks the contract; leaving it out', {
    pk: typeof item.pk === 'string' ? item.pk : '(no key)',
    fields: parsed.error.issues.map((issue) => issue.path.join('.')).slice(0, 10),
  });
  return null;
}

/** The queues a registration is in: the administrators', and its area's when known. Pure. */
export function queueScopesOf(record: Pick<RegistrationRecord, 'localAuthority'>): RegistrationQueueScope[] {
  return record.localAuthority ? ['all', { area: record.localAuthority.code }] : ['all'];
}

/** The pointer keys of a registration as it is. Pure. */
export function queuePointerKeys(record: Pick<RegistrationRecord, 'id' | 'status' | 'localAuthority'>): { pk: string; sk: string }[] {
  return queueScopesOf(record).map((scope) => registrationQueueKey(scope, queueOf(record.status), record.id));
}

const keyText = (key: { pk: string; sk: string }) => `${key.pk}|${key.sk}`;

async function putPointers(keys: { pk: string; sk: string }[], registrationId: string): Promise<void> {
  if (keys.length === 0) return;
  await batchWrite(keys.map((key) => ({ put: { ...key, entity: 'registration_pointer', registrationId } })));
}

async function deletePointers(keys: { pk: string; sk: string }[]): Promise<void> {
  if (keys.length === 0) return;
  await batchWrite(keys.map((key) => ({ delete: key })));
}

/** Stores a new registration and puts it in its queues; a repeated id fails rather than overwrites. */
export async function createRegistration(record: RegistrationRecord): Promise<void> {
  const pointers = queuePointerKeys(record);
  await putPointers(pointers, record.id);
  try {
    await documents.send(
      new PutCommand({ TableName: tableName, Item: registrationItem(record), ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  } catch (error) {
    // A new registration is applied whole or not at all: its pointers come out again (a repeated
    // id keeps them, as they are the stored registration's too). Should that fail as well, they
    // are leftovers, which the queue skips.
    if (!isConditionalCheckFailure(error)) await deletePointers(pointers).catch(() => {});
    throw error;
  }
}

/** A registration, read consistently; null if there is none. */
export async function getRegistrationRecord(id: string): Promise<RegistrationRecord | null> {
  const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: registrationKey(id), ConsistentRead: true }));
  return recordFromItem(Item);
}

/** The local authority of a registration, for the access check; null if it is not known or there is no such registration. */
export async function registrationAreaOf(id: string): Promise<string | null> {
  // Asked before the handler checks its path: an id that is not a registration reference names no
  // registration, and one too long for a key would make DynamoDB refuse the read.
  if (!registrationIdSchema.safeParse(id).success) return null;
  const { Item } = await documents.send(
    new GetCommand({ TableName: tableName, Key: registrationKey(id), ConsistentRead: true, ProjectionExpression: 'localAuthorityCode' }),
  );
  return typeof Item?.localAuthorityCode === 'string' ? Item.localAuthorityCode : null;
}

/**
 * Replaces `current` with `next` (whose version is one more), only if the stored version is still
 * `current.version`, moving its queue pointers. Throws `precondition_failed` if someone else wrote it first.
 */
export async function writeRegistration(current: RegistrationRecord, next: RegistrationRecord): Promise<RegistrationRecord> {
  const before = queuePointerKeys(current);
  const after = queuePointerKeys(next);
  const beforeKeys = new Set(before.map(keyText));
  const afterKeys = new Set(after.map(keyText));
  await putPointers(after.filter((key) => !beforeKeys.has(keyText(key))), next.id);
  try {
    await documents.send(
      new PutCommand({
        TableName: tableName,
        Item: registrationItem(next),
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': current.version },
      }),
    );
  } catch (error) {
    if (isConditionalCheckFailure(error)) throw preconditionFailed('The registration has changed since it was read');
    throw error;
  }
  await deletePointers(before.filter((key) => !afterKeys.has(keyText(key))));
  return next;
}

/** The registration store the core's rules are written against. */
export const registrationStore = {
  read: getRegistrationRecord,
  create: createRegistration,
  write: writeRegistration,
};

/**
 * A page of a queue, newest first: registrations in any of `scopes` (an administrator's `['all']`, a
 * commissioner's areas), older than `before` when given. Leftover pointers are skipped.
 */
export async function listRegistrationQueue(
  scopes: readonly RegistrationQueueScope[],
  queue: RegistrationQueue,
  { before, limit }: { before?: string | undefined; limit: number },
): Promise<{ records: RegistrationRecord[]; nextBefore: string | null }> {
  const prefix = registrationQueueSortPrefix(queue);
  const pointerPages = await Promise.all(
    scopes.map(async (scope) => {
      const { pk } = registrationQueueKey(scope, queue, '');
      const items = await queryItems(
        {
          KeyConditionExpression: before === undefined ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk AND sk BETWEEN :prefix AND :before',
          // Every pointer older than `before` sorts before `<prefix><before>`; `before` itself is left out below.
          ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix, ...(before === undefined ? {} : { ':before': `${prefix}${before}` }) },
          ScanIndexForward: false,
          ProjectionExpression: 'registrationId',
        },
        { limit: limit + 1 },
      );
      return items.flatMap((item) => (typeof item.registrationId === 'string' && item.registrationId !== before ? [{ scope, id: item.registrationId }] : []));
    }),
  );
  // A registration is in one area at most, so ids across scopes are distinct but for `all`.
  const pointers = [...new Map(pointerPages.flat().map((pointer) => [pointer.id, pointer])).values()].sort((a, b) => b.id.localeCompare(a.id));
  const page = pointers.slice(0, limit);
  const { items } = await batchGet(page.map(({ id }) => registrationKey(id)), { consistentRead: true });
  const byId = new Map(items.flatMap((item) => {
    const record = recordFromItem(item);
    return record ? [[record.id, record] as const] : [];
  }));
  const records = page.flatMap(({ scope, id }) => {
    const record = byId.get(id);
    const stillHere = record && queueOf(record.status) === queue && (scope === 'all' || record.localAuthority?.code === scope.area);
    return stillHere ? [record] : [];
  });
  return { records, nextBefore: pointers.length > limit ? (page[page.length - 1]?.id ?? null) : null };
}
