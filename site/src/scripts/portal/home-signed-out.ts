/**
 * The signed-out first screen: an email field and "Send me a sign-in code", which opens the
 * sign-in service with the email as `login_hint` (it sends the code at once), and a plain sign-in
 * for anyone who would rather type their email there.
 */
import { el, required } from '../dom.js';
import { clearErrors, showErrors } from '../error-summary.js';
import { stopLoading } from './page-state.js';
import { signInProblemInWords } from './sign-in-words.js';
import { portalTitle } from './portal-title.js';
import { portalHomePath } from './portal-urls.js';

/** GOV.UK's wording for a missing or malformed email address. */
export const emailMessages = {
  missing: 'Enter your email address',
  malformed: 'Enter an email address in the correct format, like name@example.com',
} as const;

/** The message for an email field's value, or null when it looks like an email address. */
export function emailProblem(value: string): string | null {
  const email = value.trim();
  if (!email) return emailMessages.missing;
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? null : emailMessages.malformed;
}

export function showSignedOutHome(root: HTMLElement, { sessionEnded }: { sessionEnded: boolean }): void {
  const section = required<HTMLElement>(root, '[data-home-signed-out]');
  const form = required<HTMLFormElement>(section, '[data-sign-in-form]');
  const email = required<HTMLInputElement>(form, '#email');
  const plain = required<HTMLButtonElement>(section, '[data-plain-sign-in]');
  const problem = required<HTMLElement>(section, '[data-sign-in-problem]');
  required<HTMLElement>(section, '[data-home-session-ended]').hidden = !sessionEnded;
  stopLoading(root);
  section.hidden = false;
  document.title = portalTitle(sessionEnded ? 'Your session has ended' : 'Sign in');

  // Fetch the sign-in code while the person types their email, so the button answers at once.
  const warmUp = () => void import('./sign-in-flow.js').catch(() => {});
  form.addEventListener('focusin', warmUp, { once: true });

  let leaving = false;
  async function signIn(loginHint?: string): Promise<void> {
    if (leaving) return;
    leaving = true;
    problem.hidden = true;
    const { startSignIn } = await import('./sign-in-flow.js').catch(() => ({ startSignIn: null }));
    const outcome = startSignIn ? await startSignIn({ returnTo: portalHomePath, ...(loginHint ? { loginHint } : {}) }) : 'unavailable';
    // Only reached when the sign-in could not start: the page stays, with the email as typed.
    leaving = false;
    problem.replaceChildren(el('p', {}, el('strong', {}, signInProblemInWords(outcome))));
    problem.hidden = false;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const message = emailProblem(email.value);
    if (message) {
      showErrors([{ message, fieldId: 'email' }]);
      return;
    }
    clearErrors();
    void signIn(email.value.trim());
  });
  plain.addEventListener('click', () => {
    clearErrors();
    void signIn();
  });
}
