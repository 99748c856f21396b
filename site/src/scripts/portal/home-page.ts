/**
 * The portal's first screen (`[data-module="portal-home"]`): the signed-out screen at once when
 * this tab has no session, otherwise the person's listings. The signed-in part (with zod and the
 * API client) is loaded only for someone signed in, so the signed-out screen stays light.
 */
import { required } from '../dom.js';
import { showSignedOutHome } from './home-signed-out.js';
import { showPortalState } from './page-state.js';
import { currentSession, endSession, hasExpired } from './session.js';

export function enhanceHomePage(root: HTMLElement): void {
  const session = currentSession();
  if (!session) {
    showSignedOutHome(root, { sessionEnded: false });
    return;
  }
  if (hasExpired(session) && !session.refreshToken) {
    endSession();
    showSignedOutHome(root, { sessionEnded: true });
    return;
  }
  required<HTMLElement>(root, '[data-portal-loading]').textContent = 'Loading your listings…';
  import('./home-signed-in.js')
    .then(({ showSignedInHome }) => showSignedInHome(root))
    .catch(() => showPortalState(root, 'unavailable'));
}
