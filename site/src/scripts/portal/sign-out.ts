/**
 * Signing out: forget everything the portal kept in this tab, then end the sign-in service's own
 * session, which sends the person to the signed-out page. Both services are asked in their own
 * words: Cognito's `/logout` reads `client_id` and `logout_uri`, an OpenID Provider's end-session
 * endpoint `client_id` and `post_logout_redirect_uri`; each ignores the other's.
 */
import { signedOutPath } from './portal-urls.js';
import { clearPortalStorage, currentSession } from './session.js';

/** The sign-in service's logout address for this session, or null when no session says where it is. */
export function logoutUrl(): string | null {
  const settings = currentSession()?.settings;
  if (!settings) return null;
  const back = new URL(signedOutPath, location.origin).href;
  const url = new URL(settings.logoutEndpoint);
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('logout_uri', back);
  url.searchParams.set('post_logout_redirect_uri', back);
  return url.href;
}

/** Clears the session, then leaves for the sign-in service's logout (or straight to the signed-out page). */
export function signOut(): void {
  const destination = logoutUrl() ?? signedOutPath;
  clearPortalStorage();
  location.assign(destination);
}
