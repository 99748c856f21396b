/**
 * Enhances the reminder links' page (`[data-module="confirm"]`): reads the token from `?t=`, asks
 * the API what it would do (which changes nothing), and shows that with one button; the button
 * does it. Used, expired and unusable links each get their own words. A press ignores more presses
 * while it is on its way; a repeat after a lost answer is told it was already done.
 */
// First, before any schema is built: the page's CSP forbids zod's eval probe.
import '../zod-without-eval.js';
import {
  type LinkListing,
  type ListingAction,
  type ListingActionResult,
  listingActionLabels,
  listingActionPreviewSchema,
  listingActionResultSchema,
} from '@contract/listing-actions.js';
import { type ApiResult, requestJson } from '../api.js';
import { el, required, showDemoNotice, summaryRow } from '../dom.js';
import { addressInOneLine, dateInWords, daysAgo, stockInWords } from '../format.js';
import { pageTitle } from '../page-title.js';
import { showServiceProblem } from '../service-problem.js';
import { outletPageUrl } from '../site-urls.js';

type Shown = 'ready' | 'done' | 'used' | 'expired' | 'invalid';

const londonDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });

/** Calendar days in the UK from `iso` to today. */
function daysSince(iso: string): number {
  const day = (instant: Date) => Date.parse(`${londonDay.format(instant)}T00:00:00Z`);
  return Math.max(0, Math.round((day(new Date()) - day(new Date(iso))) / 86_400_000));
}

const titles: Record<Shown, string> = {
  ready: 'Confirm your naloxone listing',
  done: 'Listing updated',
  used: 'This link has already been used',
  expired: 'This link has expired',
  invalid: 'This link does not work',
};

/** "set the stock to ‘Running low’", "confirm that the listing was still correct". */
function actionInWords(action: ListingAction): string {
  return action === 'confirm' ? 'confirm that the listing was still correct' : `set the stock to ‘${listingActionLabels[action]}’`;
}

