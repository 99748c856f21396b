/**
 * The outlet: one place that gives out free take-home naloxone.
 *
 * Field names follow Open Referral UK / HSDS 3.0 in meaning (organization, service, location,
 * schedule, `assured_date` for "last confirmed"), written in camelCase for the API.
 * This schema is the single contract: the API, the data layer and the site take their types from it.
 */
import * as z from 'zod/mini';

/** Days of the week in HSDS `byday` order, Monday first. */
export const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export const weekdaySchema = z.enum(weekdays);
export type Weekday = z.infer<typeof weekdaySchema>;

/** Kit types in use in the UK: Nyxoid nasal spray and Prenoxad injection. */
export const kitTypeSchema = z.enum(['nasal', 'injectable']);
export type KitType = z.infer<typeof kitTypeSchema>;

/**
 * The legal basis on which the outlet may supply naloxone without a prescription
 * (Human Medicines Regulations 2012, regulation 237A), plus the routes under consultation.
 */
export const supplyBasisSchema = z.enum([
  'drug_treatment_service',
  'pharmacy',
  'nurse_midwife_paramedic',
  'police',
  'prison',
  'probation',
  'youth_justice',
  'armed_forces',
  'emergency_box',
  'postal',
]);
export type SupplyBasis = z.infer<typeof supplyBasisSchema>;

/** What kind of place the outlet is, as a person would describe it. */
export const outletTypeSchema = z.enum([
  'pharmacy',
  'drug_service',
  'health_service',
  'police',
  'prison',
  'probation',
  'youth_justice',
  'armed_forces',
  'hostel_or_day_centre',
  'outreach',
  'emergency_box',
  'postal',
]);
export type OutletType = z.infer<typeof outletTypeSchema>;

export const outletStatusSchema = z.enum(['active', 'temporarily_closed', 'inactive']);
export type OutletStatus = z.infer<typeof outletStatusSchema>;

export const stockStatusSchema = z.enum(['in_stock', 'running_low', 'out', 'unknown']);
export type StockStatus = z.infer<typeof stockStatusSchema>;

/**
 * An emergency naloxone cabinet's state, set by its guardian: `ready` (sealed kit inside) or
 * `used_awaiting_restock`. Only emergency boxes have one.
 */
export const cabinetStatusSchema = z.enum(['ready', 'used_awaiting_restock']);
export type CabinetStatus = z.infer<typeof cabinetStatusSchema>;

/** A 24-hour clock time, `HH:MM`; `24:00` closes at midnight. */
export const clockTimeSchema = z
  .string()
  .check(z.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Enter a time as HH:MM, for example 09:30'));

/** An opening time, `HH:MM` from 00:00 to 23:59: a day's sessions cannot open at its end. */
export const openingTimeSchema = z
  .string()
  .check(z.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'Enter an opening time as HH:MM, from 00:00 to 23:59'));

/** One opening session: opens and closes on the same day, or closes after midnight if `closesAt` <= `opensAt`. */
export const sessionSchema = z.object({
  opensAt: openingTimeSchema,
  closesAt: clockTimeSchema,
});
export type Session = z.infer<typeof sessionSchema>;

/** A weekly schedule row (HSDS `schedule` with `freq=WEEKLY`, `byday`). */
export const weeklyScheduleRowSchema = z.extend(sessionSchema, { byDay: weekdaySchema });
export type WeeklyScheduleRow = z.infer<typeof weeklyScheduleRowSchema>;

/** An ISO calendar date, `YYYY-MM-DD`. */
export const isoDateSchema = z.iso.date();

/** A dated exception: closed all day, or open only for the sessions given. */
export const scheduleExceptionSchema = z
  .object({
    date: isoDateSchema,
    closed: z.boolean(),
    sessions: z._default(z.array(sessionSchema).check(z.maxLength(6)), []),
    note: z.optional(z.string().check(z.maxLength(200))),
  })
  .check(
    z.refine((exception) => !(exception.closed && exception.sessions.length > 0), {
      path: ['sessions'],
      message: 'A day that is closed has no opening sessions',
    }),
  );
export type ScheduleException = z.infer<typeof scheduleExceptionSchema>;

