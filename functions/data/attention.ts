/**
 * Listings escalated to their commissioners: one item per listing in its local authority's
 * partition (`AREA#<code>` / `ATTENTION#<outletId>`), so an area's list is one Query. Each item
 * names the basis it was escalated for; a listing confirmed since is no longer on the list (the
 * route compares bases), and its item is deleted by whichever comes first: an answer to a reminder
 * link, or the readiness job's next look at the listing.
 */
import { DeleteCommand, PutCommand, isConditionalCheckFailure } from './dynamodb-documents.js';
import * as z from 'zod';
import { attentionReasonSchema } from '../contract/readiness.js';
import type { AttentionRecord } from '../core/readiness-rules.js';
import { documents, tableName } from './client.js';
import { areaPartition, attentionKey, attentionSortPrefix } from './keys.js';
import { parsedItems, queryItems } from './query-pages.js';

export type { AttentionRecord };

const isoDateTime = z.iso.datetime({ offset: true });

const attentionItemSchema = z.object({
  areaCode: z.string(),
  outletId: z.string(),
  reason: attentionReasonSchema,
  basis: isoDateTime.nullable(),
  remindersSentAt: z.array(isoDateTime),
  escalatedAt: isoDateTime,
});

/** The item for a record. Pure. */
export const attentionItem = (record: AttentionRecord): Record<string, unknown> => ({
  ...attentionKey(record.areaCode, record.outletId),
  entity: 'attention',
  ...record,
});

/** Puts a listing on its area's list (or puts it there again, unchanged in effect: idempotent). */
export async function putAttention(record: AttentionRecord): Promise<void> {
  await documents.send(new PutCommand({ TableName: tableName, Item: attentionItem(record) }));
}

/**
 * Takes a listing off its area's list, but only the entry for `basis`: an escalation of a newer
 * basis, written meanwhile, stays. Nothing happens when there is no such entry.
 */
export async function deleteAttention(areaCode: string, outletId: string, basis: string | null): Promise<void> {
  try {
    await documents.send(
      new DeleteCommand({
        TableName: tableName,
        Key: attentionKey(areaCode, outletId),
        ConditionExpression: basis === null ? 'attribute_type(#basis, :null)' : '#basis = :basis',
        ExpressionAttributeNames: { '#basis': 'basis' },
        ExpressionAttributeValues: basis === null ? { ':null': 'NULL' } : { ':basis': basis },
      }),
    );
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
  }
}

/** Every listing on an area's list, read consistently; malformed items are left out. */
export async function listAttention(areaCode: string): Promise<AttentionRecord[]> {
  const items = await queryItems({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': areaPartition(areaCode), ':prefix': attentionSortPrefix },
    ConsistentRead: true,
  });
  return parsedItems(items, (item) => attentionItemSchema.safeParse(item));
}
