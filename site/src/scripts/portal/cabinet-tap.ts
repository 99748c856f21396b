/**
 * One-tap controls for an emergency naloxone cabinet's guardian: "Ready" and "Used – awaiting
 * restock", each also confirming the listing. The public sees the change at once: a used cabinet
 * tells people to call 999 and is never "open now".
 *
 * As the stock buttons do (`one-tap.ts`): while a tap is on its way more taps are ignored, a
 * failure keeps the screen as it was and offers to try again (setting a status is safe to repeat),
 * and an ended session is said so, with a way to sign in and come back.
 */
import type { CabinetStatus } from '@contract/outlet.js';
import type { PortalOutlet } from '@contract/portal-outlet.js';
import { el, hiddenText, summaryRow } from '../dom.js';
import { cabinetInWords } from '../format.js';
import { confirmedInWords } from './listing-words.js';
import { signInAndReturn } from './page-state.js';
import { setCabinet } from './portal-api.js';

export interface CabinetTapListing {
  id: string;
  /** Names the cabinet to screen readers where several share a page. */
  name: string;
  status: CabinetStatus | null;
  assuredAgeDays: number | null;
}

const choices: { status: CabinetStatus; label: string }[] = [
  { status: 'ready', label: 'Ready' },
  { status: 'used_awaiting_restock', label: 'Used – awaiting restock' },
];

/** The controls for one cabinet; `onSaved` hears every listing the API answers with. */
export function cabinetTapControls(cabinet: CabinetTapListing, { onSaved = () => {} }: { onSaved?: (saved: PortalOutlet) => void } = {}): HTMLElement {
  const headingId = `cabinet-tap-${cabinet.id}`;
  const current = el('strong', { 'data-cabinet-current': '' }, cabinet.status ? cabinetInWords(cabinet.status) : 'Not set');
  const confirmed = el('span', { 'data-one-tap-confirmed': '' }, confirmedInWords(cabinet.assuredAgeDays));
  const status = el('p', { class: 'app-one-tap__status', 'data-one-tap-status': '' });
  const problem = el('div', { class: 'app-warning' });
  problem.hidden = true;
  const buttons = choices.map((choice) => {
    const button = el('button', { type: 'button', class: 'app-button app-button--secondary', 'data-cabinet': choice.status }, choice.label);
    button.addEventListener('click', () => void run(choice));
    return button;
  });
  let busy = false;

  async function run(choice: (typeof choices)[number]): Promise<void> {
    if (busy) return;
    busy = true;
    for (const button of buttons) button.setAttribute('aria-disabled', 'true');
    problem.hidden = true;
    status.textContent = `Saving “${choice.label}”…`;
    const result = await setCabinet(cabinet.id, { status: choice.status });
    busy = false;
    for (const button of buttons) button.removeAttribute('aria-disabled');
    if (result.kind === 'ok') {
      current.textContent = cabinetInWords(choice.status);
      confirmed.textContent = confirmedInWords(result.data.assuredAgeDays);
      status.textContent =
        choice.status === 'ready' ? 'Saved: Ready. The public sees it is ready.' : 'Saved: Used – awaiting restock. The public is told to call 999 instead.';
      onSaved(result.data);
      return;
    }
    status.textContent = '';
    if (result.kind === 'signed_out') {
      const signIn = el('button', { type: 'button', class: 'app-button app-button--secondary' }, 'Sign in again');
      const signInProblem = el('div', {});
      signInProblem.hidden = true;
      signIn.addEventListener('click', () => void signInAndReturn(signIn, signInProblem));
      problem.replaceChildren(el('p', {}, el('strong', {}, 'Your session has ended.'), ` We did not save “${choice.label}”. Sign in again, then tap it again.`), signIn, signInProblem);
    } else if (result.kind === 'unavailable') {
      const retry = el('button', { type: 'button', class: 'app-button app-button--secondary' }, 'Try again');
      retry.addEventListener('click', () => void run(choice));
      problem.replaceChildren(el('p', {}, el('strong', {}, `We could not save “${choice.label}”.`), ' Your connection may have dropped. Trying again is safe.'), retry);
    } else {
      const message = result.kind === 'rejected' ? result.body.message : 'Only the cabinet’s guardian can change it.';
      problem.replaceChildren(el('p', {}, el('strong', {}, `We did not save “${choice.label}”.`), ` ${message}`));
    }
    problem.hidden = false;
  }

  return el(
    'div',
    { class: 'app-one-tap', 'data-cabinet-tap': '', 'data-outlet-id': cabinet.id },
    el('dl', { class: 'app-summary' }, summaryRow('Cabinet', current), summaryRow('Listing', confirmed)),
    el('h3', { id: headingId }, 'Is the cabinet ready?', hiddenText(` – ${cabinet.name}`)),
    el('p', { class: 'app-hint' }, 'Tap “Used – awaiting restock” as soon as its kit has been taken, and “Ready” once a sealed kit is back inside.'),
    el('div', { class: 'app-one-tap__choices app-one-tap__choices--two', role: 'group', 'aria-labelledby': headingId }, ...buttons),
    el('div', { role: 'status' }, status),
    el('div', { role: 'alert' }, problem),
  );
}
