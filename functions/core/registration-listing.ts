/**
 * The listing an approved registration publishes. Pure.
 *
 * The registrant has just confirmed every detail, so it is confirmed now (`assuredAt`), and listed
 * now (`listedAt`). Stock is not known until its staff set it; an emergency cabinet is ready (its
 * guardian registered it stocked) and always open. The contact email is the listing's private one.
 */
import type { OpeningHours, Outlet, SupplyBasis } from '../contract/outlet.js';
import { weekdays } from '../contract/outlet.js';
import type { RegistrationRecord } from './registration-rules.js';
import { outletTypeFor } from './registration-rules.js';

/** Open 24 hours, every day, bank holidays too: an emergency cabinet on a public wall. */
export const allDayEveryDay: OpeningHours = {
  weekly: weekdays.map((byDay) => ({ byDay, opensAt: '00:00', closesAt: '24:00' })),
  exceptions: [],
  bankHolidays: 'as_usual',
};

/** The listing of an approved registration, published at `now` under `outletId`. */
export function listingFromRegistration(
  record: RegistrationRecord,
  { outletId, supplyBasis, now }: { outletId: string; supplyBasis: SupplyBasis; now: Date },
): Outlet {
  const { details } = record;
  const at = now.toISOString();
  const cabinet = details.kind === 'cabinet';
  return {
    id: outletId,
    name: details.name,
    organisation: details.organisation,
    outletType: outletTypeFor(supplyBasis),
    supplyBasis,
    address: { lines: [details.addressLine1, ...(details.addressLine2 ? [details.addressLine2] : [])], town: details.town, postcode: record.postcode },
    location: record.location,
    phone: details.phone,
    website: details.kind === 'outlet' ? details.website : null,
    hours: details.kind === 'outlet' ? details.hours : allDayEveryDay,
    kitTypes: details.kitTypes,
    eligibility:
      details.kind === 'outlet'
        ? { free: true, noIdNeeded: details.noIdNeeded, walkIn: details.walkIn, familyAndFriendsCanCollect: details.familyAndFriendsCanCollect, minimumAge: null }
        : { free: true, noIdNeeded: true, walkIn: true, familyAndFriendsCanCollect: true, minimumAge: null },
    languages: [],
    accessibility: null,
    status: 'active',
    reopensOn: null,
    alert: null,
    stock: { status: 'unknown', updatedAt: null },
    assuredAt: at,
    listedAt: at,
    noKitsReports: 0,
    cabinetStatus: cabinet ? 'ready' : null,
    locationDescription: details.kind === 'cabinet' ? details.locationDescription : null,
    contactEmail: details.contactEmail,
    odsCode: null,
    localAuthorityCode: record.localAuthority?.code ?? null,
    demo: false,
  };
}
