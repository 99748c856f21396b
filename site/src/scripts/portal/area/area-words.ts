/**
 * Plain English for an area's listings on the dashboard: the status the public sees, and how
 * fresh each listing is by the finder's own thresholds (`freshness.ts`). Types and numbers come
 * from the contract; only the words live here.
 */
import type { AreaListing } from '@contract/area-dashboard.js';
import { type Freshness, freshnessThresholds } from '@contract/freshness.js';
import { listingStatusInWords } from '../listing-words.js';

/** "Open as usual", "Temporarily closed – reopens Monday 4 January 2027", "Withdrawn (not shown to the public)". */
export const publicStatusInWords = (listing: Pick<AreaListing, 'publicStatus' | 'reopensOn'>): string =>
  listingStatusInWords(listing.publicStatus, listing.reopensOn);

const freshnessWords: Record<Freshness, string> = {
  current: 'Up to date',
  may_be_out_of_date: `Marked “may be out of date” (${freshnessThresholds.mayBeOutOfDateDays} days or more)`,
  out_of_date: `Left out of searches (${freshnessThresholds.leftOutOfSearchDays} days or more)`,
};

/** What the public sees of a listing's age. */
export const freshnessInWords = (freshness: Freshness): string => freshnessWords[freshness];

/** A tag's colour class for a listing's freshness. */
export const freshnessTagClass = (freshness: Freshness): string =>
  ({ current: 'app-tag--green', may_be_out_of_date: 'app-tag--yellow', out_of_date: 'app-tag--red' })[freshness];

/** "Not confirmed for 120 days", "Confirmed today", or "Never confirmed" when the finder has no date at all. */
export function unconfirmedInWords(listing: Pick<AreaListing, 'unconfirmedDays' | 'assuredAt'>): string {
  if (listing.unconfirmedDays === null) return 'Never confirmed';
  if (listing.assuredAt === null) return `Never confirmed (listed ${listing.unconfirmedDays === 1 ? '1 day' : `${listing.unconfirmedDays} days`} ago)`;
  if (listing.unconfirmedDays === 0) return 'Confirmed today';
  return `Confirmed ${listing.unconfirmedDays === 1 ? '1 day' : `${listing.unconfirmedDays} days`} ago`;
}

/** "1 listing", "118 listings". */
export const listingsCount = (count: number): string => `${count.toLocaleString('en-GB')} ${count === 1 ? 'listing' : 'listings'}`;
