/**
 * GOV.UK's bank holiday feed (https://www.gov.uk/bank-holidays.json) turned into the three calendar
 * files shipped in `data/`: pure, so `npm run refresh:bank-holidays` only downloads and writes, and
 * the reading is tested against a saved copy of the feed without a network.
 */
import * as z from 'zod';
import {
  bankHolidayDivisions,
  bankHolidayEventSchema,
  bankHolidayFileSchema,
  type BankHolidayDivision,
  type BankHolidayFile,
} from './bank-holidays.js';

/** Where the feed lives. */
export const govUkBankHolidaysUrl = 'https://www.gov.uk/bank-holidays.json';

const divisionSchema = <D extends BankHolidayDivision>(division: D) =>
  z.object({
    division: z.literal(division),
    // GOV.UK adds `bunting` to each event; only title, date and notes are kept.
    events: z
      .array(bankHolidayEventSchema)
      .min(1)
      .refine((events) => new Set(events.map((event) => event.date)).size === events.length, 'A date is listed twice'),
  });

/** The feed as GOV.UK publishes it: one object per division, keyed by the division's name. */
export const govUkBankHolidayFeedSchema = z.object({
  'england-and-wales': divisionSchema('england-and-wales'),
  scotland: divisionSchema('scotland'),
  'northern-ireland': divisionSchema('northern-ireland'),
});

/** The file name of a division's calendar in `data/`. */
export const bankHolidayFileName = (division: BankHolidayDivision): string => `bank-holidays-${division}.json`;

/**
 * The three calendar files from the feed, events in date order. Throws a `ZodError` naming the
 * field when the feed is not what GOV.UK publishes, so a changed or truncated feed never replaces
 * a good calendar.
 */
export function calendarFilesFromFeed(feed: unknown): BankHolidayFile[] {
  const parsed = govUkBankHolidayFeedSchema.parse(feed);
  return bankHolidayDivisions.map((division) =>
    bankHolidayFileSchema.parse({
      division,
      source: govUkBankHolidaysUrl,
      licence: 'Open Government Licence v3.0',
      events: parsed[division].events
        .map(({ title, date, notes }) => ({ title, date, notes }))
        .sort((a, b) => a.date.localeCompare(b.date)),
    }),
  );
}

/** A calendar file's text as shipped: two-space JSON ending in a newline. */
export const calendarFileText = (file: BankHolidayFile): string => `${JSON.stringify(file, null, 2)}\n`;

/** The last year a calendar file lists a holiday in. */
export const lastYearOf = (file: BankHolidayFile): number => Math.max(...file.events.map((event) => Number(event.date.slice(0, 4))));