/**
 * Opening hours. `weekly` empty (and no `unknownDays`) means the hours are unknown ("call ahead"),
 * never "closed"; with `unknownDays`, the other days were read and have no sessions: closed.
 * `bankHolidays` says what happens on England and Wales bank holidays when no exception is given.
 */
export const openingHoursSchema = z
  .object({
    weekly: z.array(weeklyScheduleRowSchema).check(z.maxLength(42)),
    exceptions: z._default(z.array(scheduleExceptionSchema).check(z.maxLength(100)), []),
    bankHolidays: z._default(z.enum(['closed', 'as_usual', 'unknown']), 'unknown'),
    /**
     * Days of the week whose usual hours are not known (for example the source gave an unreadable value):
     * on those days the outlet shows "hours unknown – call ahead", where an absent row would mean "closed".
     */
    unknownDays: z.optional(z.array(weekdaySchema).check(z.maxLength(7))),
  })
  .check(
    z.refine((hours) => new Set(hours.exceptions.map((exception) => exception.date)).size === hours.exceptions.length, {
      path: ['exceptions'],
      message: 'Give each date at most one exception',
    }),
  );
export type OpeningHours = z.infer<typeof openingHoursSchema>;

/**
 * The box every UK (and Channel Islands) point falls in. Searches outside it are refused: the
 * finder covers the UK, and a point near a pole would make a search plan thousands of cells.
 */
export const ukBounds = { minLat: 49.0, maxLat: 61.0, minLng: -8.7, maxLng: 2.0 } as const;

/** Whether a point is inside {@link ukBounds}. */
export const isInUk = (point: { lat: number; lng: number }): boolean =>
  point.lat >= ukBounds.minLat && point.lat <= ukBounds.maxLat && point.lng >= ukBounds.minLng && point.lng <= ukBounds.maxLng;

export const coordinatesSchema = z.object({
  lat: z.number().check(z.gte(-90), z.lte(90)),
  lng: z.number().check(z.gte(-180), z.lte(180)),
});
export type Coordinates = z.infer<typeof coordinatesSchema>;

export const addressSchema = z.object({
  lines: z.array(z.string().check(z.minLength(1), z.maxLength(120))).check(z.minLength(1), z.maxLength(4)),
  town: z.string().check(z.minLength(1), z.maxLength(80)),
  postcode: z.string().check(z.minLength(2), z.maxLength(8)),
});
export type Address = z.infer<typeof addressSchema>;

export const eligibilitySchema = z.object({
  free: z.boolean(),
  noIdNeeded: z.boolean(),
  walkIn: z.boolean(),
  familyAndFriendsCanCollect: z.boolean(),
  minimumAge: z.nullable(z.number().check(z.int(), z.gte(0), z.lte(25))),
});
export type Eligibility = z.infer<typeof eligibilitySchema>;

export const stockSchema = z.object({
  status: stockStatusSchema,
  /** When the status was last set, ISO 8601; null if never. */
  updatedAt: z.nullable(z.iso.datetime({ offset: true })),
});
export type Stock = z.infer<typeof stockSchema>;

/** Outlet ids are short, URL-safe and stable: an ODS code or a generated id. */
export const outletIdSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{2,40}$/, 'Enter an outlet id of 2 to 40 letters, digits, dashes or underscores'));

