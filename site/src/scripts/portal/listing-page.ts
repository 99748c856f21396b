/**
 * What every page of one listing does first: read `?id=`, check there is a session, load who the
 * person is (`GET /api/me`) and the page's own data side by side, and show the right state when
 * any of it fails (signed out, no access, not found, not working). The page gets the rest.
 */
import type { MeResponse } from '@contract/me.js';
import type { PortalOutlet } from '@contract/portal-outlet.js';
import { outletIdSchema } from '@contract/outlet.js';
import { el } from '../dom.js';
import { type PortalState, showPortalState, stopLoading } from './page-state.js';
import { getListing, getMe, type PortalResult } from './portal-api.js';
import { showSignedInPerson } from './portal-header.js';
import { currentSession, endSession, hasExpired, rememberLabel } from './session.js';

/** Who is looking at which listing, and whether they may change it. */
export interface ListingPageContext {
  id: string;
  me: MeResponse;
  /** Staff of this listing and administrators may change it; its commissioner only reads it. */
  canWrite: boolean;
}

/** The page state for a failed result (not `ok`), from the page's point of view. */
export function stateOf(result: Exclude<PortalResult<unknown>, { kind: 'ok' }>): PortalState {
  if (result.kind === 'signed_out') return 'session_ended';
  if (result.kind === 'forbidden') return 'forbidden';
  if (result.kind === 'not_found') return 'not_found';
  return 'unavailable';
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
  const session = currentSession();
  if (!session) {
    showPortalState(root, 'signed_out');
    return null;
  }
  if (hasExpired(session) && !session.refreshToken) {
    endSession();
    showPortalState(root, 'session_ended');
    return null;
  }
  const id = outletIdSchema.safeParse(new URLSearchParams(location.search).get('id') ?? '');
  if (!id.success) {
    showPortalState(root, 'not_found');
    return null;
  }

  const [me, data] = await Promise.all([getMe(), load(id.data)]);
  // The listing's own answer says most (403, 404); a failed "who am I" alone means not working.
  const failed = data.kind !== 'ok' ? data : me.kind !== 'ok' ? me : null;
  if (failed) {
    showPortalState(root, stateOf(failed));
    return null;
  }
  if (me.kind !== 'ok' || data.kind !== 'ok') return null;
  stopLoading(root);
  rememberLabel(me.data.label);
  showSignedInPerson(me.data.label);
  const canWrite = me.data.roles.includes('admin') || me.data.outlets.some((outlet) => outlet.id === id.data);
  return { context: { id: id.data, me: me.data, canWrite }, data: data.data };
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
