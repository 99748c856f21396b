/**
 * The sign-in callback (`[data-module="portal-callback"]`): finishes the sign-in, takes the code
 * out of the address bar and history, and goes on to the page the person asked for.
 */
import { required } from '../dom.js';
import { portalTitle } from './portal-title.js';
import { callbackPath } from './portal-urls.js';
import { signInProblemInWords } from './sign-in-words.js';

export async function finishCallback(root: HTMLElement): Promise<void> {
  const signingIn = required<HTMLElement>(root, '[data-callback-signing-in]');
  const failed = required<HTMLElement>(root, '[data-callback-failed]');
  const callbackUrl = new URL(location.href);
  // The code is single-use, but keep it out of history and of anything that reads the address.
  history.replaceState(null, '', callbackPath);

  const outcome = await import('./sign-in-flow.js')
    .then(({ finishSignIn }) => finishSignIn(callbackUrl))
    .catch(() => ({ kind: 'failed', problem: 'unavailable' }) as const);
  if (outcome.kind === 'signed_in') {
    // Replace, so Back does not return to a callback whose code is spent.
    location.replace(outcome.returnTo);
    return;
  }
  signingIn.hidden = true;
  required<HTMLElement>(failed, '[data-callback-reason]').textContent = signInProblemInWords(outcome.problem);
  failed.hidden = false;
  document.title = portalTitle('Sign-in did not work');
  required<HTMLElement>(failed, 'h1').focus();
}
