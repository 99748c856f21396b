/**
 * One-tap controls for a listing: "In stock", "Running low", "Out of stock" (each also confirms the
 * listing) and "Everything here is still correct".
 *
 * Made for a bad connection behind a pharmacy counter:
 * - while a tap is on its way the buttons ignore more taps (marked `aria-disabled`, so focus stays
 *   where it is for keyboard users) and a status line says what is being saved;
 * - a failure keeps the listing as it was on screen, says plainly what happened and offers to try
 *   again: a stock update is safe to repeat, and a confirmation is repeated with the same
 *   `Idempotency-Key`, so one that did arrive is not recorded twice;
 * - a session that has ended is said so, with a way to sign in and come back.
 */
import type { PortalOutlet, StockUpdate } from '@contract/portal-outlet.js';
import type { StockStatus } from '@contract/outlet.js';
import { el, hiddenText, summaryRow } from '../dom.js';
import { RetryKeys } from './idempotency-key.js';
import { signInAndReturn } from './page-state.js';
import { confirmListing, setStock, type PortalResult } from './portal-api.js';
import { confirmedInWords, stockStatusInWords } from './listing-words.js';

/** What the controls show and change. */
export interface OneTapListing {
  id: string;
  /** Names the listing to screen readers where several share a page: "Boots, 11-13 Piccadilly". */
  name: string;
  stock: StockStatus;
  assuredAgeDays: number | null;
}

type Action = { kind: 'stock'; status: StockUpdate['status'] } | { kind: 'confirm' };

const stockChoices: StockUpdate['status'][] = ['in_stock', 'running_low', 'out'];

const actionWords = (action: Action): string => (action.kind === 'stock' ? stockStatusInWords(action.status) : 'Everything here is still correct');

export interface OneTapOptions {
  /** Hears every listing the API answers with, so the rest of the page can show it too. */
  onSaved?: (saved: PortalOutlet) => void;
  /** Show the stock and last confirmation above the buttons (off where the page shows them already). */
  showCurrent?: boolean;
  /**
   * Only "Everything here is still correct": for the commissioner of the listing's area, who may
   * confirm a listing once they have checked it with the outlet, but never sets its stock.
   */
  confirmOnly?: boolean;
}

