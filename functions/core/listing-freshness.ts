/**
 * Whether a listing is still to be trusted: the freshness rules and the "no kits" rule, as of a
 * moment. Pure.
 */
import { type Freshness, freshnessThresholds, noKitsReportsShown } from '../contract/freshness.js';
import type { Outlet } from '../contract/outlet.js';
import { ageInDays } from './listing-age.js';

/** Days since the outlet last confirmed the listing, or since it was listed if never; null if neither is known. */
export const unconfirmedDays = (outlet: Pick<Outlet, 'assuredAt' | 'listedAt'>, now: Date): number | null =>
  ageInDays(outlet.assuredAt ?? outlet.listedAt, now);

/** The listing's freshness at `now`; a listing with no dates at all may be out of date, never hidden. */
export function freshnessAt(outlet: Pick<Outlet, 'assuredAt' | 'listedAt'>, now: Date): Freshness {
  const days = unconfirmedDays(outlet, now);
  if (days === null) return 'may_be_out_of_date';
  if (days >= freshnessThresholds.leftOutOfSearchDays) return 'out_of_date';
  if (days >= freshnessThresholds.mayBeOutOfDateDays) return 'may_be_out_of_date';
  return 'current';
}

/** Whether default searches show the listing: not when it has gone unconfirmed too long. */
export const isFreshEnoughForSearch = (outlet: Pick<Outlet, 'assuredAt' | 'listedAt'>, now: Date): boolean =>
  freshnessAt(outlet, now) !== 'out_of_date';

/** Whether the public is told the outlet was recently reported to have no kits. */
export const isRecentlyReportedOutOfStock = (outlet: Pick<Outlet, 'noKitsReports'>): boolean => outlet.noKitsReports >= noKitsReportsShown;
