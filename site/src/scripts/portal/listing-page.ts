/**
 * What every page of one listing does first (`openSignedInPage` with the listing's `?id=`), and
 * whether the person may change the listing. The page gets the rest.
 */
import type { MeResponse } from '@contract/me.js';
import type { PortalOutlet } from '@contract/portal-outlet.js';
import { outletIdSchema } from '@contract/outlet.js';
import { el } from '../dom.js';
import { getListing, type PortalResult } from './portal-api.js';
import { openSignedInPage } from './signed-in-page.js';

/** Who is looking at which listing, and whether they may change it. */
export interface ListingPageContext {
  id: string;
  me: MeResponse;
  /** Staff of this listing and administrators may change it; its commissioner only reads it. */
  canWrite: boolean;
}

/**
 * A loader for a page that shows the listing and one more of its records: both read at once, and
 * whichever fails first decides the page's state (403, 404, not working).
 */
export const withListing =
  <T>(read: (id: string) => Promise<PortalResult<T>>) =>
  async (id: string): Promise<PortalResult<{ listing: PortalOutlet; records: T }>> => {
    const [listing, records] = await Promise.all([getListing(id), read(id)]);
    if (listing.kind !== 'ok') return listing;
    if (records.kind !== 'ok') return records;
    return { kind: 'ok', data: { listing: listing.data, records: records.data } };
  };

/**
 * Opens the listing page: the context and `load`'s data, or null when a state was shown instead.
 */
export async function openListingPage<T>(
  root: HTMLElement,
  load: (id: string) => Promise<PortalResult<T>>,
): Promise<{ context: ListingPageContext; data: T } | null> {
  const opened = await openSignedInPage(root, () => outletIdSchema.safeParse(new URLSearchParams(location.search).get('id') ?? '').data ?? null, load);
  if (!opened) return null;
  const { subject: id, me, data } = opened;
  const canWrite = me.roles.includes('admin') || me.outlets.some((outlet) => outlet.id === id);
  return { context: { id, me, canWrite }, data };
}

/** The page's heading: the listing's name as a caption above what the page is for. */
export function listingHeading(listingName: string, title: string): HTMLElement {
  return el('h1', {}, el('span', { class: 'app-caption' }, listingName), title);
}

/** Said to a commissioner (or anyone who may only read) on pages with forms they cannot use. */
export function readOnlyNotice(): HTMLElement {
  return el(
    'div',
    { class: 'app-inset', 'data-read-only': '' },
    el('p', {}, 'You can see this listing because you commission naloxone services in its area. Only the listing’s own staff can change it.'),
  );
}
