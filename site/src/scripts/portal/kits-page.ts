/**
 * Kits given out (`[data-module="portal-kits"]`): records a handout with the contract's own checks
 * and an `Idempotency-Key` (reused when the same record is tried again after a failure, so it is
 * counted once), then shows the monthly totals and recent days again.
 */
// First, before any contract module builds a schema: the portal's CSP forbids zod's eval probe.
import '../zod-without-eval.js';
import type { PortalOutlet } from '@contract/portal-outlet.js';
import { resupplyReasonLabels, supplyRecordSchema, type SuppliesResponse, type SupplyRecord } from '@contract/supplies.js';
import { el, required } from '../dom.js';
import { clearErrors, showErrors } from '../error-summary.js';
import { dateInWords } from '../format.js';
import { bannerHeading, showBanner } from './banner.js';
import { enhanceConditionalReveals, syncReveals } from '../conditional-reveal.js';
import { keepFormDraft, restoreFormDraft } from './form-draft.js';
import { RetryKeys } from './idempotency-key.js';
import { openListingPage, withListing, readOnlyNotice } from './listing-page.js';
import { addDays, todayInLondon } from './london-dates.js';
import { getListing, listSupplies, recordSupply, type PortalResult } from './portal-api.js';
import { portalTitle } from './portal-title.js';
import { listingPageUrl } from './portal-urls.js';
import { showSessionEnded } from './session-ended.js';
import { daysTable, monthsTables, reasonsList } from './supply-tables.js';

const fields = ['date', 'kitType', 'count', 'supply', 'resupplyReason'] as const;

export async function enhanceKitsPage(root: HTMLElement): Promise<void> {
  const opened = await openListingPage(root, withListing(listSupplies));
  if (!opened) return;
  const { context, data } = opened;
  const page = required<HTMLElement>(root, '[data-kits]');
  const form = required<HTMLFormElement>(page, '[data-kits-form]');
  const banner = required<HTMLElement>(page, '[data-kits-saved]');
  const sendProblem = required<HTMLElement>(form, '[data-send-problem]');
  const months = required<HTMLElement>(page, '[data-kits-months]');
  const days = required<HTMLElement>(page, '[data-kits-days]');
  const outlet = data.listing.outlet;
  required<HTMLElement>(page, '[data-listing-name]').textContent = outlet.name;
  required<HTMLAnchorElement>(page, '[data-overview-link]').href = listingPageUrl('overview', context.id);
  document.title = portalTitle('Kits given out');

  const showTotals = (supplies: SuppliesResponse) => {
    months.replaceChildren(...monthsTables(supplies), reasonsList(supplies));
    days.replaceChildren(daysTable(supplies.days));
  };
  showTotals(data.records);
  page.hidden = false;

  if (!context.canWrite) {
    form.hidden = true;
    const slot = required<HTMLElement>(page, '[data-read-only-slot]');
    slot.replaceChildren(readOnlyNotice());
    slot.hidden = false;
    return;
  }

  const date = required<HTMLInputElement>(form, '#date');
  const count = required<HTMLInputElement>(form, '#count');
  const today = todayInLondon();
  date.value = today;
  date.max = today;
  date.min = addDays(today, -366);
  // One kit type here: choose it for them.
  if (outlet.kitTypes.length === 1) required<HTMLInputElement>(form, `input[name="kitType"][value="${outlet.kitTypes[0]}"]`).checked = true;
  enhanceConditionalReveals(form);
  const draftName = `kits:${context.id}`;
  if (restoreFormDraft(form, draftName)) syncReveals(form);

  const keys = new RetryKeys();
  let sending = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (sending) return;
    sending = true;
    void send().finally(() => {
      sending = false;
    });
  });

  const checked = (name: string) => form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value;

  async function send(): Promise<void> {
    sendProblem.hidden = true;
    banner.hidden = true;
    const supply = checked('supply');
    const countText = count.value.trim();
    // The contract's own schema, so the messages are word for word the API's.
    const parsed = supplyRecordSchema.safeParse({
      date: date.value || undefined,
      kitType: checked('kitType'),
      count: countText === '' ? undefined : Number(countText),
      supply,
      resupplyReason: supply === 'resupply' ? checked('resupplyReason') : undefined,
    });
    if (!parsed.success) {
      showErrors(parsed.error.issues.map((issue) => ({ message: issue.message, fieldId: fieldIdOf(issue.path.join('.')) })));
      return;
    }
    clearErrors();
    const record = parsed.data;
    const result = await recordSupply(context.id, keys.keyFor(record), record);
    if (result.kind === 'unavailable') {
      sendProblem.replaceChildren(
        el('p', {}, el('strong', {}, 'We could not record these kits.'), ' Your connection may have dropped, or the portal is not working right now. Try again: they will not be counted twice.'),
      );
      sendProblem.hidden = false;
      return;
    }
    keys.settle();
    if (result.kind === 'ok') {
      showBanner(banner, bannerHeading(recordInWords(record)), el('p', {}, 'The totals below include them.'));
      count.value = '';
      for (const name of ['supply', 'resupplyReason']) for (const radio of form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)) radio.checked = false;
      syncReveals(form);
      const fresh = await listSupplies(context.id);
      if (fresh.kind === 'ok') showTotals(fresh.data);
    } else if (result.kind === 'rejected' && result.body.issues.some((issue) => (fields as readonly string[]).includes(issue.path))) {
      showErrors(result.body.issues.map((issue) => ({ message: issue.message, fieldId: fieldIdOf(issue.path) })));
    } else if (result.kind === 'signed_out') {
      showSessionEnded(sendProblem, () => keepFormDraft(form, draftName), 'these kits');
    } else {
      const message = result.kind === 'forbidden' ? 'Only the listing’s own staff can record kits.' : result.kind === 'rejected' ? result.body.message : 'This listing does not exist any more.';
      sendProblem.replaceChildren(el('p', {}, el('strong', {}, 'We could not record these kits. '), message));
      sendProblem.hidden = false;
    }
  }
}

/** The input a field's issue links to: each field's input (or first option) has the field's name as its id. */
const fieldIdOf = (path: string): string => path || 'date';

const kitNames = { nasal: 'nasal spray', injectable: 'injection' } as const;

/** "3 nasal spray kits recorded for Monday 30 November 2026 (first kits)". */
export function recordInWords(record: SupplyRecord): string {
  const kits = `${record.count} ${kitNames[record.kitType]} ${record.count === 1 ? 'kit' : 'kits'}`;
  const kind =
    record.supply === 'first'
      ? record.count === 1 ? 'first kit' : 'first kits'
      : `${record.count === 1 ? 'replacement' : 'replacements'}: ${resupplyReasonLabels[record.resupplyReason ?? 'other'].toLowerCase()}`;
  return `${kits} recorded for ${dateInWords(record.date)} (${kind})`;
}
