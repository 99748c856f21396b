/**
 * What every signed-in portal page does first: check there is a session, read what the page is
 * about from its address (a listing's `?id=`, an area's `?code=`; a malformed one is "not found"),
 * load who the person is (`GET /api/me`) and the page's own data side by side, and show the right
 * state when any of it fails (signed out, session ended, no access, not found, not working).
 * `listing-page.ts`, `area/area-page.ts` and `moderator-page.ts` add what their pages need.
 */
import type { MeResponse } from '@contract/me.js';
import { type PortalState, showPortalState, stopLoading } from './page-state.js';
import { getMe, type PortalResult } from './portal-api.js';
import { showSignedInPerson } from './portal-header.js';
import { currentSession, endSession, hasExpired, rememberLabel } from './session.js';

/** The page state for a failed result (not `ok`), from the page's point of view. */
export function stateOf(result: Exclude<PortalResult<unknown>, { kind: 'ok' }>): PortalState {
  if (result.kind === 'signed_out') return 'session_ended';
  if (result.kind === 'forbidden') return 'forbidden';
  if (result.kind === 'not_found') return 'not_found';
  return 'unavailable';
}

/**
 * Opens the page: what it is about (`subject`, from the address; null shows "not found"), who is
 * signed in, and `load`'s data; or null when a state was shown instead.
 */
export async function openSignedInPage<S, T>(
  root: HTMLElement,
  subject: () => S | null,
  load: (subject: S) => Promise<PortalResult<T>>,
): Promise<{ subject: S; me: MeResponse; data: T } | null> {
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
  const about = subject();
  if (about === null) {
    showPortalState(root, 'not_found');
    return null;
  }

  const [me, data] = await Promise.all([getMe(), load(about)]);
  // The page's own answer says most (403, 404); a failed "who am I" alone means not working.
  const failed = data.kind !== 'ok' ? data : me.kind !== 'ok' ? me : null;
  if (failed) {
    showPortalState(root, stateOf(failed));
    return null;
  }
  if (me.kind !== 'ok' || data.kind !== 'ok') return null;
  stopLoading(root);
  rememberLabel(me.data.label);
  showSignedInPerson(me.data.label);
  return { subject: about, me: me.data, data: data.data };
}
