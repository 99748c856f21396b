/**
 * Short ways to write opening hours in tests: `weekOf({ monday: ['08:30-13:00', '14:00-17:30'] })`.
 */
import type { OpeningHours, ScheduleException, Weekday } from '../../../functions/contract/outlet.js';
import { openingHoursSchema, weekdays } from '../../../functions/contract/outlet.js';

type Sessions = string[];

function sessionsOf(sessions: Sessions) {
  return sessions.map((text) => {
    const [opensAt = '', closesAt = ''] = text.split('-');
    return { opensAt, closesAt };
  });
}

/** Weekly rows from `day: ['HH:MM-HH:MM', …]`, checked against the contract. */
export function weekOf(days: Partial<Record<Weekday, Sessions>>, rest: Partial<OpeningHours> = {}): OpeningHours {
  const weekly = weekdays.flatMap((byDay) => sessionsOf(days[byDay] ?? []).map((session) => ({ byDay, ...session })));
  return openingHoursSchema.parse({ weekly, exceptions: [], bankHolidays: 'unknown', ...rest });
}

/** The same sessions Monday to Friday. */
export function weekdaysOnly(sessions: Sessions, rest: Partial<OpeningHours> = {}): OpeningHours {
  return weekOf({ monday: sessions, tuesday: sessions, wednesday: sessions, thursday: sessions, friday: sessions }, rest);
}

/** The same sessions every day. */
export function everyDay(sessions: Sessions, rest: Partial<OpeningHours> = {}): OpeningHours {
  return weekOf(Object.fromEntries(weekdays.map((day) => [day, sessions])), rest);
}

/** A dated exception: `closedOn('2026-12-24')`, `openOn('2026-12-24', ['10:00-14:00'])`. */
export const closedOn = (date: string, note?: string): ScheduleException => ({
  date,
  closed: true,
  sessions: [],
  ...(note === undefined ? {} : { note }),
});
export const openOn = (date: string, sessions: Sessions): ScheduleException => ({ date, closed: false, sessions: sessionsOf(sessions) });