/** The controls for one listing. */
export function oneTapControls(listing: OneTapListing, { onSaved = () => {}, showCurrent = true, confirmOnly = false }: OneTapOptions = {}): HTMLElement {
  const headingId = `one-tap-${listing.id}`;
  const hintId = `one-tap-hint-${listing.id}`;
  const stockText = el('strong', { 'data-one-tap-stock': '' }, stockStatusInWords(listing.stock));
  const confirmedText = el('span', { 'data-one-tap-confirmed': '' }, confirmedInWords(listing.assuredAgeDays));
  const stockButtons = stockChoices.map((choice) => {
    const button = el('button', { type: 'button', class: 'app-button app-button--secondary', 'data-stock': choice }, stockStatusInWords(choice));
    button.addEventListener('click', () => void run({ kind: 'stock', status: choice }));
    return button;
  });
  const confirmButton = el('button', { type: 'button', class: 'app-button', 'data-confirm': '' }, 'Everything here is still correct');
  const status = el('p', { class: 'app-one-tap__status', 'data-one-tap-status': '' });
  const problem = el('div', { class: 'app-warning', 'data-one-tap-problem': '' });
  problem.hidden = true;
  const buttons = confirmOnly ? [confirmButton] : [...stockButtons, confirmButton];

  const root = el(
    'div',
    { class: 'app-one-tap', 'data-one-tap': '', 'data-outlet-id': listing.id },
    showCurrent && el('dl', { class: 'app-summary' }, summaryRow('Stock', stockText), summaryRow('Listing', confirmedText)),
    ...(confirmOnly
      ? [
          el('h3', { id: headingId }, 'Confirm this listing', hiddenText(` – ${listing.name}`)),
          el(
            'p',
            { class: 'app-hint', id: hintId },
            'If you have checked with the outlet that everything in this listing is right, confirm it here. Your name goes in its history. Only the outlet can set its stock.',
          ),
        ]
      : [
          el('h3', { id: headingId }, 'Update stock now', hiddenText(` – ${listing.name}`)),
          el('p', { class: 'app-hint', id: hintId }, 'Each stock button also confirms the rest of your listing is correct.'),
          el('div', { class: 'app-one-tap__choices', role: 'group', 'aria-labelledby': headingId, 'aria-describedby': hintId }, ...stockButtons),
        ]),
    el('div', { class: 'app-button-group' }, confirmButton),
    // Live regions exist from the start: a screen reader may miss one that appears with its message.
    el('div', { role: 'status' }, status),
    el('div', { role: 'alert' }, problem),
  );

  const confirmationKeys = new RetryKeys();
  let busy = false;

  async function run(action: Action): Promise<void> {
    if (busy) return;
    busy = true;
    for (const button of buttons) button.setAttribute('aria-disabled', 'true');
    problem.hidden = true;
    status.textContent = `Saving “${actionWords(action)}”…`;
    const key = action.kind === 'confirm' ? confirmationKeys.keyFor({}) : '';
    const result: PortalResult<PortalOutlet> =
      action.kind === 'stock' ? await setStock(listing.id, { status: action.status }) : await confirmListing(listing.id, key);
    busy = false;
    for (const button of buttons) button.removeAttribute('aria-disabled');
    if (result.kind === 'ok') {
      confirmationKeys.settle();
      stockText.textContent = stockStatusInWords(result.data.outlet.stock.status);
      confirmedText.textContent = confirmedInWords(result.data.assuredAgeDays);
      status.textContent =
        action.kind === 'stock' ? `Saved: ${actionWords(action)}. Listing confirmed today.` : 'Saved: listing confirmed today.';
      onSaved(result.data);
      return;
    }
    // An answer the API gave on purpose will not change on a retry; anything else might.
    if (result.kind !== 'unavailable') confirmationKeys.settle();
    status.textContent = '';
    showProblem(action, result);
  }

  function showProblem(action: Action, result: Exclude<PortalResult<PortalOutlet>, { kind: 'ok' }>): void {
    const what = `“${actionWords(action)}”`;
    if (result.kind === 'signed_out') {
      const signIn = el('button', { type: 'button', class: 'app-button app-button--secondary' }, 'Sign in again');
      const signInProblem = el('div', {});
      signInProblem.hidden = true;
      signIn.addEventListener('click', () => void signInAndReturn(signIn, signInProblem));
      problem.replaceChildren(
        el('p', {}, el('strong', {}, 'Your session has ended.'), ` We did not save ${what}. Sign in again, then tap it again.`),
        signIn,
        signInProblem,
      );
    } else if (result.kind === 'unavailable') {
      const retry = el('button', { type: 'button', class: 'app-button app-button--secondary', 'data-one-tap-retry': '' }, 'Try again');
      retry.addEventListener('click', () => void run(action));
      const safe = action.kind === 'stock' ? 'Trying again is safe.' : 'Trying again is safe: it will not be counted twice.';
      problem.replaceChildren(
        el('p', {}, el('strong', {}, `We could not save ${what}.`), ` Your connection may have dropped, or the portal is not working right now. ${safe}`),
        retry,
      );
    } else {
      const message =
        result.kind === 'forbidden'
          ? 'You can see this listing, but only its own staff can change it.'
          : result.kind === 'not_found'
            ? 'We could not find this listing any more.'
            : result.kind === 'rejected'
              ? result.body.message
              : 'Someone else is changing this listing right now. Wait a moment, then try again.';
      problem.replaceChildren(el('p', {}, el('strong', {}, `We did not save ${what}.`), ` ${message}`));
    }
    problem.hidden = false;
  }

  confirmButton.addEventListener('click', () => void run({ kind: 'confirm' }));
  return root;
}
