/**
 * The search filters as one predicate over outlets. The nearest search applies it while it reads,
 * so the k nearest outlets that pass are still exact.
 */
import type { FindOutletsQuery } from '../contract/find-outlets.js';
import type { SearchableOutlet } from '../contract/outlet.js';
import { isFreshEnoughForSearch } from './listing-freshness.js';
import { isGivingOutKits, isPubliclyListed } from './listing-visibility.js';
import { isOpenLate } from './opening-hours.js';
import { listingOpenStateAt } from './outlet-views.js';

export type OutletFilters = Pick<FindOutletsQuery, 'kit' | 'type' | 'openNow' | 'openLate' | 'noId' | 'walkIn'>;

/**
 * A predicate that keeps publicly listed outlets that pass every filter set. Temporarily closed
 * outlets pass when no time filter is set (the list shows them as closed, with their alert), but
 * never "open now" or "open late". "Open now" keeps only outlets known to be open at `now`:
 * unknown hours do not pass it. Listings left unconfirmed for too long
 * (`freshnessThresholds.leftOutOfSearchDays`) never pass: their pages still work by their address.
 */
export function outletFilter(filters: OutletFilters, now: Date): (outlet: SearchableOutlet) => boolean {
  return (outlet) =>
    isPubliclyListed(outlet) &&
    isFreshEnoughForSearch(outlet, now) &&
    (filters.kit === undefined || outlet.kitTypes.includes(filters.kit)) &&
    (filters.type === undefined || outlet.outletType === filters.type) &&
    (!filters.noId || outlet.eligibility.noIdNeeded) &&
    (!filters.walkIn || outlet.eligibility.walkIn) &&
    (!filters.openLate || (isGivingOutKits(outlet, now) && isOpenLate(outlet.hours))) &&
    (!filters.openNow || listingOpenStateAt(outlet, now).status === 'open');
}