export async function enhanceConfirmPage(root: HTMLElement): Promise<void> {
  const loading = required<HTMLElement>(root, '[data-confirm-loading]');
  const blocks: Record<Shown, HTMLElement> = {
    ready: required(root, '[data-confirm-ready]'),
    done: required(root, '[data-confirm-done]'),
    used: required(root, '[data-confirm-used]'),
    expired: required(root, '[data-confirm-expired]'),
    invalid: required(root, '[data-confirm-invalid]'),
  };

  /** Shows one state; `focus` moves focus to its heading, for a change after a press. */
  function show(state: Shown, focus = false): void {
    for (const [name, block] of Object.entries(blocks)) block.hidden = name !== state;
    document.title = pageTitle(state === 'ready' ? required<HTMLElement>(blocks.ready, 'h1').textContent ?? titles.ready : titles[state]);
    if (focus) required<HTMLElement>(blocks[state], 'h1').focus();
  }

  const token = new URLSearchParams(location.search).get('t');
  const preview = token ? await requestJson(`/listing-actions?t=${encodeURIComponent(token)}`, listingActionPreviewSchema) : null;
  loading.textContent = '';

  if (!token || !preview || preview.kind === 'rejected') {
    show('invalid');
  } else if (preview.kind !== 'ok') {
    showServiceProblem(required<HTMLElement>(root, '[data-service-problem]'));
  } else if (preview.data.state === 'ready') {
    showReady(token, preview.data.action, preview.data.listing);
  } else if (preview.data.state === 'used') {
    showUsed(preview.data.action, preview.data.usedAt);
  } else {
    show(preview.data.state);
  }

  function showUsed(action: ListingAction, usedAt: string, focus = false): void {
    required<HTMLElement>(blocks.used, '[data-confirm-used-text]').textContent = `It was used on ${dateInWords(usedAt)} to ${actionInWords(action)}.`;
    show('used', focus);
  }

  function showReady(linkToken: string, action: ListingAction, listing: LinkListing): void {
    const label = listingActionLabels[action];
    required<HTMLElement>(blocks.ready, '[data-confirm-title]').textContent =
      action === 'confirm' ? 'Confirm your listing is still correct' : `Set your stock to ‘${label}’`;
    required<HTMLElement>(blocks.ready, '[data-confirm-name]').textContent = listing.name;
    required<HTMLElement>(blocks.ready, '[data-confirm-address]').textContent = addressInOneLine(listing.address);
    required<HTMLElement>(blocks.ready, '[data-confirm-now]').replaceChildren(...listingNow(listing));
    required<HTMLElement>(blocks.ready, '[data-confirm-effect]').textContent =
      action === 'confirm'
        ? 'Your listing will say it was confirmed today. Nothing else on it changes.'
        : `Your listing will say ‘${label}’, and that it was confirmed today.`;
    const button = required<HTMLButtonElement>(blocks.ready, '[data-confirm-button]');
    button.textContent = action === 'confirm' ? 'Confirm it is still correct' : `Set stock to ${label}`;
    showDemoNotice(blocks.ready, listing.demo);
    show('ready');

    const problem = required<HTMLElement>(blocks.ready, '[data-confirm-problem]');
    let pressing = false;
    required<HTMLFormElement>(blocks.ready, '[data-confirm-form]').addEventListener('submit', (event) => {
      event.preventDefault();
      // One change per press, however often the button is pressed while it is on its way.
      if (pressing) return;
      pressing = true;
      button.setAttribute('aria-disabled', 'true');
      problem.hidden = true;
      void requestJson('/listing-actions', listingActionResultSchema, { body: { token: linkToken, outletId: listing.id, action } })
        .then(afterPress)
        .finally(() => {
          pressing = false;
          button.removeAttribute('aria-disabled');
        });
    });
  }

  function afterPress(answer: ApiResult<ListingActionResult>): void {
    const problem = required<HTMLElement>(blocks.ready, '[data-confirm-problem]');
    const problemText = required<HTMLElement>(problem, '[data-confirm-problem-text]');
    if (answer.kind === 'ok') {
      showDone(answer.data);
    } else if (answer.kind === 'rejected' && answer.body.error === 'link_expired') {
      show('expired', true);
    } else if (answer.kind === 'rejected' && answer.body.error === 'link_invalid') {
      show('invalid', true);
    } else if (answer.kind === 'rejected' && answer.status === 409) {
      problemText.textContent = answer.body.message;
      problem.hidden = false;
    } else {
      problemText.textContent = 'Sorry, we could not save your answer.';
      problem.hidden = false;
    }
  }

  function showDone(result: ListingActionResult): void {
    const { listing, action } = result;
    const says = action === 'confirm' ? 'Confirmed as still correct' : listingActionLabels[action];
    required<HTMLElement>(blocks.done, '[data-confirm-done-body]').replaceChildren(el('strong', {}, listing.name), el('br'), `${says}, confirmed today`);
    required<HTMLElement>(blocks.done, '[data-confirm-done-text]').textContent =
      result.outcome === 'done'
        ? 'Thank you. People looking for naloxone can see this now.'
        : `This was already done, on ${dateInWords(result.doneAt)}: nothing more was changed. Thank you.`;
    required<HTMLAnchorElement>(blocks.done, '[data-confirm-listing-link]').href = outletPageUrl(listing.id);
    // The address keeps the token: reloaded, the page says the link was used.
    show('done', true);
  }
}

/** What the listing says now: its stock and when it was last confirmed. */
function listingNow(listing: LinkListing): HTMLElement[] {
  const stockAge = listing.stock.updatedAt === null ? null : daysSince(listing.stock.updatedAt);
  const confirmed = listing.assuredAt === null ? 'Never' : `${dateInWords(listing.assuredAt)} (${daysAgo(daysSince(listing.assuredAt))})`;
  return [summaryRow('Stock', stockInWords(listing.stock.status, stockAge)), summaryRow('Last confirmed', confirmed)];
}
