/**
 * `GET /api/outlets`: the nearest outlets to a place, and `GET /api/outlets/{id}`: one outlet.
 */
import * as z from 'zod/mini';
import { freshnessSchema } from './freshness.js';
import { postalServiceSummarySchema, searchedAreaSchema } from './postal-services.js';
import {
  addressSchema,
  cabinetStatusSchema,
  coordinatesSchema,
  eligibilitySchema,
  isInUk,
  isoDateSchema,
  kitTypeSchema,
  outletIdSchema,
  type Outlet,
  outletSchema,
  outletStatusSchema,
  outletTypeSchema,
  stockStatusSchema,
  supplyBasisSchema,
  weekdaySchema,
} from './outlet.js';

/** Query-string booleans: `true`/`1`/`yes`/`on` and `false`/`0`/`no`/`off` (what an HTML checkbox sends). */
const queryFlag = z.optional(
  z.pipe(
    z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'Use true or false' }),
    z.transform((value) => ['true', '1', 'yes', 'on'].includes(value)),
  ),
);

const queryNumber = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label} must be a number` })
    .check(
      z.refine(Number.isFinite, `${label} must be a number`),
      z.gte(min, `${label} must be between ${min} and ${max}`),
      z.lte(max, `${label} must be between ${min} and ${max}`),
    );

/** Field message when the input is not shaped like a UK postcode or outward code. */
export const INVALID_POSTCODE_MESSAGE = 'Enter a real postcode';

/** Field message when the input is a well-formed postcode that neither it nor its district is known. */
export const UNKNOWN_POSTCODE_MESSAGE = 'We could not find that postcode';

/** Field message when a town or area name is not one the finder knows. */
export const UNKNOWN_PLACE_MESSAGE = 'We could not find a town or area with that name. Check the spelling, or enter a postcode';

/** Field message when a town or area name is too long to be one. */
export const PLACE_TOO_LONG_MESSAGE = 'Enter a town or area name of 60 characters or fewer, or a postcode';

/** Field message when nothing says where to search. */
export const NO_PLACE_MESSAGE = 'Enter a postcode or a town, or use your location';

/**
 * Whether what a person typed in the "Postcode or town" field is meant as a postcode: it holds a
 * digit. No UK town or area name does, and every postcode and outward code does, so "M15 4A" is
 * a mistyped postcode ("Enter a real postcode"), not an unknown town. The page and the API share it.
 */
export const looksLikePostcode = (text: string): boolean => /\d/.test(text);

/** Field message for a point outside the UK. */
export const OUTSIDE_UK_MESSAGE = 'We can only search for places in the UK';

export const searchLimits = { defaultLimit: 10, maxLimit: 50, defaultRadiusKm: 25, maxRadiusKm: 100 } as const;

/** HTML forms send empty fields as `name=`: an empty value means the field was not given. */
const withoutEmptyValues = (input: unknown) =>
  input !== null && typeof input === 'object'
    ? Object.fromEntries(Object.entries(input).filter(([, value]) => typeof value !== 'string' || value.trim() !== ''))
    : input;

const findOutletsQueryObject = z
  .object({
    lat: z.optional(queryNumber('Latitude', -90, 90)),
    lng: z.optional(queryNumber('Longitude', -180, 180)),
    postcode: z.optional(z.string().check(z.trim(), z.minLength(1, 'Enter a postcode'), z.maxLength(10, INVALID_POSTCODE_MESSAGE))),
    /** A town or area name ("Altrincham", "Newport, Isle of Wight"); a postcode given here is searched as one. */
    place: z.optional(z.string().check(z.trim(), z.minLength(1, NO_PLACE_MESSAGE), z.maxLength(60, PLACE_TOO_LONG_MESSAGE))),
    limit: z._default(
      z.coerce
        .number({ error: 'Limit must be a whole number' })
        .check(
          z.int('Limit must be a whole number'),
          z.gte(1, `Limit must be between 1 and ${searchLimits.maxLimit}`),
          z.lte(searchLimits.maxLimit, `Limit must be between 1 and ${searchLimits.maxLimit}`),
        ),
      searchLimits.defaultLimit,
    ),
    radiusKm: z._default(queryNumber('Search radius', 0.1, searchLimits.maxRadiusKm), searchLimits.defaultRadiusKm),
    kit: z.optional(z.enum(kitTypeSchema.options, { error: 'Choose nasal spray or injection' })),
    type: z.optional(z.enum(outletTypeSchema.options, { error: 'Choose a type of place from the list' })),
    openNow: queryFlag,
    openLate: queryFlag,
    noId: queryFlag,
    walkIn: queryFlag,
  })
  .check(
    z.superRefine((query, ctx) => {
      const hasPoint = query.lat !== undefined || query.lng !== undefined;
      if (query.postcode !== undefined && query.place !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['place'], message: 'Search by postcode or by town, not both' });
      } else if (hasPoint && (query.postcode !== undefined || query.place !== undefined)) {
        const path = query.postcode !== undefined ? 'postcode' : 'place';
        ctx.addIssue({ code: 'custom', path: [path], message: `Search by ${path === 'postcode' ? 'postcode' : 'town'} or by location, not both` });
      } else if (query.lat !== undefined && query.lng === undefined) {
        ctx.addIssue({ code: 'custom', path: ['lng'], message: 'Enter a longitude with the latitude' });
      } else if (query.lng !== undefined && query.lat === undefined) {
        ctx.addIssue({ code: 'custom', path: ['lat'], message: 'Enter a latitude with the longitude' });
      } else if (!hasPoint && query.postcode === undefined && query.place === undefined) {
        ctx.addIssue({ code: 'custom', path: ['postcode'], message: NO_PLACE_MESSAGE });
      } else if (query.lat !== undefined && query.lng !== undefined && !isInUk({ lat: query.lat, lng: query.lng })) {
        ctx.addIssue({ code: 'custom', path: ['lat'], message: OUTSIDE_UK_MESSAGE });
      }
    }),
  );

/**
 * The query string of `GET /api/outlets`, after validation. zod/mini has no `preprocess`: classic's
 * is this same pipe (a transform into the schema), marked only for JSON Schema.
 */
export const findOutletsQuerySchema = z.pipe(z.transform(withoutEmptyValues), findOutletsQueryObject);
export type FindOutletsQuery = z.infer<typeof findOutletsQuerySchema>;

/** Path parameters of `GET /api/outlets/{id}` and the portal's outlet routes. */
export const outletPathSchema = z.object({ id: outletIdSchema });

/** Whether an outlet is open at the moment of the search, in Europe/London. */
export const openStateSchema = z.object({
  status: z.enum(['open', 'closed', 'unknown']),
  /** When open: the local time it closes (`HH:MM`) and the ISO instant. */
  closesAt: z.nullable(z.iso.datetime({ offset: true })),
  /** When closed: the next opening as an ISO instant, if known within a week. */
  opensAt: z.nullable(z.iso.datetime({ offset: true })),
  /** Plain English for the list: "Open until 17:30", "Opens tomorrow at 09:00", "Hours unknown – call ahead". */
  summary: z.string(),
});
export type OpenState = z.infer<typeof openStateSchema>;

/** How the search location was found. Coordinates are rounded to about 100 m. */
export const resolvedLocationSchema = z.object({
  lat: z.number(),
  lng: z.number(),
  /** `place`: the centre of a town or area found by its name. */
  source: z.enum(['coordinates', 'postcode', 'outward_code', 'place']),
  /** The normalised postcode or outward code searched for, or the place's name ("Altrincham", "Newport, Isle of Wight"). */
  label: z.nullable(z.string()),
});
export type ResolvedLocation = z.infer<typeof resolvedLocationSchema>;

/** One of the places a name could mean. */
export const placeChoiceSchema = z.object({
  /** "Newport, Isle of Wight": shown to the person, and sent back as `place` to search there. */
  label: z.string(),
});
export type PlaceChoice = z.infer<typeof placeChoiceSchema>;

/**
 * The answer to a name that more than one place has ("Newport"): 200, no search yet, the places to
 * choose from. A 200 rather than an error because nothing is wrong with the request: it is the
 * question "which one?", which the page asks as a list of links, each a search of its own.
 */
export const placeChoicesResponseSchema = z.object({
  /** The name the places share, as the data spells it. */
  name: z.string(),
  choices: z.array(placeChoiceSchema).check(z.minLength(2)),
});
export type PlaceChoicesResponse = z.infer<typeof placeChoicesResponseSchema>;

/** One outlet in a result list: what a person needs to choose where to go. */
export const outletSummarySchema = z.object({
  id: outletIdSchema,
  name: z.string(),
  outletType: outletTypeSchema,
  supplyBasis: supplyBasisSchema,
  address: addressSchema,
  location: coordinatesSchema,
  phone: z.nullable(z.string()),
  kitTypes: z.array(kitTypeSchema),
  eligibility: eligibilitySchema,
  /** The status as of the search: a temporary closure whose reopening day has come reads as active. */
  status: outletStatusSchema,
  reopensOn: z.nullable(isoDateSchema),
  alert: z.nullable(z.string()),
  stock: z.object({
    status: stockStatusSchema,
    updatedAt: z.nullable(z.iso.datetime({ offset: true })),
    ageDays: z.nullable(z.number().check(z.int())),
  }),
  assuredAt: z.nullable(z.iso.datetime({ offset: true })),
  assuredAgeDays: z.nullable(z.number().check(z.int())),
  /** From the last confirmation: `may_be_out_of_date` says "call ahead"; `out_of_date` listings are left out of searches. */
  freshness: freshnessSchema,
  /** Two or more "they had no kits" reports since the outlet last confirmed: say so, until it confirms again. */
  recentlyReportedOutOfStock: z.boolean(),
  /** An emergency cabinet's state; null for other outlets. */
  cabinetStatus: z.nullable(cabinetStatusSchema),
  openState: openStateSchema,
  demo: z.boolean(),
});
export type OutletSummary = z.infer<typeof outletSummarySchema>;

export const nearbyOutletSchema = z.extend(outletSummarySchema, {
  distanceKm: z.number().check(z.nonnegative()),
});
export type NearbyOutlet = z.infer<typeof nearbyOutletSchema>;

export const findOutletsResponseSchema = z.object({
  location: resolvedLocationSchema,
  /** How far the search looked, in km. Fewer results than asked for means none further within it. */
  searchedRadiusKm: z.number(),
  results: z.array(nearbyOutletSchema),
  /** The nation and local authority of the searched place, as far as they are known (never guessed). */
  area: searchedAreaSchema,
  /**
   * Postal services whose service area holds the searched place, by name: never mixed into
   * `results`, which are places ranked by distance. Empty when none covers it or the area is unknown.
   */
  postalServices: z.array(postalServiceSummarySchema),
});
export type FindOutletsResponse = z.infer<typeof findOutletsResponseSchema>;

/** Everything `GET /api/outlets` answers with 200: results, or places to choose between. */
export const findOutletsAnswerSchema = z.union([findOutletsResponseSchema, placeChoicesResponseSchema]);
export type FindOutletsAnswer = z.infer<typeof findOutletsAnswerSchema>;

/** One day of the usual week in words, e.g. `{ dayName: 'Monday', text: '08:30 to 13:00, 14:00 to 17:30' }`. */
export const weeklyHoursRowSchema = z.object({
  day: weekdaySchema,
  dayName: z.string(),
  /** "08:30 to 13:00, 14:00 to 17:30", "Closed", "Open 24 hours" or "Hours unknown – call ahead". */
  text: z.string(),
  /** `dayName: text`, ready to print. */
  line: z.string(),
});
export type WeeklyHoursRow = z.infer<typeof weeklyHoursRowSchema>;

/** A date in the coming weeks whose hours differ from the usual week: an exception or a bank holiday. */
export const hoursChangeSchema = z.object({
  /** `YYYY-MM-DD`. */
  date: isoDateSchema,
  /** E.g. "Friday 25 December". */
  dateLabel: z.string(),
  reason: z.enum(['exception', 'bank_holiday']),
  /** The bank holiday's title, if the date is one. */
  bankHoliday: z.optional(z.string()),
  /** E.g. "Closed", "10:00 to 14:00", "Hours may differ – call ahead". */
  text: z.string(),
  /** The outlet's own note on an exception. */
  note: z.optional(z.string()),
});
export type HoursChange = z.infer<typeof hoursChangeSchema>;

/** How far ahead the outlet page lists changes to the usual hours, in days. */
export const upcomingHoursChangesDays = 42;

/**
 * The listing's fields the public sees on the outlet page: an allow-list, so a field added to the
 * stored outlet stays private until it is named here.
 */
export const publicListingFields = [
  'id',
  'name',
  'organisation',
  'outletType',
  'supplyBasis',
  'address',
  'location',
  'phone',
  'website',
  'hours',
  'kitTypes',
  'eligibility',
  'languages',
  'accessibility',
  'status',
  'reopensOn',
  'alert',
  'stock',
  'assuredAt',
  'listedAt',
  'cabinetStatus',
  'locationDescription',
  'odsCode',
  'localAuthorityCode',
  'demo',
] as const satisfies readonly (keyof Outlet)[];

/** `GET /outlets/{id}`: the listing's public fields plus whether it is open now. */
export const outletDetailSchema = z.extend(
  z.pick(outletSchema, Object.fromEntries(publicListingFields.map((field) => [field, true])) as Record<(typeof publicListingFields)[number], true>),
  {
    openState: openStateSchema,
    /** The usual week in words, Monday first: days whose hours could not be read say so, never "Closed". */
    weeklyHours: z.array(weeklyHoursRowSchema),
    /** Exceptions and bank holidays in the next `upcomingHoursChangesDays` days, computed with the shipped calendar. */
    upcomingHoursChanges: z.array(hoursChangeSchema),
    stockAgeDays: z.nullable(z.number().check(z.int())),
    assuredAgeDays: z.nullable(z.number().check(z.int())),
    freshness: freshnessSchema,
    recentlyReportedOutOfStock: z.boolean(),
  },
);
export type OutletDetail = z.infer<typeof outletDetailSchema>;
