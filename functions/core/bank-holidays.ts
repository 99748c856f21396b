/**
 * England and Wales bank holidays, from the calendar shipped in `data/` (GOV.UK, Open Government
 * Licence v3.0). Shipped rather than fetched so that "open now" needs no network and gives the same
 * answer locally, in tests and in Lambda.
 */
import * as z from 'zod';
import calendarFile from '../../data/bank-holidays-england-and-wales.json' with { type: 'json' };
import { isoDateSchema } from '../contract/outlet.js';

/** Bank holidays by date (`YYYY-MM-DD`) with their titles, e.g. `2026-12-28` → "Boxing Day (substitute day)". */
export type BankHolidayCalendar = ReadonlyMap<string, string>;

const calendarFileSchema = z.object({
  division: z.literal('england-and-wales'),
  events: z
    .array(z.object({ title: z.string().min(1), date: isoDateSchema, notes: z.string() }))
    .min(1),
});

// Checked at cold start: a hand-edited calendar with a typo should fail loudly, not quietly.
const events = calendarFileSchema.parse(calendarFile).events;

/** The shipped calendar of England and Wales bank holidays. */
export const englandAndWalesBankHolidays: BankHolidayCalendar = new Map(
  events.map((event) => [event.date, event.notes === '' ? event.title : `${event.title} (${event.notes.toLowerCase()})`]),
);

/**
 * The last year the shipped calendar covers. Dates after it are never treated as bank holidays, so
 * the calendar must be refreshed before then (see `data/bank-holidays.SOURCE.md`).
 */
export const bankHolidayCalendarCoversUntil: number = Math.max(...events.map((event) => Number(event.date.slice(0, 4))));

/** The title of the bank holiday on `date` (`YYYY-MM-DD`), or undefined if it is not one. */
export function bankHolidayOn(date: string, calendar: BankHolidayCalendar = englandAndWalesBankHolidays): string | undefined {
  return calendar.get(date);
}
