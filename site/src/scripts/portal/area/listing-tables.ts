/**
 * The overview's tables of an area's listings: how many of each type and status, every listing
 * with its status, stock, last confirmation and open reports, and those going stale. Each can be
 * saved as a CSV, with the ids and places the screen leaves out.
 */
import type { AreaListing, AreaOverview } from '@contract/area-dashboard.js';
import { freshnessThresholds } from '@contract/freshness.js';
import { outletStatusSchema, type OutletStatus, type OutletType } from '@contract/outlet.js';
import { el } from '../../dom.js';
import { outletTypeInWords } from '../../format.js';
import { type Column, dataTable } from '../data-table.js';
import { csvFileName } from '../download-file.js';
import { stockStatusInWords } from '../listing-words.js';
import { listingPageUrl } from '../portal-urls.js';
import { freshnessInWords, freshnessTagClass, publicStatusInWords, unconfirmedInWords } from './area-words.js';

const statusHeadings: Record<OutletStatus, string> = {
  active: 'Open',
  temporarily_closed: 'Closed for now',
  inactive: 'With\u00addrawn',
};

type CountRow = { type: OutletType | 'total' } & Record<OutletStatus, number>;
const totalOf = (row: CountRow) => outletStatusSchema.options.reduce((sum, status) => sum + row[status], 0);

/** Listings by type (rows) and the status the public sees (columns), with totals. */
export function countsTable(overview: AreaOverview, areaName: string): HTMLElement {
  if (overview.listings.length === 0) return el('p', { 'data-no-listings': '' }, 'There are no listings in this area yet.');
  const rows = new Map<OutletType, CountRow>();
  for (const count of overview.counts) {
    const row = rows.get(count.outletType) ?? { type: count.outletType, active: 0, temporarily_closed: 0, inactive: 0 };
    row[count.status] += count.count;
    rows.set(count.outletType, row);
  }
  const sorted = [...rows.values()].sort((a, b) => totalOf(b) - totalOf(a));
  const totals: CountRow = { type: 'total', active: 0, temporarily_closed: 0, inactive: 0 };
  for (const row of sorted) for (const status of outletStatusSchema.options) totals[status] += row[status];
  return dataTable<CountRow>(
    'Listings by type and status',
    [
      { heading: 'Type', cell: (row) => (row.type === 'total' ? 'Total' : outletTypeInWords(row.type)) },
      ...outletStatusSchema.options.map((status): Column<CountRow> => ({ heading: statusHeadings[status], cell: (row) => String(row[status]), numeric: true })),
      { heading: 'Total', cell: (row) => String(totalOf(row)), numeric: true },
    ],
    sorted,
    { totals, download: csvFileName(areaName, 'listings by type and status') },
  );
}

/** A listing's name, linked to its page in the portal, with its postcode under it. */
const listingCell = (listing: AreaListing): HTMLElement =>
  el('span', {}, el('a', { href: listingPageUrl('overview', listing.id) }, listing.name), el('span', { class: 'app-table__secondary' }, listing.address.postcode));

/** The columns every table of listings starts with, and the CSV-only ones they end with. */
const listingColumn: Column<AreaListing> = { heading: 'Listing', cell: listingCell, csv: (listing) => listing.name };
const csvOnlyColumns: Column<AreaListing>[] = [
  { heading: 'Id', cell: (listing) => listing.id, csvOnly: true },
  { heading: 'Address', cell: (listing) => [...listing.address.lines, listing.address.town].join(', '), csvOnly: true },
  { heading: 'Postcode', cell: (listing) => listing.address.postcode, csvOnly: true },
  { heading: 'Latitude', cell: (listing) => String(listing.location.lat), csv: (listing) => listing.location.lat, csvOnly: true },
  { heading: 'Longitude', cell: (listing) => String(listing.location.lng), csv: (listing) => listing.location.lng, csvOnly: true },
  { heading: 'Last confirmed', cell: (listing) => listing.assuredAt ?? '', csvOnly: true },
];

/** Every listing (or those of one type, named by `typeName`), by name: type, status, stock, last confirmation and open reports. */
export function listingsTable(listings: readonly AreaListing[], areaName: string, typeName?: string): HTMLElement {
  if (listings.length === 0) return el('p', {}, 'There are no listings in this area yet. Add them with an import.');
  return dataTable<AreaListing>(
    typeName ? `Listings of type ${typeName}, by name` : 'Every listing in the area, by name',
    [
      listingColumn,
      { heading: 'Type', cell: (listing) => outletTypeInWords(listing.outletType) },
      { heading: 'Status', cell: (listing) => publicStatusInWords(listing) },
      { heading: 'Stock', cell: (listing) => stockStatusInWords(listing.stock.status) },
      { heading: 'Confirmed', cell: (listing) => unconfirmedInWords(listing) },
      { heading: 'Open reports', cell: (listing) => String(listing.openReports), csv: (listing) => listing.openReports, numeric: true },
      ...csvOnlyColumns,
    ],
    listings,
    { download: csvFileName(areaName, typeName ? `listings ${typeName}` : 'listings'), rowId: (listing) => `listing-row-${listing.id}` },
  );
}

/** Listings not confirmed for a while, longest first, with what the public sees of them. */
export function staleTable(stale: readonly AreaListing[], areaName: string): HTMLElement {
  if (stale.length === 0) {
    return el('p', { 'data-no-stale': '' }, `Every listing was confirmed in the last ${freshnessThresholds.mayBeOutOfDateDays} days.`);
  }
  return dataTable<AreaListing>(
    'Listings going stale, longest unconfirmed first',
    [
      listingColumn,
      { heading: 'Confirmed', cell: (listing) => unconfirmedInWords(listing) },
      {
        heading: 'What the public sees',
        cell: (listing) => el('strong', { class: `app-tag ${freshnessTagClass(listing.freshness)}` }, freshnessInWords(listing.freshness)),
        csv: (listing) => freshnessInWords(listing.freshness),
      },
      { heading: 'Days without confirmation', cell: (listing) => String(listing.unconfirmedDays ?? ''), csv: (listing) => listing.unconfirmedDays, csvOnly: true },
      ...csvOnlyColumns,
    ],
    stale,
    { download: csvFileName(areaName, 'listings going stale') },
  );
}
