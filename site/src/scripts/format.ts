/**
 * Plain-English wording for listing data, shared by the result list and the outlet page.
 * Types come from the API contract; only the words live here.
 */
import { type Freshness, freshnessThresholds } from '@contract/freshness.js';
import type { CabinetStatus, KitType, OutletType, StockStatus, Weekday, Eligibility, Address, Coordinates } from '@contract/outlet.js';

const kitWords: Record<KitType, string> = {
  nasal: 'Nasal spray (Nyxoid)',
  injectable: 'Injection (Prenoxad)',
};

/** "Nasal spray (Nyxoid) and Injection (Prenoxad)"; says so when the listing has no kit types. */
export function kitTypesInWords(kitTypes: readonly KitType[]): string {
  if (kitTypes.length === 0) return 'Kit type not known – call ahead';
  return kitTypes.map((kit) => kitWords[kit]).join(' and ');
}

const outletTypeWords: Record<OutletType, string> = {
  pharmacy: 'Pharmacy',
  drug_service: 'Drug and alcohol service',
  health_service: 'Health service',
  police: 'Police',
  prison: 'Prison',
  probation: 'Probation service',
  youth_justice: 'Youth justice service',
  armed_forces: 'Armed forces medical service',
  hostel_or_day_centre: 'Hostel or day centre',
  outreach: 'Outreach service',
  emergency_box: 'Emergency naloxone box',
  postal: 'Postal service',
};
export const outletTypeInWords = (type: OutletType): string => outletTypeWords[type];

const cabinetWords: Record<CabinetStatus, string> = {
  ready: 'Ready – a sealed kit is inside',
  used_awaiting_restock: 'Used – awaiting restock',
};
/** An emergency cabinet's state, as its guardian last set it. */
export const cabinetInWords = (status: CabinetStatus): string => cabinetWords[status];

/**
 * The headline of a ready cabinet in a list or on its page. A used one has none: its open state
 * ("Used – awaiting restock: call 999 and ask the call handler") already says what to do.
 */
export const readyCabinetHeadline = 'Emergency cabinet – ready';

const stockWords: Record<StockStatus, string> = {
  in_stock: 'In stock',
  running_low: 'Running low',
  out: 'Out of stock',
  unknown: 'Stock not known',
};
/** "today", "yesterday", "12 days ago". */
export function daysAgo(days: number): string {
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}

/**
 * What the public must know before trusting a listing, most serious first: a listing unconfirmed
 * for long, and recent "no kits" reports. Empty when there is nothing to say.
 */
export function trustWarnings(listing: { freshness: Freshness; recentlyReportedOutOfStock: boolean }): string[] {
  const warnings: string[] = [];
  if (listing.freshness === 'out_of_date') {
    warnings.push(
      `This listing has not been confirmed for over ${Math.round(freshnessThresholds.leftOutOfSearchDays / 30)} months, so searches leave it out. It may be wrong – call before you go.`,
    );
  } else if (listing.freshness === 'may_be_out_of_date') {
    warnings.push('This listing may be out of date – call ahead.');
  }
  if (listing.recentlyReportedOutOfStock) warnings.push('Recently reported out of stock – call ahead.');
  return warnings;
}

/** "In stock – confirmed 3 days ago", or "In stock – not confirmed" when the outlet never set it. */
export function stockInWords(status: StockStatus, ageDays: number | null): string {
  if (status === 'unknown' && ageDays === null) return 'Not known – call ahead';
  return `${stockWords[status]} – ${ageDays === null ? 'not confirmed' : `confirmed ${daysAgo(ageDays)}`}`;
}

const kmPerMile = 1.609344;

/**
 * Straight-line distance in miles, as UK road signs and NHS service finders give it:
 * "0.4 miles", "1 mile", "12 miles".
 */
export function distanceInWords(km: number): string {
  const miles = km / kmPerMile;
  if (miles < 0.1) return 'less than 0.1 miles';
  const rounded = miles < 10 ? Math.round(miles * 10) / 10 : Math.round(miles);
  return `${rounded} ${rounded === 1 ? 'mile' : 'miles'}`;
}

/** A radius for sentences: "16 miles (25 km)". */
export function radiusInWords(km: number): string {
  return `${Math.round(km / kmPerMile)} miles (${Math.round(km)} km)`;
}

/** One line: "200 City Road, Hulme, Manchester, M15 4EA". */
export function addressInOneLine(address: Address): string {
  return [...address.lines, address.town, address.postcode].join(', ');
}

/**
 * Directions on OpenStreetMap, to the outlet only: the user's own location is never put in the
 * link, and the link is only followed if they choose to.
 */
export function directionsUrl(location: Coordinates): string {
  return `https://www.openstreetmap.org/directions?to=${location.lat.toFixed(5)}%2C${location.lng.toFixed(5)}`;
}

/** `tel:` URIs without spaces, which some phones trip over. */
export function telUrl(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** Short eligibility points for a result card. */
export function eligibilityHighlights(eligibility: Eligibility): string {
  const points = [
    eligibility.free ? 'Free' : 'May charge – call ahead',
    'no prescription needed',
    eligibility.noIdNeeded ? 'no ID needed' : 'may ask for ID',
    eligibility.walkIn ? 'walk in' : 'may need an appointment',
  ];
  if (eligibility.minimumAge !== null) points.push(`age ${eligibility.minimumAge} and over`);
  return points.join(', ');
}

const weekdayNames: Record<Weekday, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

/** Days in the contract's Monday-first order, typed against it. */
const weekdayOrder = Object.keys(weekdayNames) as Weekday[];

const londonDate = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});
/** "Thursday 25 December 2025" for an ISO date or instant, in UK time. */
export function dateInWords(iso: string): string {
  // A bare date is a calendar day: read it at midday UTC so no time zone moves it to another day.
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00Z` : iso;
  return londonDate.format(new Date(instant)).replace(',', '');
}

/** Today's weekday in the UK. */
export function weekdayInLondon(): Weekday {
  const name = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'Europe/London' }).format(new Date());
  return (weekdayOrder.find((day) => weekdayNames[day] === name) ?? 'monday');
}
