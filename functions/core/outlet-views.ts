/**
 * What the API shows of an outlet: the summary in a result list and the full listing, each with
 * whether it is open at the time of asking and how old its stock status and confirmation are.
 */
import { type NearbyOutlet, type OutletDetail, type OutletSummary, upcomingHoursChangesDays } from '../contract/find-outlets.js';
import type { Outlet } from '../contract/outlet.js';
import { ageInDays } from './listing-age.js';
import { openStateAt } from './opening-hours.js';
import { describeWeeklyHours, upcomingHoursChanges } from './opening-hours-text.js';

/** The list entry for an outlet, as of `now`. */
export function toOutletSummary(outlet: Outlet, now: Date): OutletSummary {
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
    status: outlet.status,
    alert: outlet.alert,
    stock: { ...outlet.stock, ageDays: ageInDays(outlet.stock.updatedAt, now) },
    assuredAt: outlet.assuredAt,
    assuredAgeDays: ageInDays(outlet.assuredAt, now),
    openState: openStateAt(outlet.hours, now),
    demo: outlet.demo,
  };
}

/** A result of a nearest search: the summary plus the distance, rounded to 10 m. */
export function toNearbyOutlet(outlet: Outlet, distanceKm: number, now: Date): NearbyOutlet {
  return { ...toOutletSummary(outlet, now), distanceKm: Math.round(distanceKm * 100) / 100 };
}

/** The full listing for the outlet page, as of `now`. */
export function toOutletDetail(outlet: Outlet, now: Date): OutletDetail {
  return {
    ...outlet,
    openState: openStateAt(outlet.hours, now),
    weeklyHours: describeWeeklyHours(outlet.hours),
    upcomingHoursChanges: upcomingHoursChanges(outlet.hours, now, { days: upcomingHoursChangesDays }),
    stockAgeDays: ageInDays(outlet.stock.updatedAt, now),
    assuredAgeDays: ageInDays(outlet.assuredAt, now),
  };
}
