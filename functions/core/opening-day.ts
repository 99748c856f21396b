/**
 * Which hours apply on one calendar date: the single place that decides between dated exceptions,
 * bank holidays, days of unknown hours and the usual weekly rows, so that "open now" and the hours
 * printed on the outlet page can never disagree.
 */
import type { OpeningHours, Session } from '../contract/outlet.js';
import { bankHolidayOn, englandAndWalesBankHolidays, type BankHolidayCalendar } from './bank-holidays.js';
import { minutesOfClockTime, weekdayOf } from './london-time.js';

/** The hours that apply on one date, and why. */
export type DayPlan =
  | { kind: 'sessions'; sessions: readonly Session[]; because: 'weekly' | 'exception'; bankHoliday?: string; note?: string }
  | { kind: 'closed'; because: 'weekly' | 'exception' | 'bank_holiday'; bankHoliday?: string; note?: string }
  | {
      kind: 'unknown';
      because: 'no_schedule' | 'day_unknown' | 'exception' | 'bank_holiday';
      bankHoliday?: string;
      note?: string;
    };

/** Options shared by the opening-hours functions. */
export interface OpeningHoursOptions {
  /** Bank holidays to apply; defaults to the shipped England and Wales calendar. */
  bankHolidays?: BankHolidayCalendar;
}

/**
 * Whether the outlet gave no weekly hours at all, so every day is "hours unknown – call ahead".
 * Some days being unreadable (`unknownDays`) is not that: the days that were read, open or closed,
 * are still known.
 */
export function hasNoWeeklySchedule(hours: OpeningHours): boolean {
  return hours.weekly.length === 0 && (hours.unknownDays?.length ?? 0) === 0;
}

/**
 * The hours that apply on `date` (`YYYY-MM-DD`, a London calendar date), in this order:
 * 1. a dated exception for the date (the first, if several): `closed: true` closes the day whatever
 *    its sessions; `closed: false` with no sessions says nothing usable, so the day is unknown;
 * 2. a bank holiday: `closed` closes the day, `unknown` makes it unknown, `as_usual` falls through;
 * 3. the weekday is listed in `unknownDays`: unknown;
 * 4. no weekly rows at all: unknown ("call ahead"), never closed;
 * 5. the weekly rows for that weekday, or closed if there are none.
 *
 * A plan covers the sessions that *start* on the date: a session that started the day before and runs
 * past midnight belongs to the day before, even if this date is closed.
 */
export function dayPlanOn(hours: OpeningHours, date: string, options: OpeningHoursOptions = {}): DayPlan {
  const bankHoliday = bankHolidayOn(date, options.bankHolidays ?? englandAndWalesBankHolidays);
  const extra = bankHoliday === undefined ? {} : { bankHoliday };
  const exception = hours.exceptions.find((candidate) => candidate.date === date);
  if (exception !== undefined) {
    const withNote = exception.note === undefined ? extra : { ...extra, note: exception.note };
    if (exception.closed) return { kind: 'closed', because: 'exception', ...withNote };
    if (exception.sessions.length === 0) return { kind: 'unknown', because: 'exception', ...withNote };
    return { kind: 'sessions', sessions: sortSessions(exception.sessions), because: 'exception', ...withNote };
  }
  if (bankHoliday !== undefined && hours.bankHolidays === 'closed') return { kind: 'closed', because: 'bank_holiday', bankHoliday };
  if (bankHoliday !== undefined && hours.bankHolidays === 'unknown') return { kind: 'unknown', because: 'bank_holiday', bankHoliday };
  const weekday = weekdayOf(date);
  if (hours.unknownDays?.includes(weekday)) return { kind: 'unknown', because: 'day_unknown', ...extra };
  if (hasNoWeeklySchedule(hours)) return { kind: 'unknown', because: 'no_schedule', ...extra };
  const sessions = hours.weekly.filter((row) => row.byDay === weekday).map(({ opensAt, closesAt }) => ({ opensAt, closesAt }));
  if (sessions.length === 0) return { kind: 'closed', because: 'weekly', ...extra };
  return { kind: 'sessions', sessions: sortSessions(sessions), because: 'weekly', ...extra };
}

/**
 * A session as minutes from the midnight that starts its day: `end` is after `start`, and past 1440
 * when the session runs over midnight. `closesAt <= opensAt` closes the next day (equal means 24 hours);
 * `24:00` is the midnight that ends the day.
 */
export function sessionMinutes(session: Session): { start: number; end: number } {
  const start = minutesOfClockTime(session.opensAt);
  const closes = minutesOfClockTime(session.closesAt);
  return { start, end: closes > start ? closes : closes + 1440 };
}

function sortSessions(sessions: readonly Session[]): Session[] {
  return [...sessions].sort((a, b) => minutesOfClockTime(a.opensAt) - minutesOfClockTime(b.opensAt));
}
