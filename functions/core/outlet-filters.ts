/**
 * The search filters as one predicate over outlets. The nearest search applies it while it reads,
 * so the k nearest outlets that pass are still exact.
 */
import type { FindOutletsQuery } from '../contract/find-outlets.js';
import type { Outlet } from '../contract/outlet.js';
import { isOpenLate, openStateAt } from './opening-hours.js';

export type OutletFilters = Pick<FindOutletsQuery, 'kit' | 'type' | 'openNow' | 'openLate' | 'noId' | 'walkIn'>;

/**
 * A predicate that keeps outlets that can give out a kit (active) and pass every filter set.
 * "Open now" keeps only outlets known to be open at `now`: unknown hours do not pass it.
 */
export function outletFilter(filters: OutletFilters, now: Date): (outlet: Outlet) => boolean {
  return (outlet) =>
    outlet.status === 'active' &&
    (filters.kit === undefined || outlet.kitTypes.includes(filters.kit)) &&
    (filters.type === undefined || outlet.outletType === filters.type) &&
    (!filters.noId || outlet.eligibility.noIdNeeded) &&
    (!filters.walkIn || outlet.eligibility.walkIn) &&
    (!filters.openLate || isOpenLate(outlet.hours)) &&
    (!filters.openNow || openStateAt(outlet.hours, now).status === 'open');
}
