/**
 * What a local authority's dashboard shows, from its records. Pure: records and `now` come in.
 */
import type { AreaBatches, AreaListing, AreaOverview, AreaSupplies } from '../contract/area-dashboard.js';
import type { StoredAreaEstimate } from '../contract/area.js';
import { expiringSoonDays, type StoredBatch } from '../contract/batches.js';
import type { AreaOutlet } from '../contract/outlet.js';
import type { ProblemReport } from '../contract/report.js';
import type { SupplyDay } from '../contract/supplies.js';
import { batchesFor } from './batches.js';
import { freshnessAt, unconfirmedDays } from './listing-freshness.js';
import { statusAt } from './listing-visibility.js';
import { totalsByMonth } from './supplies.js';

/** How many open reports the overview lists. */
const openReportsShown = 50;

/** A listing as the dashboard shows it, as of `now`. */
export function toAreaListing(outlet: AreaOutlet, openReports: number, now: Date): AreaListing {
  return {
    ...outlet,
    publicStatus: statusAt(outlet, now),
    freshness: freshnessAt(outlet, now),
    unconfirmedDays: unconfirmedDays(outlet, now),
    openReports,
  };
}

/** The overview: every listing, counts by type and status, stale listings, open reports. */
export function areaOverview(
  area: { code: string; name: string | null },
  outlets: readonly AreaOutlet[],
  reports: readonly ProblemReport[],
  estimate: StoredAreaEstimate | null,
  now: Date,
): AreaOverview {
  const open = reports.filter((report) => report.status === 'open');
  const openByOutlet = new Map<string, number>();
  for (const report of open) openByOutlet.set(report.outletId, (openByOutlet.get(report.outletId) ?? 0) + 1);
  const listings = [...outlets]
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((outlet) => toAreaListing(outlet, openByOutlet.get(outlet.id) ?? 0, now));
  const counts = new Map<string, AreaOverview['counts'][number]>();
  for (const listing of listings) {
    const key = `${listing.outletType}#${listing.publicStatus}`;
    const count = counts.get(key) ?? { outletType: listing.outletType, status: listing.publicStatus, count: 0 };
    count.count += 1;
    counts.set(key, count);
  }
  const names = new Map(outlets.map((outlet) => [outlet.id, outlet.name]));
  return {
    area,
    estimate,
    listings,
    counts: [...counts.values()].sort((a, b) => a.outletType.localeCompare(b.outletType) || a.status.localeCompare(b.status)),
    stale: listings
      .filter((listing) => listing.publicStatus !== 'inactive' && listing.freshness !== 'current')
      .sort((a, b) => (b.unconfirmedDays ?? Infinity) - (a.unconfirmedDays ?? Infinity)),
    openReports: open.slice(0, openReportsShown).map((report) => ({ ...report, outletName: names.get(report.outletId) ?? report.outletId })),
  };
}

/** The area's kits given out by month, with totals and kits per person estimated to use opiates. */
export function areaSupplies(days: readonly SupplyDay[], range: { from: string; to: string }, estimate: StoredAreaEstimate | null): AreaSupplies {
  const first = days.reduce((sum, day) => sum + day.first, 0);
  const resupply = days.reduce((sum, day) => sum + day.resupply, 0);
  return {
    ...range,
    months: totalsByMonth(days),
    totals: { first, resupply, kits: first + resupply },
    estimate,
    kitsPerPerson: estimate ? Math.round((10 * (first + resupply)) / estimate.peopleUsingOpiates) / 10 : null,
  };
}

/** Batches expiring within 60 days (or already expired), or every batch with a recalled number, each with its outlet's name. */
export function areaBatches(batches: readonly (StoredBatch & { outletId: string })[], names: ReadonlyMap<string, string>, now: Date, number?: string): AreaBatches {
  const outletOf = new Map(batches.map((batch) => [batch.id, batch.outletId]));
  const found = batchesFor(batches, now, number).filter((batch) => number !== undefined || batch.expiry !== 'ok');
  return {
    batches: found.map((batch) => {
      const outletId = outletOf.get(batch.id) ?? '';
      return { ...batch, outletId, outletName: names.get(outletId) ?? outletId };
    }),
    expiringSoonDays,
    number: number ?? null,
  };
}
