/**
 * The portal header's account area: who is signed in, and the Sign out button. Shown only with a
 * session in this tab; a page that learns the person's name from the API calls
 * {@link showSignedInPerson} again.
 */
import { required } from '../dom.js';
import { currentSession } from './session.js';
import { signOut } from './sign-out.js';

/** Shows the account area for the session in this tab, if any, and wires Sign out. */
export function enhancePortalHeader(): void {
  const account = document.querySelector<HTMLElement>('[data-portal-account]');
  if (!account) return;
  required<HTMLButtonElement>(account, '[data-portal-sign-out]').addEventListener('click', signOut);
  const session = currentSession();
  if (session) showSignedInPerson(session.label);
}

/**
 * Names the person in the header ("Signed in as …"), or leaves the area unseen when nobody is
 * signed in. The area keeps its place either way (`visibility`), so the page never moves for it.
 */
export function showSignedInPerson(label: string | null): void {
  const account = document.querySelector<HTMLElement>('[data-portal-account]');
  if (!account) return;
  const session = currentSession();
  account.classList.toggle('app-portal-header__account--unknown', !session);
  required<HTMLElement>(account, '[data-portal-person]').textContent = label ?? session?.label ?? 'you';
}
