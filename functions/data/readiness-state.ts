/**
 * Readiness reminders in the table: each outlet's reminder state (one item, `OUTLET#<id>` /
 * `READINESS`), the listings due a look (the sparse `readiness` index), and moving a listing's
 * next look on.
 *
 * The state item carries a `revision`, and every save is conditional on the revision read: two
 * runs of the job that look at the same listing at the same time cannot both record (and so both
 * send) the same reminder. The embedded engine has no transactions, so nothing here needs one.
 */
import { GetCommand, PutCommand, UpdateCommand, isConditionalCheckFailure } from './dynamodb-documents.js';
import * as z from 'zod';
import { attentionReasonSchema } from '../contract/readiness.js';
import type { ReadinessState } from '../core/readiness-rules.js';
import { documents, tableName } from './client.js';
import { outletKey, readinessStateKey } from './keys.js';
import { queryItems } from './query-pages.js';
import { readinessDueKey, readinessDueUpTo } from './readiness-items.js';
import { readinessIndex, readinessQueueValue } from './table-schema.js';

/** A reminder state as stored, with the revision its next save is conditional on (0: none stored yet). */
export interface StoredReadinessState {
  state: ReadinessState;
  revision: number;
}

const isoDateTime = z.iso.datetime({ offset: true });

const stateItemSchema = z.object({
  basis: isoDateTime.nullable(),
  remindersSentAt: z.array(isoDateTime).max(2),
  escalatedAt: isoDateTime.nullable(),
  escalationReason: attentionReasonSchema.nullable(),
  answeredAt: isoDateTime.nullable(),
  revision: z.number().int().positive(),
});

/** The item for a state at a revision. Pure. */
export function readinessStateItem(outletId: string, state: ReadinessState, revision: number): Record<string, unknown> {
  return { ...readinessStateKey(outletId), entity: 'readiness', outletId, ...state, revision };
}

/** An outlet's reminder state, read consistently; null if none was ever stored (or it is malformed). */
export async function readReadinessState(outletId: string): Promise<StoredReadinessState | null> {
  const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: readinessStateKey(outletId), ConsistentRead: true }));
  const parsed = stateItemSchema.safeParse(Item);
  if (!parsed.success) return null;
  const { revision, ...state } = parsed.data;
  return { state, revision };
}

/**
 * Saves `state` if the stored revision is still `expectedRevision` (0: nothing stored). Returns
 * false, writing nothing, when someone else saved first: they are looking after the listing.
 */
export async function saveReadinessState(outletId: string, state: ReadinessState, expectedRevision: number): Promise<boolean> {
  try {
    await documents.send(
      new PutCommand({
        TableName: tableName,
        Item: readinessStateItem(outletId, state, expectedRevision + 1),
        ...(expectedRevision === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: '#revision = :expected', ExpressionAttributeNames: { '#revision': 'revision' }, ExpressionAttributeValues: { ':expected': expectedRevision } }),
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return false;
    throw error;
  }
}

/** The ids of the listings due a look at `now`, soonest due first: one Query of the sparse index, never a Scan. */
export async function dueReadinessOutletIds(now: Date): Promise<string[]> {
  const items = await queryItems({
    IndexName: readinessIndex.name,
    KeyConditionExpression: '#queue = :queue AND #due <= :upTo',
    ExpressionAttributeNames: { '#queue': readinessIndex.partitionKey, '#due': readinessIndex.sortKey },
    ExpressionAttributeValues: { ':queue': readinessQueueValue, ':upTo': readinessDueUpTo(now) },
  });
  return items.flatMap((item) => (typeof item.pk === 'string' && item.pk.startsWith('OUTLET#') ? [item.pk.slice('OUTLET#'.length)] : []));
}

/**
 * Sets when the job next looks at a listing (`dueAt`), or takes it out of the index (null), only if
 * the listing is still at `version`. Returns false when it changed meanwhile: the change placed it
 * in the index itself, and this look was based on what it was before.
 */
export async function scheduleReadinessCheck(outletId: string, version: number, dueAt: Date | null): Promise<boolean> {
  const names = { '#version': 'version', '#queue': readinessIndex.partitionKey, '#due': readinessIndex.sortKey };
  try {
    await documents.send(
      new UpdateCommand({
        TableName: tableName,
        Key: outletKey(outletId),
        ConditionExpression: '#version = :version',
        ...(dueAt
          ? {
              UpdateExpression: 'SET #queue = :queue, #due = :due',
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: { ':version': version, ':queue': readinessQueueValue, ':due': readinessDueKey(dueAt, outletId) },
            }
          : { UpdateExpression: 'REMOVE #queue, #due', ExpressionAttributeNames: names, ExpressionAttributeValues: { ':version': version } }),
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return false;
    throw error;
  }
}
