/**
 * UK bank holidays by GOV.UK division (England and Wales, Scotland, Northern Ireland), from the
 * calendars shipped in `data/` (GOV.UK, Open Government Licence v3.0). Shipped rather than fetched so
 * that "open now" needs no network and gives the same answer locally, in tests and in Lambda;
 * `npm run refresh:bank-holidays` rewrites them from GOV.UK's feed (`data/bank-holidays.SOURCE.md`).
 */
import * as z from 'zod';
import englandAndWalesFile from '../../data/bank-holidays-england-and-wales.json' with { type: 'json' };
import northernIrelandFile from '../../data/bank-holidays-northern-ireland.json' with { type: 'json' };
import scotlandFile from '../../data/bank-holidays-scotland.json' with { type: 'json' };
import { isoDateSchema } from '../contract/outlet.js';

/** GOV.UK's bank-holiday divisions, named as its feed names them. */
export const bankHolidayDivisions = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type BankHolidayDivision = (typeof bankHolidayDivisions)[number];

/** Bank holidays by date (`YYYY-MM-DD`) with their titles, e.g. `2026-12-28` → "Boxing Day (substitute day)". */
export type BankHolidayCalendar = ReadonlyMap<string, string>;

/** One bank holiday as GOV.UK's feed and the shipped files write it. */
export const bankHolidayEventSchema = z.object({ title: z.string().min(1), date: isoDateSchema, notes: z.string() });
export type BankHolidayEvent = z.infer<typeof bankHolidayEventSchema>;

/** A shipped calendar file: one division's events, with where they came from. */
export const bankHolidayFileSchema = z.object({
  division: z.enum(bankHolidayDivisions),
  source: z.string().min(1),
  licence: z.string().min(1),
  events: z.array(bankHolidayEventSchema).min(1),
});
export type BankHolidayFile = z.infer<typeof bankHolidayFileSchema>;

/**
 * Days kept on their own date as well as on their substitute weekday. When Christmas Day falls on a
 * Saturday the bank holiday moves to Monday, but a pharmacy "closed on bank holidays" is shut on the
 * 25th too: saying it is open on Christmas Day would be confidently wrong.
 */
const ownDateHolidays: readonly { monthDay: string; title: string }[] = [
  { monthDay: '01-01', title: 'New Year’s Day' },
  { monthDay: '12-25', title: 'Christmas Day' },
  { monthDay: '12-26', title: 'Boxing Day' },
];

function calendarOf(file: unknown, division: BankHolidayDivision): { calendar: BankHolidayCalendar; lastYear: number } {
  // Checked at cold start: a hand-edited calendar with a typo should fail loudly, not quietly.
  const parsed = bankHolidayFileSchema.parse(file);
  if (parsed.division !== division) throw new Error(`The ${division} calendar file holds ${parsed.division}`);
  const calendar = new Map(
    parsed.events.map((event) => [event.date, event.notes === '' ? event.title : `${event.title} (${event.notes.toLowerCase()})`]),
  );
  const years = parsed.events.map((event) => Number(event.date.slice(0, 4)));
  const firstYear = Math.min(...years);
  const lastYear = Math.max(...years);
  for (let year = firstYear; year <= lastYear; year += 1) {
    for (const { monthDay, title } of ownDateHolidays) {
      const date = `${year}-${monthDay}`;
      if (!calendar.has(date)) calendar.set(date, title);
    }
  }
  return { calendar, lastYear };
}

const calendars: Record<BankHolidayDivision, { calendar: BankHolidayCalendar; lastYear: number }> = {
  'england-and-wales': calendarOf(englandAndWalesFile, 'england-and-wales'),
  scotland: calendarOf(scotlandFile, 'scotland'),
  'northern-ireland': calendarOf(northernIrelandFile, 'northern-ireland'),
};

/**
 * The shipped calendar of one division: its bank holidays, plus New Year's Day, Christmas Day and
 * Boxing Day on their own dates when those fall at a weekend.
 */
export function bankHolidayCalendarOf(division: BankHolidayDivision): BankHolidayCalendar {
  return calendars[division].calendar;
}

/** The shipped calendar of England and Wales bank holidays (the default where no nation is known). */
export const englandAndWalesBankHolidays: BankHolidayCalendar = bankHolidayCalendarOf('england-and-wales');

/**
 * The last year every shipped calendar covers. Dates after it are never treated as bank holidays, so
 * the calendars must be refreshed before then (see `data/bank-holidays.SOURCE.md`).
 */
export const bankHolidayCalendarCoversUntil: number = Math.min(...bankHolidayDivisions.map((division) => calendars[division].lastYear));

/** The title of the bank holiday on `date` (`YYYY-MM-DD`), or undefined if it is not one. */
export function bankHolidayOn(date: string, calendar: BankHolidayCalendar = englandAndWalesBankHolidays): string | undefined {
  return calendar.get(date);
}
