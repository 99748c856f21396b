/**
 * An area at a glance (`[data-module="area-overview"]`): what needs doing first (open reports
 * from the public, listings going stale), the listings by type and status, every listing in a
 * table and, for those who ask, on a map, and the area's estimate of people who use opiates.
 */
// First, before any contract module builds a schema: the portal's CSP forbids zod's eval probe.
import '../../zod-without-eval.js';
import type { AreaListing, AreaOverview } from '@contract/area-dashboard.js';
import { tileUrl } from '../../config.js';
import { el, required, summaryRow } from '../../dom.js';
import { stockStatusInWords } from '../listing-words.js';
import { listingPageUrl } from '../portal-urls.js';
import { getAreaOverview } from './area-api.js';
import { openAreaPage, showAreaFrame } from './area-page.js';
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
  required<HTMLElement>(page, '[data-area-stale]').replaceChildren(staleTable(data.stale, name));
  required<HTMLElement>(page, '[data-area-counts]').replaceChildren(countsTable(data, name));
  required<HTMLElement>(page, '[data-area-listings]').replaceChildren(listingsTable(data.listings, name));
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
  map.show(data.listings);
  page.hidden = false;
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
      summaryRow('Status', publicStatusInWords(listing)),
      summaryRow('Stock', stockStatusInWords(listing.stock.status)),
      summaryRow('Listing', unconfirmedInWords(listing)),
      summaryRow('Open reports', String(listing.openReports)),
    ),
    el('p', {}, el('a', { href: listingPageUrl('overview', listing.id) }, 'Open this listing', el('span', { class: 'app-visually-hidden' }, `: ${listing.name}`))),
  );
}