export const outletSchema = z.object({
  id: outletIdSchema,
  name: z.string().check(z.minLength(1), z.maxLength(120)),
  organisation: z.string().check(z.minLength(1), z.maxLength(120)),
  outletType: outletTypeSchema,
  supplyBasis: supplyBasisSchema,
  address: addressSchema,
  location: coordinatesSchema,
  phone: z.nullable(z.string().check(z.maxLength(30))),
  website: z.nullable(z.url({ protocol: /^https?$/, error: 'Enter a website address starting with https://' }).check(z.maxLength(300))),
  hours: openingHoursSchema,
  kitTypes: z.array(kitTypeSchema).check(z.maxLength(2)),
  eligibility: eligibilitySchema,
  languages: z.array(z.string().check(z.minLength(2), z.maxLength(40))).check(z.maxLength(20)),
  accessibility: z.nullable(z.string().check(z.maxLength(500))),
  status: outletStatusSchema,
  /**
   * While `status` is `temporarily_closed`: the day it opens again (`YYYY-MM-DD`), after which the
   * listing reads as active without anyone having to remember; null if not known.
   */
  reopensOn: z._default(z.nullable(isoDateSchema), null),
  /** A short public alert shown on the listing, for example "No kits until Monday". */
  alert: z.nullable(z.string().check(z.maxLength(200))),
  stock: stockSchema,
  /** When the outlet last confirmed the whole listing (HSDS `assured_date`); null if never. */
  assuredAt: z.nullable(z.iso.datetime({ offset: true })),
  /**
   * When the listing was first published: how old an unconfirmed listing is, for the freshness
   * rules (`core/listing-freshness.ts`); null for listings from before it was recorded.
   */
  listedAt: z._default(z.nullable(z.iso.datetime({ offset: true })), null),
  /**
   * "They had no kits" reports from the public since the outlet last confirmed its listing or its
   * stock: the public sees "Recently reported out of stock" from two on.
   */
  noKitsReports: z._default(z.number().check(z.int(), z.nonnegative()), 0),
  /** An emergency cabinet's state; null for every other kind of outlet. */
  cabinetStatus: z._default(z.nullable(cabinetStatusSchema), null),
  /**
   * Where exactly the place is, in words, when the address alone does not find it: "On the wall
   * outside the main entrance" for an emergency cabinet (HSDS `location.description`).
   */
  locationDescription: z._default(z.nullable(z.string().check(z.maxLength(300))), null),
  /**
   * PRIVATE: where readiness reminders and messages about the listing go. Never in a public answer:
   * the public views are built from allow-lists that leave it out.
   */
  contactEmail: z._default(z.nullable(z.email({ error: 'Enter an email address, like name@example.org' }).check(z.maxLength(254))), null),
  odsCode: z.nullable(z.string().check(z.regex(/^[A-Z0-9]{3,10}$/))),
  /** Local authority ONS (GSS) code, e.g. E08000003 for Manchester. */
  localAuthorityCode: z.nullable(z.string().check(z.regex(/^[ENSW]\d{8}$/))),
  /**
   * Set when the naloxone details of this listing are illustrative demo data, not facts:
   * the site must say so wherever it shows them.
   */
  demo: z.boolean(),
});
export type Outlet = z.infer<typeof outletSchema>;

/**
 * The fields the nearest search reads and its results show: the sparse `geo` index projects only
 * these (an INCLUDE projection, see `data/table-schema.ts`), so change history and private fields
 * never travel with a search.
 */
export const searchableOutletFields = [
  'id',
  'name',
  'outletType',
  'supplyBasis',
  'address',
  'location',
  'phone',
  'hours',
  'kitTypes',
  'eligibility',
  'status',
  'reopensOn',
  'alert',
  'stock',
  'assuredAt',
  'listedAt',
  'noKitsReports',
  'cabinetStatus',
  'demo',
  // Not shown: it decides whose bank holidays "open now" counts (`core/bank-holiday-division.ts`).
  'localAuthorityCode',
] as const satisfies readonly (keyof Outlet)[];

type SearchableField = (typeof searchableOutletFields)[number];

/** An outlet as the search index holds it. */
export const searchableOutletSchema = z.pick(
  outletSchema,
  Object.fromEntries(searchableOutletFields.map((field) => [field, true])) as Record<SearchableField, true>,
);
export type SearchableOutlet = z.infer<typeof searchableOutletSchema>;

/**
 * The fields an area's dashboard shows of each of its listings: the `area` index projects only
 * these of an outlet (`data/table-schema.ts`), so history and contact details stay out of it.
 */
export const areaOutletFields = [
  'id',
  'name',
  'outletType',
  'supplyBasis',
  'address',
  'location',
  'phone',
  'status',
  'reopensOn',
  'stock',
  'assuredAt',
  'listedAt',
  'noKitsReports',
  'cabinetStatus',
  'kitTypes',
  'demo',
  'localAuthorityCode',
] as const satisfies readonly (keyof Outlet)[];

/** An outlet as the area index holds it. */
export const areaOutletSchema = z.pick(
  outletSchema,
  Object.fromEntries(areaOutletFields.map((field) => [field, true])) as Record<(typeof areaOutletFields)[number], true>,
);
export type AreaOutlet = z.infer<typeof areaOutletSchema>;
