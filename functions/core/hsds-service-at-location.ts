/**
 * An outlet as an Open Referral (HSDS 3.0, used by Open Referral UK) `service_at_location` object,
 * with its `service` (and `organization`), `location` (and address, accessibility, languages),
 * `phones`, `schedules` and `attributes` nested, as the official compiled schema
 * `data/hsds/service_at_location.json` describes. Pure: the same outlet always gives the same object,
 * ids included (UUID version 5 from the outlet id and the row's role), so exports are stable.
 *
 * | our field                              | HSDS 3.0 field |
 * |----------------------------------------|----------------|
 * | `id`                                   | every `id`: UUID v5 of {@link hsdsNamespace} and `outlet:{id}:{role}` |
 * | `name`                                 | `location.name`; `service.name` "Take-home naloxone at {name}" |
 * | `organisation`                         | `service.organization.name` (id from the name, so outlets of one organisation share it) |
 * | `outletType`, `supplyBasis`, `kitTypes`| `attributes[]` (terms `outlet_type`, `supply_basis`, `kit_type`); kits also in `service.description` |
 * | `address.lines`, `town`, `postcode`    | `location.addresses[0]` `address_1` (+ `address_2`), `city`, `postal_code`; `country` "GB" |
 * | `localAuthorityCode`                   | nation in `state_province` (from the code's first letter); attribute `local_authority` |
 * | `location.lat`, `lng`                  | `location.latitude`, `location.longitude` |
 * | `phone`                                | `phones[0].number` |
 * | `website`                              | `service.url` |
 * | `hours.weekly[]`                       | `schedules[]`: `freq` WEEKLY, `byday` MO…SU, `opens_at`/`closes_at` HH:MM (London wall clock; midnight 23:59) |
 * | `hours.unknownDays[]`                  | `schedules[]` WEEKLY rows with no times, `description` "Hours unknown – call ahead" |
 * | `hours.exceptions[]`                   | dated `schedules[]`: `valid_from` = `valid_to` = `dtstart` = date; sessions as WEEKLY `count` 1 |
 * | `hours.bankHolidays`                   | attribute `bank_holidays`; `notes` on each weekly row |
 * | `eligibility.free`                     | `service.fees_description`, `service.cost_options` (amount 0 GBP), attribute `free` |
 * | `eligibility.walkIn`                   | `service.application_process`, attribute `walk_in` |
 * | `eligibility.noIdNeeded`, `familyAndFriendsCanCollect` | `service.eligibility_description`, attributes |
 * | `eligibility.minimumAge`               | `service.minimum_age` (+ `eligibility_description`) |
 * | `languages[]`                          | `location.languages[]` `name` (+ ISO 639-1 `code` when the name is the English CLDR name) |
 * | `accessibility`                        | `location.accessibility[0].description` |
 * | `locationDescription`                  | `location.description` |
 * | `status`                               | `service.status`: active, "temporarily closed", inactive |
 * | `alert`                                | `service.alert` |
 * | `stock.status`                         | attribute `stock_status` (`stock.updatedAt` has no home) |
 * | `assuredAt`                            | `service.assured_date`, the London calendar date |
 * | `odsCode`                              | `location.external_identifier` (`external_identifier_type` "ODS code") |
 * | `demo`                                 | attribute `demo`; a sentence in `service.description` |
 */
import type { PublicListing } from '../contract/open-data.js';
import type { Session, Weekday } from '../contract/outlet.js';
import { bankHolidayDivisionOf } from './bank-holiday-division.js';
import type { BankHolidayDivision } from './bank-holidays.js';
import { londonWallClock, minutesOfClockTime, weekdayOf } from './london-time.js';
import { iso6391Code } from './language-codes.js';
import { uuidV5 } from './name-based-uuid.js';
import { sessionsText } from './opening-hours-text.js';

/** Namespace of every UUID this export makes (a random UUID, fixed once). */
export const hsdsNamespace = '286c1ad6-c1cc-4e0e-901f-8f1f3101d149';

/** The HSDS id of one of an outlet's rows (`service`, `location`, …): stable, so repeated exports match. */
export const hsdsIdOf = (outletId: string, role: string): string => uuidV5(hsdsNamespace, `outlet:${outletId}:${role}`);

/** The HSDS `service` id of an outlet: how the open data API finds it again (`data/table-schema.ts`, `published`). */
export const hsdsServiceId = (outletId: string): string => hsdsIdOf(outletId, 'service');

