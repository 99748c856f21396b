/**
 * Single use of a reminder's links: one item per used token (`LINK#<jti>`), claimed with a
 * conditional put before the listing changes and marked done after. A second press of the same
 * link finds the item and is told it was already done; one that arrives while the first is still
 * being carried out is told to wait. A claim left behind by a run that died (older than a function
 * can run) may be taken over, so a link is never lost to a crash.
 *
 * The item keeps `expiresAt`, the token's own expiry, for a TTL to sweep one day; nothing depends
 * on that, and expiry is always checked in code (the embedded engine has no TTL).
 */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, isConditionalCheckFailure } from './dynamodb-documents.js';
import * as z from 'zod';
import { type ListingAction, listingActionSchema } from '../contract/listing-actions.js';
import type { LinkClaim, LinkUse } from '../core/listing-link-answers.js';
import { documents, tableName } from './client.js';
import { usedLinkKey } from './keys.js';

export type { LinkClaim, LinkUse };

/** A claim older than this belongs to a run that died: longer than any function runs. */
const abandonedAfterMs = 60_000;

const linkUseSchema = z.object({
  outletId: z.string(),
  action: listingActionSchema,
  status: z.enum(['pending', 'done']),
  claimId: z.string(),
  claimedAt: z.iso.datetime({ offset: true }),
  doneAt: z.iso.datetime({ offset: true }).nullable(),
  expiresAt: z.number().int(),
});

/** The use of a link, read consistently; null if it was never used. */
export async function readLinkUse(jti: string): Promise<LinkUse | null> {
  const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: usedLinkKey(jti), ConsistentRead: true }));
  const parsed = linkUseSchema.safeParse(Item);
  return parsed.success ? parsed.data : null;
}

/** Claims a link for one use at `now`. Fails (with the existing use) if it is done or being done. */
export async function claimLink(
  jti: string,
  link: { outletId: string; action: ListingAction; expiresAt: Date },
  now: Date,
  claimId: string = crypto.randomUUID(),
): Promise<LinkClaim> {
  const use: LinkUse = {
    outletId: link.outletId,
    action: link.action,
    status: 'pending',
    claimId,
    claimedAt: now.toISOString(),
    doneAt: null,
    expiresAt: Math.floor(link.expiresAt.getTime() / 1000),
  };
  try {
    await documents.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...usedLinkKey(jti), entity: 'used-link', ...use },
        ConditionExpression: 'attribute_not_exists(pk) OR (#status = :pending AND #claimedAt < :abandoned)',
        ExpressionAttributeNames: { '#status': 'status', '#claimedAt': 'claimedAt' },
        ExpressionAttributeValues: { ':pending': 'pending', ':abandoned': new Date(now.getTime() - abandonedAfterMs).toISOString() },
      }),
    );
    return { claimed: true, use };
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
    return { claimed: false, use: await readLinkUse(jti) };
  }
}

/** Marks our claim done at `doneAt`. */
export async function finishLink(jti: string, claimId: string, doneAt: Date): Promise<void> {
  await documents.send(
    new UpdateCommand({
      TableName: tableName,
      Key: usedLinkKey(jti),
      UpdateExpression: 'SET #status = :done, #doneAt = :doneAt',
      ConditionExpression: '#claimId = :claimId',
      ExpressionAttributeNames: { '#status': 'status', '#doneAt': 'doneAt', '#claimId': 'claimId' },
      ExpressionAttributeValues: { ':done': 'done', ':doneAt': doneAt.toISOString(), ':claimId': claimId },
    }),
  );
}

/** Gives our claim back after the change failed, so the link can be pressed again. */
export async function releaseLink(jti: string, claimId: string): Promise<void> {
  try {
    await documents.send(
      new DeleteCommand({
        TableName: tableName,
        Key: usedLinkKey(jti),
        ConditionExpression: '#claimId = :claimId AND #status = :pending',
        ExpressionAttributeNames: { '#claimId': 'claimId', '#status': 'status' },
        ExpressionAttributeValues: { ':claimId': claimId, ':pending': 'pending' },
      }),
    );
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
  }
}
