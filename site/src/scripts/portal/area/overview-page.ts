/**
 * An area at a glance (`[data-module="area-overview"]`): what needs doing first (open reports
 * from the public, registrations waiting, listings going stale), the listings by type and status, every listing in a
 * table and, for those who ask, on a map, and the area's estimate of people who use opiates.
 */
// First, before any contract module builds a schema: the portal's CSP forbids zod's eval probe.
import '../../zod-without-eval.js';
import type { AreaListing, AreaOverview } from '@contract/area-dashboard.js';
import type { OutletType } from '@contract/outlet.js';
import { outletTypeInWords } from '../../format.js';
import { tileUrl } from '../../config.js';
import { el, required, summaryRow } from '../../dom.js';
import { stockStatusInWords } from '../listing-words.js';
import { listingPageUrl } from '../portal-urls.js';
import { getAreaOverview } from './area-api.js';
import { openAreaPage, showAreaFrame } from './area-page.js';
import { showAreaRegistrations } from './area-registrations.js';
import { showAreaReports } from './area-reports.js';
import { listingsCount, publicStatusInWords, unconfirmedInWords } from './area-words.js';
import { enhanceEstimateSection } from './estimate-form.js';
import { countsTable, listingsTable, staleTable } from './listing-tables.js';
import { optInMap } from './opt-in-map.js';

/** The finder knows an area when it has its name (a boundary or a membership) or any listing in it. */
const known = (overview: AreaOverview): boolean => overview.area.name !== null || overview.listings.length > 0;

export async function enhanceAreaOverviewPage(root: HTMLElement): Promise<void> {
  const opened = await openAreaPage(root, getAreaOverview, { known, title: 'Area dashboard' });
  if (!opened) return;
  const { context, data } = opened;
  const page = required<HTMLElement>(root, '[data-area]');
  // The area's own record names it better than a membership (an administrator has none).
  const name = data.area.name ?? context.name;
  showAreaFrame(root, { code: context.code, name }, 'Area dashboard');
  required<HTMLElement>(page, '[data-area-code]').textContent = `Local authority ${data.area.code}`;

  const summary = required<HTMLElement>(page, '[data-area-summary]');
  const showSummary = (openReports: number) => {
    summary.textContent = `${listingsCount(data.listings.length)}, ${openReports} open ${openReports === 1 ? 'report' : 'reports'} from the public, ${data.stale.length} going stale.`;
  };
  showAreaReports(required<HTMLElement>(page, '[data-area-reports-section]'), data.openReports, showSummary);
  void showAreaRegistrations(required<HTMLElement>(page, '[data-area-registrations-section]'), context.code);
  required<HTMLElement>(page, '[data-area-stale]').replaceChildren(staleTable(data.stale, name));
  required<HTMLElement>(page, '[data-area-counts]').replaceChildren(countsTable(data, name));
  enhanceEstimateSection(required<HTMLElement>(page, '[data-estimate-section]'), context.code, data.estimate);

  const chosen = required<HTMLElement>(page, '[data-map-chosen]');
  const byId = new Map(data.listings.map((listing) => [listing.id, listing]));
  const map = optInMap<readonly AreaListing[]>(required<HTMLElement>(page, '[data-listings-map]'), async (container) => {
    const { createListingsMap } = await import('./listings-map.js');
    return createListingsMap(container, {
      tileUrl,
      onSelect: (id) => {
        const listing = byId.get(id);
        if (listing) chosen.replaceChildren(chosenListing(listing));
      },
    });
  });
  const table = required<HTMLElement>(page, '[data-area-listings]');
  const showListings = (type: OutletType | null) => {
    const shown = type === null ? data.listings : data.listings.filter((listing) => listing.outletType === type);
    table.replaceChildren(listingsTable(shown, name, type === null ? undefined : outletTypeInWords(type)));
    chosen.replaceChildren();
    map.show(shown);
  };
  enhanceTypeFilter(required<HTMLElement>(page, '[data-listings-filter]'), data.listings, showListings);
  showListings(null);
  page.hidden = false;
}

/**
 * "Type of outlet": the table and the map show the listings of one type, or all of them. Offered
 * only when the area has more than one type; each option says how many listings it has.
 */
function enhanceTypeFilter(block: HTMLElement, listings: readonly AreaListing[], show: (type: OutletType | null) => void): void {
  const counts = new Map<OutletType, number>();
  for (const listing of listings) counts.set(listing.outletType, (counts.get(listing.outletType) ?? 0) + 1);
  if (counts.size < 2) return;
  const select = required<HTMLSelectElement>(block, 'select');
  const status = required<HTMLElement>(block, '[data-listings-filter-status]');
  select.replaceChildren(
    el('option', { value: '' }, `All types (${listingsCount(listings.length)})`),
    ...[...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([type, count]) => el('option', { value: type }, `${outletTypeInWords(type)} (${listingsCount(count)})`)),
  );
  select.addEventListener('change', () => {
    const type = (select.value || null) as OutletType | null;
    show(type);
    status.textContent = `Showing ${type === null ? listingsCount(listings.length) : `${listingsCount(counts.get(type) ?? 0)} of type ${outletTypeInWords(type)}`}`;
  });
  block.hidden = false;
}

/** The listing chosen on the map, in words, with its page: what the marker cannot say. */
function chosenListing(listing: AreaListing): HTMLElement {
  return el(
    'div',
    { class: 'app-inset', 'data-chosen-listing': listing.id },
    el('p', {}, el('strong', {}, listing.name), `, ${listing.address.lines[0] ?? ''} ${listing.address.postcode}`),
    el(
      'dl',
      { class: 'app-summary' },
      summaryRow('Type', outletTypeInWords(listing.outletType)),
      summaryRow('Status', publicStatusInWords(listing)),
      summaryRow('Stock', stockStatusInWords(listing.stock.status)),
      summaryRow('Listing', unconfirmedInWords(listing)),
      summaryRow('Open reports', String(listing.openReports)),
    ),
    el('p', {}, el('a', { href: listingPageUrl('overview', listing.id) }, 'Open this listing', el('span', { class: 'app-visually-hidden' }, `: ${listing.name}`))),
  );
}
