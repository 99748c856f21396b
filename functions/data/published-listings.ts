/**
 * Published listings for open data: the sparse `published` index's entries (`table-schema.ts`),
 * and listings read by key with a projection of their public fields alone, so the contact email,
 * the change history and every other private attribute never leave the table.
 *
 * Like every GSI, `published` is eventually consistent: for about a second after a listing is
 * published, changed or withdrawn, its entry may be missing, stale or still there. The listings
 * read afterwards are checked again, so a withdrawn one is left out even then.
 */
import { publicListingFields } from '../contract/find-outlets.js';
import { type PublishedListing, publishedListingSchema } from '../contract/open-data.js';
import type { PublishedEntry } from '../core/hsds-listing.js';
import { isPubliclyListed } from '../core/listing-visibility.js';
import { logger } from '../shared/logger.js';
import { batchGet } from './batch-get.js';
import { outletKey } from './keys.js';
import { queryItems } from './query-pages.js';
import { publishedIndex } from './table-schema.js';

/** Reads in flight at once when many listings are read (the open data job). */
const listingReadConcurrency = 4;

const entryNames = { '#p': publishedIndex.partitionKey, '#k': publishedIndex.sortKey, '#id': 'id', '#u': 'updatedAt' };

function entryOf(item: Record<string, unknown>): PublishedEntry | null {
  const { id, updatedAt } = item;
  const serviceId = item[publishedIndex.sortKey];
  if (typeof id !== 'string' || typeof updatedAt !== 'string' || typeof serviceId !== 'string') return null;
  return { outletId: id, serviceId, updatedAt };
}

/** Every entry of the `published` index, ordered by service id: Query pages of small items, never a Scan. */
export async function readPublishedEntries(): Promise<PublishedEntry[]> {
  const items = await queryItems({
    IndexName: publishedIndex.name,
    KeyConditionExpression: '#p = :p',
    ProjectionExpression: '#k, #id, #u',
    ExpressionAttributeNames: entryNames,
    ExpressionAttributeValues: { ':p': publishedIndex.partitionValue },
  });
  return items.flatMap((item) => entryOf(item) ?? []);
}

/** The entry of one HSDS service id, or null when no published listing has it. */
export async function findPublishedEntry(serviceId: string): Promise<PublishedEntry | null> {
  const [item] = await queryItems(
    {
      IndexName: publishedIndex.name,
      KeyConditionExpression: '#p = :p AND #k = :k',
      ProjectionExpression: '#k, #id, #u',
      ExpressionAttributeNames: entryNames,
      ExpressionAttributeValues: { ':p': publishedIndex.partitionValue, ':k': serviceId },
    },
    { limit: 1 },
  );
  return item ? entryOf(item) : null;
}

/** A projection of exactly the listing's public fields and `updatedAt`, every name a placeholder (many are reserved words). */
const listingAttributes = [...publicListingFields, 'updatedAt'];
const listingProjection = {
  projection: listingAttributes.map((_, index) => `#a${index}`).join(', '),
  attributeNames: Object.fromEntries(listingAttributes.map((name, index) => [`#a${index}`, name])),
};

/**
 * The published listings of these outlets, in the order asked. Outlets that no longer exist or are
 * no longer publicly listed are left out, and so is an item that breaks the contract (logged by
 * its key and fields, never its values).
 */
export async function readPublishedListings(outletIds: readonly string[]): Promise<PublishedListing[]> {
  const { items } = await batchGet(outletIds.map(outletKey), { ...listingProjection, concurrency: listingReadConcurrency });
  const byId = new Map<string, PublishedListing>();
  for (const item of items) {
    const parsed = publishedListingSchema.safeParse({ listing: item, updatedAt: item.updatedAt });
    if (!parsed.success) {
      logger.error('Stored outlet breaks the contract; leaving it out of open data', {
        id: typeof item.id === 'string' ? item.id : '(no id)',
        fields: parsed.error.issues.map((issue) => issue.path.join('.')).slice(0, 10),
      });
      continue;
    }
    if (isPubliclyListed(parsed.data.listing)) byId.set(parsed.data.listing.id, parsed.data);
  }
  return outletIds.flatMap((id) => byId.get(id) ?? []);
}
