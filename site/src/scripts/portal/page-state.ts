/**
 * Shows one of the portal's page states (see components/portal/PortalStates.astro) in place of a
 * page's content, with the page title to match, and wires the Sign in button to come back here.
 */
import { el, required } from '../dom.js';
import { showServiceProblem } from '../service-problem.js';
import { showSignedInPerson } from './portal-header.js';
import { portalTitle } from './portal-title.js';
import { signInProblemInWords } from './sign-in-words.js';

/** What a page can show instead of its content. */
export type PortalState = 'signed_out' | 'session_ended' | 'forbidden' | 'not_found' | 'unavailable';

const titles: Record<PortalState, string> = {
  signed_out: 'Sign in',
  session_ended: 'Your session has ended',
  forbidden: 'No access to this listing',
  not_found: 'Listing not found',
  unavailable: 'Sorry, the portal is not working',
};

/** Ends the loading state: the page's own content (or a state, with its own heading) is about to appear. */
export function stopLoading(root: ParentNode): void {
  const loading = root.querySelector<HTMLElement>('[data-portal-loading]');
  if (loading) loading.textContent = '';
  const title = root.querySelector<HTMLElement>('[data-portal-loading-title]');
  if (title) title.hidden = true;
}

/** Shows `state` instead of the page's content; a state block may name its own title (`data-portal-state-title`). */
export function showPortalState(root: HTMLElement, state: PortalState): void {
  stopLoading(root);
  let title = titles[state];
  if (state === 'unavailable') {
    showServiceProblem(required<HTMLElement>(root, '[data-service-problem]'));
  } else {
    const block = required<HTMLElement>(root, `[data-portal-state="${state === 'session_ended' ? 'signed_out' : state}"]`);
    if (state === 'session_ended') {
      required<HTMLElement>(block, '[data-portal-signed-out-title]').textContent = 'Your session has ended';
      required<HTMLElement>(block, '[data-portal-signed-out-reason]').textContent = 'For your security, you need to sign in again. You will come back to this page.';
    }
    if (state === 'signed_out' || state === 'session_ended') {
      showSignedInPerson(null);
      wireSignIn(block);
    }
    block.hidden = false;
    title = block.dataset.portalStateTitle ?? title;
  }
  document.title = portalTitle(title);
}

/** The Sign in button of a signed-out state: sign in, then come back to this very page. */
function wireSignIn(block: HTMLElement): void {
  const button = required<HTMLButtonElement>(block, '[data-portal-sign-in]');
  const problem = required<HTMLElement>(block, '[data-portal-sign-in-problem]');
  if (button.dataset.wired) return;
  button.dataset.wired = 'true';
  button.addEventListener('click', () => {
    void signInAndReturn(button, problem);
  });
}

/**
 * Sends the person to sign in and back to this page. `beforeLeaving` runs just before the page
 * leaves, to keep a draft of what they typed.
 */
export async function signInAndReturn(button: HTMLButtonElement, problem: HTMLElement, beforeLeaving?: () => void): Promise<void> {
  if (button.getAttribute('aria-disabled') === 'true') return;
  button.setAttribute('aria-disabled', 'true');
  problem.hidden = true;
  beforeLeaving?.();
  const { startSignIn } = await import('./sign-in-flow.js').catch(() => ({ startSignIn: null }));
  const outcome = startSignIn ? await startSignIn({ returnTo: `${location.pathname}${location.search}` }) : 'unavailable';
  // Only reached when the sign-in could not start.
  button.removeAttribute('aria-disabled');
  problem.replaceChildren(el('p', {}, el('strong', {}, signInProblemInWords(outcome))));
  problem.hidden = false;
}
