/**
 * The message under a form whose save found the session over: nothing was saved, and signing in
 * again brings the person back here with what they typed (kept by `keep` just before leaving).
 */
import { el } from '../dom.js';
import { signInAndReturn } from './page-state.js';

/**
 * Fills `slot` with the message and its "Sign in again" button, and shows it. `what` names what
 * was not saved, `verb` agrees with it: "these kits" + "have", "this batch" + "has".
 */
export function showSessionEnded(slot: HTMLElement, keep: () => void, what = 'your changes', verb: 'has' | 'have' = 'have'): void {
  const button = el('button', { type: 'button', class: 'app-button app-button--secondary', 'data-sign-in-again': '' }, 'Sign in again');
  const problem = el('div', {});
  problem.hidden = true;
  button.addEventListener('click', () => void signInAndReturn(button, problem, keep));
  slot.replaceChildren(
    el('p', {}, el('strong', {}, `Your session has ended, so ${what} ${verb} not been saved yet.`), ` Sign in again and we will bring you back here with ${what}.`),
    button,
    problem,
  );
  slot.hidden = false;
}