/** A schedule row: RFC 5545 fields as HSDS names them. Times are `HH:MM`, London wall clock. */
export interface HsdsSchedule {
  id: string;
  service_at_location_id: string;
  freq?: 'WEEKLY';
  byday?: string;
  count?: number;
  dtstart?: string;
  valid_from?: string;
  valid_to?: string;
  opens_at?: string;
  closes_at?: string;
  description: string;
  notes?: string;
}

/** A classification of the service at location by a term of this finder's own small taxonomy. */
export interface HsdsAttribute {
  id: string;
  link_id: string;
  link_entity: 'service_at_location';
  taxonomy_term_id: string;
  value: string;
  taxonomy_term: { id: string; code: string; name: string; description: string; taxonomy: string };
}

/** The parts of HSDS 3.0 `service_at_location` this export fills. */
export interface HsdsServiceAtLocation {
  id: string;
  service_id: string;
  location_id: string;
  service: {
    id: string;
    organization_id: string;
    name: string;
    description: string;
    url?: string;
    status: 'active' | 'temporarily closed' | 'inactive';
    application_process: string;
    fees_description: string;
    eligibility_description: string;
    minimum_age?: number;
    assured_date?: string;
    alert?: string;
    cost_options: { id: string; service_id: string; option: string; amount: number; currency: 'GBP' }[];
    organization: { id: string; name: string; description: string };
  };
  location: {
    id: string;
    organization_id: string;
    location_type: 'physical' | 'postal';
    name: string;
    description?: string;
    latitude: number;
    longitude: number;
    external_identifier?: string;
    external_identifier_type?: string;
    addresses: {
      id: string;
      location_id: string;
      address_1: string;
      address_2?: string;
      city: string;
      state_province: string;
      postal_code: string;
      country: 'GB';
      address_type: 'physical' | 'postal';
    }[];
    accessibility: { id: string; location_id: string; description: string }[];
    languages: { id: string; location_id: string; name: string; code?: string }[];
  };
  phones: { id: string; service_at_location_id: string; number: string }[];
  schedules: HsdsSchedule[];
  attributes: HsdsAttribute[];
}

const statusOf = { active: 'active', temporarily_closed: 'temporarily closed', inactive: 'inactive' } as const;
const bydayOf: Record<Weekday, string> = { monday: 'MO', tuesday: 'TU', wednesday: 'WE', thursday: 'TH', friday: 'FR', saturday: 'SA', sunday: 'SU' };
const nationOf: Record<string, string> = { E: 'England', W: 'Wales', S: 'Scotland', N: 'Northern Ireland' };
const kitNames = { nasal: 'nasal spray (Nyxoid)', injectable: 'injection (Prenoxad)' } as const;
/** Whose bank holidays the schedule notes name: the outlet's own nation's (`core/bank-holiday-division.ts`). */
const bankHolidaysNamed: Record<BankHolidayDivision, string> = {
  'england-and-wales': 'England and Wales bank holidays',
  scotland: 'Scottish bank holidays',
  'northern-ireland': 'Northern Ireland bank holidays',
};
const bankHolidayNotes = {
  closed: (holidays: string) => `Closed on ${holidays}.`,
  as_usual: (holidays: string) => `Usual hours on ${holidays}.`,
  unknown: (holidays: string) => `Hours may differ on ${holidays} – call ahead.`,
} as const;
const timeNote = 'Times are UK local time (Europe/London, GMT or BST).';

/**
 * The outlet as one HSDS 3.0 `service_at_location`, valid against the official schema. It reads
 * only the listing's public fields (`PublicListing`), so a private field cannot reach an export.
 */
