/**
 * The one place that decides what the public sees of a listing's status: whether it is listed at
 * all, whether the search finds it, and whether it can give out kits now.
 *
 * - `active`: listed, found by the search, shown with its hours.
 * - `temporarily_closed`: still listed and found (shown as closed, with its alert and the day it
 *   reopens, so nobody makes a wasted journey), until `reopensOn`, when it reads as active again.
 * - `inactive`: withdrawn: not found, its page and reports answer "not found".
 */
import type { Outlet, OutletStatus } from '../contract/outlet.js';
import { londonWallClock } from './london-time.js';

/** Whether the public can see the listing (its page, search results, reports about it). */
export const isPubliclyListed = (outlet: Pick<Outlet, 'status'>): boolean => outlet.status !== 'inactive';

/** Whether the listing belongs in the search index: exactly the publicly listed ones. */
export const isSearchable = isPubliclyListed;

/** The status as of `now`: a temporary closure whose reopening day has come reads as active. */
export function statusAt(outlet: Pick<Outlet, 'status' | 'reopensOn'>, now: Date): OutletStatus {
  if (outlet.status === 'temporarily_closed' && outlet.reopensOn !== null && outlet.reopensOn <= londonWallClock(now).date) return 'active';
  return outlet.status;
}

/**
 * Whether the outlet can give out kits at all as of `now` (not whether it is open this minute): an
 * emergency cabinet whose kit has been used cannot until it is restocked.
 */
export const isGivingOutKits = (outlet: Pick<Outlet, 'status' | 'reopensOn'> & Partial<Pick<Outlet, 'cabinetStatus'>>, now: Date): boolean =>
  statusAt(outlet, now) === 'active' && outlet.cabinetStatus !== 'used_awaiting_restock';
