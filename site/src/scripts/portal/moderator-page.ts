/**
 * What the registration pages do first, as `listing-page.ts` does for a listing's pages: check
 * there is a session, load who the person is and the page's data side by side, and show the right
 * state when any of it fails (signed out, no access, not found, not working).
 */
import type { MeResponse } from '@contract/me.js';
import type { RegistrationStatus } from '@contract/registration-moderation.js';
import { el } from '../dom.js';
import { stateOf } from './listing-page.js';
import { showPortalState, stopLoading } from './page-state.js';
import { getMe, type PortalResult } from './portal-api.js';
import { showSignedInPerson } from './portal-header.js';
import { currentSession, endSession, hasExpired, rememberLabel } from './session.js';

/** Opens the page: who is signed in and `load`'s data, or null when a state was shown instead. */
export async function openModeratorPage<T>(root: HTMLElement, load: () => Promise<PortalResult<T>>): Promise<{ me: MeResponse; data: T } | null> {
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
  const [me, data] = await Promise.all([getMe(), load()]);
  const failed = data.kind !== 'ok' ? data : me.kind !== 'ok' ? me : null;
  if (failed) {
    showPortalState(root, stateOf(failed));
    return null;
  }
  if (me.kind !== 'ok' || data.kind !== 'ok') return null;
  stopLoading(root);
  rememberLabel(me.data.label);
  showSignedInPerson(me.data.label);
  return { me: me.data, data: data.data };
}

const statusWords: Record<RegistrationStatus, [string, string]> = {
  submitted: ['Waiting for a decision', 'app-tag--yellow'],
  resubmitted: ['Changed – waiting for a decision', 'app-tag--yellow'],
  changes_requested: ['Waiting for the registrant', 'app-tag--grey'],
  approved: ['Approved', 'app-tag--green'],
  rejected: ['Rejected', 'app-tag--red'],
};

/** A registration's status as a coloured tag. */
export const registrationStatusTag = (status: RegistrationStatus): HTMLElement =>
  el('strong', { class: `app-tag ${statusWords[status][1]}`, 'data-registration-status': status }, statusWords[status][0]);
