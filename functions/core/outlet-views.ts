/**
 * What the public sees of an outlet: the summary in a result list and the full listing, each with
 * whether it is open at the time of asking and how old its stock status and confirmation are.
 *
 * Both are built from allow-lists of fields, never by spreading a stored listing: a private field
 * added to the stored outlet (contact details, notes, moderation state, change history) cannot
 * reach a public answer unless someone adds it here on purpose.
 */
import {
  type NearbyOutlet,
  type OpenState,
  type OutletDetail,
  type OutletSummary,
  publicListingFields,
  upcomingHoursChangesDays,
} from '../contract/find-outlets.js';
import type { Outlet, SearchableOutlet } from '../contract/outlet.js';
import { ageInDays } from './listing-age.js';
import { freshnessAt, isRecentlyReportedOutOfStock } from './listing-freshness.js';
import { statusAt } from './listing-visibility.js';
import { openingHoursOptionsFor } from './bank-holiday-division.js';
import { openStateAt } from './opening-hours.js';
import { dateLabel, describeWeeklyHours, upcomingHoursChanges } from './opening-hours-text.js';

/**
 * Open now, closes at, opens at: from the hours, unless the outlet is temporarily closed, which
 * outranks them ("Temporarily closed – reopens Monday 7 December"), or is an emergency cabinet
 * whose kit has been used: it holds nothing until it is restocked, so it is not "open" to anyone.
 */
export function listingOpenStateAt(
  outlet: Pick<Outlet, 'hours' | 'status' | 'reopensOn' | 'address'> & Partial<Pick<Outlet, 'cabinetStatus' | 'localAuthorityCode'>>,
  now: Date,
): OpenState {
  if (outlet.cabinetStatus === 'used_awaiting_restock') return usedCabinetState;
  if (statusAt(outlet, now) !== 'temporarily_closed') return openStateAt(outlet.hours, now, openingHoursOptionsFor(outlet));
  const summary = outlet.reopensOn === null ? 'Temporarily closed' : `Temporarily closed – reopens ${dateLabel(outlet.reopensOn)}`;
  return { status: 'closed', closesAt: null, opensAt: null, summary };
}

/** A used cabinet, in the words the public sees: where to get naloxone instead. */
const usedCabinetState: OpenState = {
  status: 'closed',
  closesAt: null,
  opensAt: null,
  summary: 'Used – awaiting restock: call 999 and ask the call handler',
};

/** The list entry for an outlet, as of `now`. */
export function toOutletSummary(outlet: SearchableOutlet, now: Date): OutletSummary {
  return {
    id: outlet.id,
    name: outlet.name,
    outletType: outlet.outletType,
    supplyBasis: outlet.supplyBasis,
    address: outlet.address,
    location: outlet.location,
    phone: outlet.phone,
    kitTypes: outlet.kitTypes,
    eligibility: outlet.eligibility,
    status: statusAt(outlet, now),
    reopensOn: outlet.reopensOn,
    alert: outlet.alert,
    stock: { ...outlet.stock, ageDays: ageInDays(outlet.stock.updatedAt, now) },
    assuredAt: outlet.assuredAt,
    assuredAgeDays: ageInDays(outlet.assuredAt, now),
    freshness: freshnessAt(outlet, now),
    recentlyReportedOutOfStock: isRecentlyReportedOutOfStock(outlet),
    cabinetStatus: outlet.cabinetStatus,
    openState: listingOpenStateAt(outlet, now),
    demo: outlet.demo,
  };
}

/** A result of a nearest search: the summary plus the distance, rounded to 10 m. */
export function toNearbyOutlet(outlet: SearchableOutlet, distanceKm: number, now: Date): NearbyOutlet {
  return { ...toOutletSummary(outlet, now), distanceKm: Math.round(distanceKm * 100) / 100 };
}

/** The listing's public fields, picked one by one from {@link publicListingFields}. */
function publicListing(outlet: Outlet): Pick<Outlet, (typeof publicListingFields)[number]> {
  return Object.fromEntries(publicListingFields.map((field) => [field, outlet[field]])) as Pick<Outlet, (typeof publicListingFields)[number]>;
}

/** The full listing for the outlet page, as of `now`. */
export function toOutletDetail(outlet: Outlet, now: Date): OutletDetail {
  return {
    ...publicListing(outlet),
    status: statusAt(outlet, now),
    openState: listingOpenStateAt(outlet, now),
    weeklyHours: describeWeeklyHours(outlet.hours),
    upcomingHoursChanges: upcomingHoursChanges(outlet.hours, now, { ...openingHoursOptionsFor(outlet), days: upcomingHoursChangesDays }),
    stockAgeDays: ageInDays(outlet.stock.updatedAt, now),
    assuredAgeDays: ageInDays(outlet.assuredAt, now),
    freshness: freshnessAt(outlet, now),
    recentlyReportedOutOfStock: isRecentlyReportedOutOfStock(outlet),
  };
}
