/**
 * A listing's change history (`[data-module="portal-history"]`): newest first, 25 at a time, with
 * "Show older changes" adding the next page below and moving focus to its first entry.
 */
// First, before any contract module builds a schema: the portal's CSP forbids zod's eval probe.
import '../zod-without-eval.js';
import type { ChangeAction, ChangeEntry, HistoryResponse } from '@contract/portal-outlet.js';
import type { PortalOutlet } from '@contract/portal-outlet.js';
import { el, required } from '../dom.js';
import { dataTable } from './data-table.js';
import { openListingPage, withListing } from './listing-page.js';
import { stateOf } from './signed-in-page.js';
import { momentInWords } from './london-dates.js';
import { showPortalState } from './page-state.js';
import { getHistory, getListing, type PortalResult } from './portal-api.js';
import { portalTitle } from './portal-title.js';
import { listingPageUrl } from './portal-urls.js';

const actionWords: Record<ChangeAction, string> = {
  edit: 'changed the listing',
  stock: 'updated the stock',
  confirm: 'confirmed the listing is correct',
  import: 'imported changes from a list',
  cabinet: 'updated the cabinet',
  publish: 'approved the registration and published the listing',
};

/** One change: when, who, what they did, and each field from what to what. */
export function historyEntry(entry: ChangeEntry): HTMLElement {
  return el(
    'li',
    { class: 'app-history__entry', 'data-history-entry': '' },
    el('h2', { class: 'app-history__when', tabindex: '-1' }, momentInWords(entry.at)),
    el('p', {}, el('strong', {}, entry.by.label), ` ${actionWords[entry.action]}`),
    entry.changes.length
      ? dataTable(
          'What changed',
          [
            { heading: 'What', cell: (change) => change.label },
            { heading: 'Before', cell: (change) => change.fromText },
            { heading: 'After', cell: (change) => change.toText },
          ],
          entry.changes,
          { fit: 'wrap' },
        )
      : el('span', { hidden: '' }),
  );
}

export async function enhanceHistoryPage(root: HTMLElement): Promise<void> {
  const opened = await openListingPage(root, withListing(getHistory));
  if (!opened) return;
  const { context, data } = opened;
  const page = required<HTMLElement>(root, '[data-history]');
  const list = required<HTMLOListElement>(page, '[data-history-list]');
  const more = required<HTMLButtonElement>(page, '[data-history-more]');
  const problem = required<HTMLElement>(page, '[data-history-problem]');
  required<HTMLElement>(page, '[data-listing-name]').textContent = data.listing.outlet.name;
  required<HTMLAnchorElement>(page, '[data-overview-link]').href = listingPageUrl('overview', context.id);
  document.title = portalTitle('History of changes');

  let nextBefore = data.records.nextBefore;
  list.append(...data.records.entries.map(historyEntry));
  required<HTMLElement>(page, '[data-history-empty]').hidden = data.records.entries.length > 0;
  more.hidden = nextBefore === null;
  page.hidden = false;

  let loading = false;
  more.addEventListener('click', async () => {
    if (loading || nextBefore === null) return;
    loading = true;
    more.setAttribute('aria-disabled', 'true');
    problem.hidden = true;
    const older = await getHistory(context.id, nextBefore);
    loading = false;
    more.removeAttribute('aria-disabled');
    if (older.kind === 'ok') {
      const entries = older.data.entries.map(historyEntry);
      list.append(...entries);
      nextBefore = older.data.nextBefore;
      more.hidden = nextBefore === null;
      // Carry on reading where the new entries start.
      entries[0]?.querySelector<HTMLElement>('h2')?.focus();
    } else if (older.kind === 'unavailable') {
      problem.hidden = false;
    } else {
      showPortalState(root, stateOf(older));
      page.hidden = true;
    }
  });
}