export function toHsdsServiceAtLocation(outlet: PublicListing): HsdsServiceAtLocation {
  const id = (role: string): string => hsdsIdOf(outlet.id, role);
  const [salId, serviceId, locationId] = [id('service_at_location'), id('service'), id('location')];
  const organizationId = uuidV5(hsdsNamespace, `organization:${outlet.organisation.trim().toLowerCase()}`);
  const { eligibility, address } = outlet;
  const postal = outlet.outletType === 'postal' ? 'postal' : 'physical';
  const kits = outlet.kitTypes.map((kit) => kitNames[kit]).join(' and ');
  const demo = outlet.demo ? ' Demonstration data: the naloxone details of this listing are illustrative, not facts.' : '';
  const nation = nationOf[outlet.localAuthorityCode?.charAt(0) ?? ''];
  return {
    id: salId,
    service_id: serviceId,
    location_id: locationId,
    service: {
      id: serviceId,
      organization_id: organizationId,
      name: `Take-home naloxone at ${outlet.name}`,
      description: `${eligibility.free ? 'Free take-home' : 'Take-home'} naloxone without a prescription${kits ? `: ${kits}` : ''}.${demo}`,
      ...(outlet.website === null ? {} : { url: outlet.website }),
      status: statusOf[outlet.status],
      application_process: eligibility.walkIn ? 'You can walk in – no appointment needed.' : 'You may need an appointment – call ahead.',
      fees_description: eligibility.free ? 'Free' : 'There may be a charge – call ahead to check.',
      eligibility_description: [
        'You do not need a prescription.',
        eligibility.noIdNeeded ? 'You do not need ID.' : 'They may ask for ID.',
        eligibility.familyAndFriendsCanCollect
          ? 'Family and friends can collect a kit for someone who uses opioids.'
          : 'Ask whether family or friends can collect a kit.',
        ...(eligibility.minimumAge === null ? [] : [`You need to be ${eligibility.minimumAge} or over.`]),
      ].join(' '),
      ...(eligibility.minimumAge === null ? {} : { minimum_age: eligibility.minimumAge }),
      ...(outlet.assuredAt === null ? {} : { assured_date: londonWallClock(new Date(outlet.assuredAt)).date }),
      ...(outlet.alert === null ? {} : { alert: outlet.alert }),
      cost_options: eligibility.free
        ? [{ id: id('cost_option:kit'), service_id: serviceId, option: 'Take-home naloxone kit', amount: 0, currency: 'GBP' }]
        : [],
      organization: { id: organizationId, name: outlet.organisation, description: 'Gives out take-home naloxone listed in this finder.' },
    },
    location: {
      id: locationId,
      organization_id: organizationId,
      location_type: postal,
      name: outlet.name,
      ...(outlet.locationDescription === null ? {} : { description: outlet.locationDescription }),
      latitude: outlet.location.lat,
      longitude: outlet.location.lng,
      ...(outlet.odsCode === null ? {} : { external_identifier: outlet.odsCode, external_identifier_type: 'ODS code' }),
      addresses: [
        {
          id: id('address'),
          location_id: locationId,
          address_1: address.lines[0] ?? '',
          ...(address.lines.length > 1 ? { address_2: address.lines.slice(1).join(', ') } : {}),
          city: address.town,
          // HSDS requires it; the UK has no states, so the nation stands in, empty when unknown.
          state_province: nation ?? '',
          postal_code: address.postcode,
          country: 'GB',
          address_type: postal,
        },
      ],
      accessibility: outlet.accessibility === null ? [] : [{ id: id('accessibility'), location_id: locationId, description: outlet.accessibility }],
      languages: outlet.languages.map((name, index) => {
        const code = iso6391Code(name);
        return { id: id(`language:${index}`), location_id: locationId, name, ...(code === undefined ? {} : { code }) };
      }),
    },
    phones: outlet.phone === null ? [] : [{ id: id('phone'), service_at_location_id: salId, number: outlet.phone }],
    schedules: schedulesOf(outlet, salId, id),
    attributes: attributesOf(outlet, salId, id),
  };
}

function schedulesOf(outlet: PublicListing, salId: string, id: (role: string) => string): HsdsSchedule[] {
  const { weekly, exceptions, unknownDays = [], bankHolidays } = outlet.hours;
  // No weekly rows means "hours unknown": no schedule rows say exactly that, so none are made.
  const notes = `${timeNote} ${bankHolidayNotes[bankHolidays](bankHolidaysNamed[bankHolidayDivisionOf(outlet)])}`;
  const rows: HsdsSchedule[] = weekly.map((row, index) => ({
    id: id(`schedule:weekly:${index}`),
    service_at_location_id: salId,
    freq: 'WEEKLY',
    byday: bydayOf[row.byDay],
    ...hsdsTimes(row),
    description: `${capitalise(row.byDay)}: ${sessionsText([row])}`,
    notes,
  }));
  if (weekly.length > 0) {
    for (const day of unknownDays) {
      rows.push({ id: id(`schedule:unknown:${day}`), service_at_location_id: salId, freq: 'WEEKLY', byday: bydayOf[day], description: `${capitalise(day)}: Hours unknown – call ahead`, notes });
    }
  }
  const seen = new Set<string>();
  for (const exception of exceptions) {
    // As in dayPlanOn, the first exception for a date is the one that applies.
    if (seen.has(exception.date)) continue;
    seen.add(exception.date);
    const dated = { service_at_location_id: salId, dtstart: exception.date, valid_from: exception.date, valid_to: exception.date };
    const extra = { notes: exception.note === undefined ? timeNote : `${exception.note} ${timeNote}` };
    if (exception.closed || exception.sessions.length === 0) {
      const text = exception.closed ? 'Closed all day' : 'Hours unknown – call ahead';
      rows.push({ id: id(`schedule:exception:${exception.date}`), ...dated, description: `${exception.date}: ${text}`, ...extra });
      continue;
    }
    exception.sessions.forEach((session, index) => {
      rows.push({
        id: id(`schedule:exception:${exception.date}:${index}`),
        ...dated,
        freq: 'WEEKLY',
        byday: bydayOf[weekdayOf(exception.date)],
        count: 1,
        ...hsdsTimes(session),
        description: `${exception.date}: ${sessionsText([session])} instead of the usual hours`,
        ...extra,
      });
    });
  }
  return rows;
}

