/**
 * A listing at a glance (`[data-module="portal-overview"]`): how the public sees it now, its stock
 * and last confirmation, open problem reports, the one-tap controls (for those who may change it)
 * and links to its other pages.
 */
// First, before any contract module builds a schema: the portal's CSP forbids zod's eval probe.
import '../zod-without-eval.js';
import type { PortalOutlet } from '@contract/portal-outlet.js';
import type { OutletReportsResponse } from '@contract/report.js';
import { demoTag, el, required, summaryRow } from '../dom.js';
import { addressInOneLine, cabinetInWords, daysAgo } from '../format.js';
import { listingLinks } from './listing-links.js';
import { type ListingPageContext, listingHeading, openListingPage } from './listing-page.js';
import { confirmedInWords, listingStatusInWords, stockStatusInWords } from './listing-words.js';
import { oneTapControls } from './one-tap.js';
import { cabinetTapControls } from './cabinet-tap.js';
import { getListing, listReports, type PortalResult } from './portal-api.js';
import { portalTitle } from './portal-title.js';
import { listingPageUrl } from './portal-urls.js';

interface Overview {
  listing: PortalOutlet;
  /** Null when the reports could not be read: the rest of the page is still worth showing. */
  reports: OutletReportsResponse | null;
}

async function loadOverview(id: string): Promise<PortalResult<Overview>> {
  const [listing, reports] = await Promise.all([getListing(id), listReports(id)]);
  if (listing.kind !== 'ok') return listing;
  return { kind: 'ok', data: { listing: listing.data, reports: reports.kind === 'ok' ? reports.data : null } };
}

export async function enhanceOverviewPage(root: HTMLElement): Promise<void> {
  const opened = await openListingPage(root, loadOverview);
  if (!opened) return;
  const { context, data } = opened;
  const outlet = data.listing.outlet;
  const glance = el('dl', { class: 'app-summary', 'data-glance': '' });
  const showGlance = (listing: PortalOutlet) => glance.replaceChildren(...glanceRows(listing, data.reports));
  showGlance(data.listing);

  const overview = required<HTMLElement>(root, '[data-overview]');
  overview.replaceChildren(
    listingHeading('Listing', outlet.name),
    el('p', { class: 'app-secondary' }, addressInOneLine(outlet.address)),
    outlet.demo ? el('p', {}, demoTag()) : el('span', { hidden: '' }),
    outlet.alert ? el('div', { class: 'app-warning' }, el('p', {}, el('strong', {}, 'Public alert: '), outlet.alert)) : el('span', { hidden: '' }),
    el('section', { class: 'app-section', 'aria-labelledby': 'glance-heading' }, el('h2', { id: 'glance-heading' }, 'What the public sees now'), glance),
    stockSection(context, data.listing, showGlance),
    el(
      'section',
      { class: 'app-section', 'aria-labelledby': 'pages-heading' },
      el('h2', { id: 'pages-heading' }, 'More about this listing'),
      listingLinks(context.id, outlet.name, context.canWrite ? ['edit', 'kits', 'batches', 'reports', 'history'] : ['kits', 'batches', 'reports', 'history']),
    ),
  );
  overview.hidden = false;
  document.title = portalTitle(outlet.name);
}

function stockSection(context: ListingPageContext, listing: PortalOutlet, onSaved: (saved: PortalOutlet) => void): HTMLElement {
  const { outlet } = listing;
  const cabinet = outlet.outletType === 'emergency_box';
  const section = el('section', { class: 'app-section', 'aria-labelledby': 'stock-heading' }, el('h2', { id: 'stock-heading' }, cabinet ? 'Cabinet' : 'Stock'));
  if (!context.canWrite) {
    // The area's commissioner may confirm a listing they have checked with the outlet (an imported
    // one starts unconfirmed), but not set its stock or cabinet.
    section.append(oneTapControls({ id: outlet.id, name: outlet.name, stock: outlet.stock.status, assuredAgeDays: listing.assuredAgeDays }, { onSaved, showCurrent: false, confirmOnly: true }));
    return section;
  }
  if (cabinet) {
    section.append(cabinetTapControls({ id: outlet.id, name: outlet.name, status: outlet.cabinetStatus, assuredAgeDays: listing.assuredAgeDays }, { onSaved }));
    return section;
  }
  section.append(oneTapControls({ id: outlet.id, name: outlet.name, stock: outlet.stock.status, assuredAgeDays: listing.assuredAgeDays }, { onSaved, showCurrent: false }));
  return section;
}

function glanceRows(listing: PortalOutlet, reports: OutletReportsResponse | null): HTMLElement[] {
  const { outlet } = listing;
  const stockAge = listing.stockAgeDays === null ? '' : `, set ${daysAgo(listing.stockAgeDays)}`;
  const reportLink = el('a', { href: listingPageUrl('reports', outlet.id) }, reportsInWords(reports));
  return [
    summaryRow('Status', listingStatusInWords(listing.publicStatus, outlet.reopensOn)),
    summaryRow('Opening', listing.openSummary),
    outlet.cabinetStatus === null
      ? summaryRow('Stock', `${stockStatusInWords(outlet.stock.status)}${stockAge}`)
      : summaryRow('Cabinet', cabinetInWords(outlet.cabinetStatus)),
    summaryRow('Listing', confirmedInWords(listing.assuredAgeDays)),
    summaryRow('Problem reports', reportLink),
  ];
}

function reportsInWords(reports: OutletReportsResponse | null): string {
  if (!reports) return 'Could not be loaded – see the reports';
  if (reports.open === 0) return 'None open';
  return reports.open === 1 ? '1 open report' : `${reports.open} open reports`;
}
