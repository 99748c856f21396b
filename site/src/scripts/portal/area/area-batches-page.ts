/**
 * An area's stock batches (`[data-module="area-batches"]`): every batch at the area's outlets that
 * expires within 60 days (or has expired), soonest first, with the outlet that holds it; and a
 * recalled batch number found wherever it was recorded in the area. Both tables can be saved as CSV.
 */
// First, before any contract module builds a schema: the portal's CSP forbids zod's eval probe.
import '../../zod-without-eval.js';
import type { AreaBatches } from '@contract/area-dashboard.js';
import { batchNumberSchema } from '@contract/batches.js';
import { el, required } from '../../dom.js';
import { clearErrors, showErrors } from '../../error-summary.js';
import { dateInWords } from '../../format.js';
import { expiryInWords } from '../batch-list.js';
import { dataTable } from '../data-table.js';
import { csvFileName } from '../download-file.js';
import { stateOf } from '../signed-in-page.js';
import { showPortalState } from '../page-state.js';
import { listingPageUrl } from '../portal-urls.js';
import { getAreaBatches } from './area-api.js';
import { openAreaPage } from './area-page.js';

type AreaBatch = AreaBatches['batches'][number];

const kitNames = { nasal: 'Nasal spray', injectable: 'Injection' } as const;

export async function enhanceAreaBatchesPage(root: HTMLElement): Promise<void> {
  const opened = await openAreaPage(root, (code) => getAreaBatches(code), { title: 'Batches and recalls' });
  if (!opened) return;
  const { context, data } = opened;
  const page = required<HTMLElement>(root, '[data-area]');
  const search = required<HTMLFormElement>(page, '[data-recall-search]');
  const input = required<HTMLInputElement>(search, '#recall-number');
  const found = required<HTMLElement>(page, '[data-recall-results]');
  const status = required<HTMLElement>(page, '[data-recall-status]');

  required<HTMLElement>(page, '[data-expiring]').replaceChildren(
    batchesTable(data.batches, 'Batches expiring soon, soonest first', `No batch in the area expires in the next ${data.expiringSoonDays} days.`, csvFileName(context.name, 'batches expiring soon')),
  );
  page.hidden = false;

  let searching = false;
  search.addEventListener('submit', (event) => {
    event.preventDefault();
    const parsed = batchNumberSchema.safeParse(input.value);
    if (!parsed.success) {
      // One message for the one field, as GOV.UK asks: the first rule it breaks.
      showErrors(parsed.error.issues.slice(0, 1).map((issue) => ({ message: issue.message, fieldId: 'recall-number' })));
      return;
    }
    clearErrors();
    if (searching) return;
    searching = true;
    void find(parsed.data).finally(() => {
      searching = false;
    });
  });

  async function find(batchNumber: string): Promise<void> {
    status.textContent = 'Searching…';
    const result = await getAreaBatches(context.code, batchNumber);
    if (result.kind === 'rejected') {
      status.textContent = '';
      showErrors(result.body.issues.slice(0, 1).map((issue) => ({ message: issue.message, fieldId: 'recall-number' })));
      return;
    }
    if (result.kind !== 'ok') {
      showPortalState(root, stateOf(result));
      page.hidden = true;
      return;
    }
    const batches = result.data.batches;
    const outlets = new Set(batches.map((batch) => batch.outletId)).size;
    status.textContent =
      batches.length === 0
        ? `No batch with number ${batchNumber} has been recorded in the area.`
        : `${batches.length} ${batches.length === 1 ? 'batch' : 'batches'} with number ${batchNumber} at ${outlets} ${outlets === 1 ? 'outlet' : 'outlets'}.`;
    found.replaceChildren(
      batches.length === 0 ? el('span') : batchesTable(batches, `Batches with number ${batchNumber}`, '', csvFileName(context.name, `batch ${batchNumber}`)),
    );
  }
}

/** The batches with the outlets holding them, or a sentence when there are none. */
function batchesTable(batches: readonly AreaBatch[], caption: string, empty: string, download: string): HTMLElement {
  if (batches.length === 0) return el('p', { 'data-no-batches': '' }, empty);
  return dataTable<AreaBatch>(
    caption,
    [
      {
        heading: 'Outlet',
        cell: (batch) => el('a', { href: listingPageUrl('batches', batch.outletId) }, batch.outletName),
        csv: (batch) => batch.outletName,
      },
      { heading: 'Outlet id', cell: (batch) => batch.outletId, csvOnly: true },
      { heading: 'Batch number', cell: (batch) => batch.batchNumber },
      { heading: 'Kit', cell: (batch) => kitNames[batch.kitType] },
      { heading: 'Kits', cell: (batch) => String(batch.quantity), csv: (batch) => batch.quantity, numeric: true },
      {
        heading: 'Expiry date',
        cell: (batch) => {
          const flag = expiryInWords(batch);
          return el(
            'span',
            {},
            dateInWords(batch.expiresOn),
            flag && ' ',
            flag && el('strong', { class: `app-tag ${batch.expiry === 'expired' ? 'app-tag--red' : 'app-tag--yellow'}`, 'data-expiry-tag': '' }, flag),
          );
        },
        csv: (batch) => batch.expiresOn,
      },
      { heading: 'Expiry', cell: (batch) => expiryInWords(batch) ?? '', csvOnly: true },
    ],
    batches,
    { download },
  );
}