/**
 * `HH:MM`. HSDS cannot say "closes at midnight": its schedules guidance writes 24 hours as 00:00 to
 * 23:59, so a session that ends at midnight (our `24:00`, or `00:00` after the opening) closes at 23:59.
 */
function hsdsTimes(session: Session): { opens_at: string; closes_at: string } {
  const endsAtMidnight = minutesOfClockTime(session.closesAt) % 1440 === 0;
  return { opens_at: session.opensAt, closes_at: endsAtMidnight ? '23:59' : session.closesAt };
}

const taxonomyTerms = {
  outlet_type: ['Outlet type', 'What kind of place the outlet is.'],
  supply_basis: ['Legal basis of supply', 'The Human Medicines Regulations 2012 regulation 237A group the outlet supplies under, or emergency_box / postal.'],
  kit_type: ['Naloxone kit type', 'nasal: Nyxoid nasal spray; injectable: Prenoxad pre-filled syringe.'],
  free: ['Free', 'Whether kits are free (true or false).'],
  no_id_needed: ['No ID needed', 'Whether a kit can be had without showing ID (true or false).'],
  walk_in: ['Walk in', 'Whether people can walk in without an appointment (true or false).'],
  family_and_friends_can_collect: ['Family and friends can collect', 'Whether family and friends can collect a kit (true or false).'],
  bank_holidays: ['Bank holiday opening', 'Hours on the bank holidays of the nation the outlet is in (England and Wales, Scotland or Northern Ireland): closed, as_usual or unknown.'],
  stock_status: ['Stock status', 'Kits in stock: in_stock, running_low, out or unknown.'],
  local_authority: ['Local authority', 'ONS (GSS) code of the local authority the outlet is in.'],
  demo: ['Demonstration data', 'true when the naloxone details are illustrative, not facts.'],
} as const;

type TermValue = [code: keyof typeof taxonomyTerms, value: string];

function attributesOf(outlet: PublicListing, salId: string, id: (role: string) => string): HsdsAttribute[] {
  const { eligibility: e } = outlet;
  const pairs: TermValue[] = [
    ['outlet_type', outlet.outletType],
    ['supply_basis', outlet.supplyBasis],
    ...outlet.kitTypes.map((kit): TermValue => ['kit_type', kit]),
    ['free', String(e.free)],
    ['no_id_needed', String(e.noIdNeeded)],
    ['walk_in', String(e.walkIn)],
    ['family_and_friends_can_collect', String(e.familyAndFriendsCanCollect)],
    ['bank_holidays', outlet.hours.bankHolidays],
    ['stock_status', outlet.stock.status],
    ...(outlet.localAuthorityCode === null ? [] : [['local_authority', outlet.localAuthorityCode] satisfies TermValue]),
    ['demo', String(outlet.demo)],
  ];
  return pairs.map(([code, value]) => {
    const [name, description] = taxonomyTerms[code];
    const termId = uuidV5(hsdsNamespace, `taxonomy_term:${code}`);
    return {
      id: id(`attribute:${code}:${value}`),
      link_id: salId,
      link_entity: 'service_at_location',
      taxonomy_term_id: termId,
      value,
      taxonomy_term: { id: termId, code, name, description, taxonomy: 'Naloxone finder' },
    };
  });
}

function capitalise(day: Weekday): string {
  return day.charAt(0).toUpperCase() + day.slice(1);
}
