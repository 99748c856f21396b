/**
 * Postal naloxone services and the pointers that find them by area, without a Scan or a new index.
 *
 * Each service is one item (`POSTAL#<id>`), written conditionally on its `version`. Each area it
 * posts to (a nation's or a local authority's GSS code) holds a pointer item to it
 * (`POSTALAREA#<code>` / `POSTAL#<id>`), so the services covering a place are one Query for its local
 * authority and one for its nation, then one BatchGetItem for the services themselves.
 *
 * As with registrations' queues (`registrations.ts`), with no transactions the pointers are written
 * in the order that can only leave too many, never too few: pointers a write adds go in before the
 * service, pointers it drops come out after. A leftover pointer is harmless: a search keeps only the
 * services whose own area still holds the place, and the next write of the service removes it.
 */
import { GetCommand, PutCommand, isConditionalCheckFailure } from './dynamodb-documents.js';
import * as z from 'zod';
import { type PostalService, type PostalServiceInput, type SearchedArea, postalServiceInputSchema } from '../contract/postal-services.js';
import { coversArea, searchedAreaCodes, serviceAreaCodes } from '../core/postal-services.js';
import { preconditionFailed } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { batchGet } from './batch-get.js';
import { batchWrite } from './batch-write.js';
import { documents, tableName } from './client.js';
import { postalAreaPartition, postalAreaPointerKey, postalServiceKey } from './keys.js';
import { queryItems } from './query-pages.js';

const storedSchema = z.intersection(
  postalServiceInputSchema,
  z.object({ updatedAt: z.iso.datetime({ offset: true }), version: z.number().int().nonnegative() }),
);

/** The item of a service. Pure. */
export function postalServiceItem(service: PostalService): Record<string, unknown> {
  return { ...postalServiceKey(service.id), entity: 'postal_service', ...service };
}

function serviceFromItem(item: Record<string, unknown> | undefined): PostalService | null {
  if (!item) return null;
  const parsed = storedSchema.safeParse(item);
  if (parsed.success) return parsed.data;
  logger.error('Stored postal service breaks the contract; leaving it out', {
    pk: typeof item.pk === 'string' ? item.pk : '(no key)',
    fields: parsed.error.issues.map((issue) => issue.path.join('.')).slice(0, 10),
  });
  return null;
}

const pointerKeys = (service: Pick<PostalService, 'id' | 'serviceArea'>) =>
  serviceAreaCodes(service.serviceArea).map((code) => postalAreaPointerKey(code, service.id));
const keyText = (key: { pk: string; sk: string }) => `${key.pk}|${key.sk}`;

/** A postal service, read consistently; null if there is none. */
export async function getPostalService(id: string): Promise<PostalService | null> {
  const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: postalServiceKey(id), ConsistentRead: true }));
  return serviceFromItem(Item);
}

/** What {@link savePostalService} did. */
export type SaveOutcome = 'created' | 'changed' | 'unchanged';

/**
 * Creates the service, or replaces the stored one when anything differs, moving its area pointers.
 * Conditional on the version it read: throws `precondition_failed` if someone else wrote it between.
 */
export async function savePostalService(input: PostalServiceInput, now: Date = new Date()): Promise<SaveOutcome> {
  const current = await getPostalService(input.id);
  if (current && sameService(current, input)) {
    // Put its pointers back all the same: a write cut short before may have left one out.
    await putPointers(pointerKeys(current), current.id);
    return 'unchanged';
  }
  const next: PostalService = { ...input, updatedAt: now.toISOString(), version: (current?.version ?? 0) + 1 };
  const before = current ? pointerKeys(current) : [];
  const after = pointerKeys(next);
  const afterKeys = new Set(after.map(keyText));
  await putPointers(after, next.id);
  try {
    await documents.send(
      new PutCommand({
        TableName: tableName,
        Item: postalServiceItem(next),
        ...(current
          ? { ConditionExpression: '#version = :expected', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': current.version } }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      }),
    );
  } catch (error) {
    if (isConditionalCheckFailure(error)) throw preconditionFailed('The postal service has changed since it was read');
    throw error;
  }
  const dropped = before.filter((key) => !afterKeys.has(keyText(key)));
  if (dropped.length > 0) await batchWrite(dropped.map((key) => ({ delete: key })));
  return current ? 'changed' : 'created';
}

/** Whether the stored service already says exactly what the input says. Pure. */
export function sameService(stored: PostalService, input: PostalServiceInput): boolean {
  const { updatedAt: _updatedAt, version: _version, ...fields } = stored;
  return JSON.stringify(canonical(fields)) === JSON.stringify(canonical(input));
}

/** Keys in a fixed order, so two equal services compare equal however they were built. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  }
  return value;
}

async function putPointers(keys: { pk: string; sk: string }[], serviceId: string): Promise<void> {
  if (keys.length === 0) return;
  await batchWrite(keys.map((key) => ({ put: { ...key, entity: 'postal_pointer', serviceId } })));
}

/** How many items a lookup read, for logs and tests. */
export interface PostalLookupStats {
  queries: number;
  pointersRead: number;
  servicesRead: number;
}

/**
 * The active postal services covering a searched place, by name: one Query per code it is known
 * by (its local authority's, its nation's), then one BatchGetItem. None when its area is unknown.
 */
export async function findPostalServicesCovering(area: SearchedArea): Promise<{ services: PostalService[]; stats: PostalLookupStats }> {
  const codes = searchedAreaCodes(area);
  const pointers = (
    await Promise.all(
      codes.map((code) =>
        queryItems({
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': postalAreaPartition(code) },
          ProjectionExpression: 'serviceId',
        }),
      ),
    )
  ).flat();
  const ids = [...new Set(pointers.flatMap((item) => (typeof item.serviceId === 'string' ? [item.serviceId] : [])))];
  const { items } = ids.length > 0 ? await batchGet(ids.map(postalServiceKey)) : { items: [] };
  const services = items
    .map(serviceFromItem)
    .filter((service): service is PostalService => service !== null && coversArea(service, area))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || a.id.localeCompare(b.id));
  return { services, stats: { queries: codes.length, pointersRead: pointers.length, servicesRead: items.length } };
}
