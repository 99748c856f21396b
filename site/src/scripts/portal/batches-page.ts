/**
 * Stock batches (`[data-module="portal-batches"]`): adds a batch with the contract's own checks and
 * an `Idempotency-Key` (reused when the same batch is tried again after a failure), lists every
 * batch soonest expiry first, and finds a recalled batch number.
 */
// First, before any contract module builds a schema: the portal's CSP forbids zod's eval probe.
import '../zod-without-eval.js';
import { batchNumberSchema, newBatchSchema, type BatchesResponse, type NewBatch } from '@contract/batches.js';
import type { PortalOutlet } from '@contract/portal-outlet.js';
import { el, required } from '../dom.js';
import { clearErrors, showErrors } from '../error-summary.js';
import { dateInWords } from '../format.js';
import { bannerHeading, showBanner } from './banner.js';
import { batchTable } from './batch-list.js';
import { keepFormDraft, restoreFormDraft } from './form-draft.js';
import { RetryKeys } from './idempotency-key.js';
import { openListingPage, withListing, readOnlyNotice } from './listing-page.js';
import { stateOf } from './signed-in-page.js';
import { showPortalState } from './page-state.js';
import { addBatch, getListing, listBatches, type PortalResult } from './portal-api.js';
import { portalTitle } from './portal-title.js';
import { listingPageUrl } from './portal-urls.js';
import { showSessionEnded } from './session-ended.js';

const fields = new Set(['batchNumber', 'kitType', 'quantity', 'expiresOn']);

export async function enhanceBatchesPage(root: HTMLElement): Promise<void> {
  const opened = await openListingPage(root, withListing(listBatches));
  if (!opened) return;
  const { context, data } = opened;
  const page = required<HTMLElement>(root, '[data-batches]');
  const form = required<HTMLFormElement>(page, '[data-batch-form]');
  const search = required<HTMLFormElement>(page, '[data-batch-search]');
  const searchInput = required<HTMLInputElement>(search, '#batch-search');
  const showAll = required<HTMLButtonElement>(search, '[data-show-all]');
  const list = required<HTMLElement>(page, '[data-batch-list]');
  const listStatus = required<HTMLElement>(page, '[data-batch-list-status]');
  const banner = required<HTMLElement>(page, '[data-batch-saved]');
  const sendProblem = required<HTMLElement>(form, '[data-send-problem]');
  required<HTMLElement>(page, '[data-listing-name]').textContent = data.listing.outlet.name;
  required<HTMLAnchorElement>(page, '[data-overview-link]').href = listingPageUrl('overview', context.id);
  document.title = portalTitle('Stock batches');

  const showList = (batches: BatchesResponse, batchNumber?: string) => {
    list.replaceChildren(
      batchNumber
        ? batchTable(batches.batches, `Batches with number ${batchNumber}`, `No batch with number ${batchNumber} has been recorded here.`)
        : batchTable(batches.batches, 'Your batches, soonest expiry first', 'No batches recorded yet.'),
    );
    showAll.hidden = !batchNumber;
    listStatus.textContent = batchNumber ? `${batches.batches.length} ${batches.batches.length === 1 ? 'batch' : 'batches'} found` : '';
  };
  showList(data.records);
  page.hidden = false;

  async function refreshList(batchNumber?: string): Promise<void> {
    const result = await listBatches(context.id, batchNumber);
    if (result.kind === 'ok') showList(result.data, batchNumber);
    else if (result.kind === 'rejected') showErrors(result.body.issues.map((issue) => ({ message: issue.message, fieldId: 'batch-search' })));
    else showPortalState(root, stateOf(result));
  }

  search.addEventListener('submit', (event) => {
    event.preventDefault();
    const parsed = batchNumberSchema.safeParse(searchInput.value);
    if (!parsed.success) {
      showErrors(parsed.error.issues.map((issue) => ({ message: issue.message, fieldId: 'batch-search' })));
      return;
    }
    clearErrors();
    void refreshList(parsed.data);
  });
  showAll.addEventListener('click', () => {
    searchInput.value = '';
    void refreshList().then(() => required<HTMLElement>(page, '[data-list-heading]').focus());
  });

  if (!context.canWrite) {
    form.hidden = true;
    const slot = required<HTMLElement>(page, '[data-read-only-slot]');
    slot.replaceChildren(readOnlyNotice());
    slot.hidden = false;
    return;
  }

  const kitTypes = data.listing.outlet.kitTypes;
  if (kitTypes.length === 1) required<HTMLInputElement>(form, `input[name="kitType"][value="${kitTypes[0]}"]`).checked = true;
  const draftName = `batches:${context.id}`;
  restoreFormDraft(form, draftName);

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

  async function send(): Promise<void> {
    sendProblem.hidden = true;
    banner.hidden = true;
    const value = (id: string) => required<HTMLInputElement>(form, `#${id}`).value.trim();
    const quantity = value('quantity');
    // The contract's own schema, so the messages are word for word the API's.
    const parsed = newBatchSchema.safeParse({
      batchNumber: value('batchNumber') || undefined,
      kitType: form.querySelector<HTMLInputElement>('input[name="kitType"]:checked')?.value,
      quantity: quantity === '' ? undefined : Number(quantity),
      expiresOn: value('expiresOn') || undefined,
    });
    if (!parsed.success) {
      showErrors(parsed.error.issues.map((issue) => ({ message: issue.message, fieldId: String(issue.path[0] ?? 'batchNumber') })));
      return;
    }
    clearErrors();
    const batch = parsed.data;
    const result = await addBatch(context.id, keys.keyFor(batch), batch);
    if (result.kind === 'unavailable') {
      sendProblem.replaceChildren(
        el('p', {}, el('strong', {}, 'We could not add this batch.'), ' Your connection may have dropped, or the portal is not working right now. Try again: it will not be added twice.'),
      );
      sendProblem.hidden = false;
      return;
    }
    keys.settle();
    if (result.kind === 'ok') {
      showBanner(banner, bannerHeading(batchInWords(batch)));
      form.reset();
      if (kitTypes.length === 1) required<HTMLInputElement>(form, `input[name="kitType"][value="${kitTypes[0]}"]`).checked = true;
      searchInput.value = '';
      await refreshList();
    } else if (result.kind === 'rejected' && result.body.issues.some((issue) => fields.has(issue.path))) {
      showErrors(result.body.issues.map((issue) => ({ message: issue.message, fieldId: fields.has(issue.path) ? issue.path : 'batchNumber' })));
    } else if (result.kind === 'signed_out') {
      showSessionEnded(sendProblem, () => keepFormDraft(form, draftName), 'this batch', 'has');
    } else {
      const message = result.kind === 'forbidden' ? 'Only the listing’s own staff can add batches.' : result.kind === 'rejected' ? result.body.message : 'This listing does not exist any more.';
      sendProblem.replaceChildren(el('p', {}, el('strong', {}, 'We could not add this batch. '), message));
      sendProblem.hidden = false;
    }
  }
}

/** "Batch 2AB34C added: 20 nasal spray kits, expiring on Saturday 1 May 2027". */
function batchInWords(batch: NewBatch): string {
  const kit = batch.kitType === 'nasal' ? 'nasal spray' : 'injection';
  return `Batch ${batch.batchNumber} added: ${batch.quantity} ${kit} ${batch.quantity === 1 ? 'kit' : 'kits'}, expiring on ${dateInWords(batch.expiresOn)}`;
}
