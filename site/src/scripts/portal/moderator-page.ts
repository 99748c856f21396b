/**
 * What the registration pages do first (`openSignedInPage`), and a registration's status in words.
 */
import type { MeResponse } from '@contract/me.js';
import type { RegistrationStatus } from '@contract/registration-moderation.js';
import { el } from '../dom.js';
import type { PortalResult } from './portal-api.js';
import { openSignedInPage } from './signed-in-page.js';

/** Opens the page: who is signed in and `load`'s data, or null when a state was shown instead. */
export async function openModeratorPage<T>(root: HTMLElement, load: () => Promise<PortalResult<T>>): Promise<{ me: MeResponse; data: T } | null> {
  const opened = await openSignedInPage(root, () => true, load);
  return opened && { me: opened.me, data: opened.data };
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
