/**
 * Wall-clock arithmetic in Europe/London, on plain `Date` instants and `YYYY-MM-DD` dates.
 *
 * Opening hours are written in local wall-clock time, but "open now" is a question about an instant.
 * The conversion goes through the runtime's time-zone database (Intl, full ICU in Node 20) rather than
 * hard-coded daylight-saving rules, so a change to UK law would need only a Node update.
 *
 * Two awkward hours a year:
 * - last Sunday of March, 01:00 UTC: clocks go forward, local 01:00–01:59 does not exist;
 * - last Sunday of October, 01:00 UTC: clocks go back, local 01:00–01:59 happens twice.
 * {@link londonInstant} resolves both to "the first instant the wall clock shows that time or later",
 * which is how a person reading the clock on the wall would open or close a door.
 */
import type { Weekday } from '../contract/outlet.js';
import { weekdays } from '../contract/outlet.js';

/** The London wall clock at one instant. */
export interface LondonWallClock {
  /** Local calendar date, `YYYY-MM-DD`. */
  date: string;
  /** Minutes since local midnight, 0 to 1439. */
  minuteOfDay: number;
  weekday: Weekday;
  /** Offset from UTC in minutes: 0 in winter (GMT), 60 in summer (BST). */
  offsetMinutes: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const londonFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The London wall clock at `instant` (seconds are dropped). */
export function londonWallClock(instant: Date): LondonWallClock {
  const utcMinute = Math.floor(instant.getTime() / MINUTE_MS) * MINUTE_MS;
  const offsetMinutes = offsetAt(utcMinute);
  const wall = new Date(utcMinute + offsetMinutes * MINUTE_MS);
  const date = wall.toISOString().slice(0, 10);
  return { date, minuteOfDay: wall.getUTCHours() * 60 + wall.getUTCMinutes(), weekday: weekdayOf(date), offsetMinutes };
}

// Asking Intl is the slow part (about a microsecond a call, and "open now" for a page of results needs
// thousands), so offsets are remembered by UTC hour: London has always changed its clocks on the hour.
const offsetByUtcHour = new Map<number, number>();
const HOUR_MS = 3_600_000;

function offsetAt(utcMs: number): number {
  const hour = Math.floor(utcMs / HOUR_MS);
  const known = offsetByUtcHour.get(hour);
  if (known !== undefined) return known;
  const part: Record<string, number> = {};
  for (const { type, value } of londonFormat.formatToParts(hour * HOUR_MS)) {
    if (type !== 'literal') part[type] = Number(value);
  }
  const wallAsUtc = Date.UTC(part.year ?? 0, (part.month ?? 1) - 1, part.day ?? 1, part.hour ?? 0, part.minute ?? 0);
  const offset = (wallAsUtc - hour * HOUR_MS) / MINUTE_MS;
  if (offsetByUtcHour.size >= 100_000) offsetByUtcHour.clear();
  offsetByUtcHour.set(hour, offset);
  return offset;
}

/**
 * The first instant at which the London wall clock shows `minuteOfDay` on `date`, or later.
 *
 * A time that happens twice (clocks going back) gives its first occurrence; a time that does not exist
 * (clocks going forward) gives the moment the clocks jump, 02:00 BST. `minuteOfDay` may be 1440
 * (24:00, midnight at the end of the day) or more: it then runs into the following days.
 */
export function londonInstant(date: string, minuteOfDay: number): Date {
  const wallAsUtc = dateToUtcMs(date) + minuteOfDay * MINUTE_MS;
  // London changes offset at most once in any two days, so the offsets a day either side are the
  // only ones the answer can have.
  const before = londonWallClock(new Date(wallAsUtc - DAY_MS)).offsetMinutes;
  const after = londonWallClock(new Date(wallAsUtc + DAY_MS)).offsetMinutes;
  const candidates = [wallAsUtc - before * MINUTE_MS, wallAsUtc - after * MINUTE_MS].sort((a, b) => a - b);
  for (const candidate of candidates) {
    if (londonWallClock(new Date(candidate)).offsetMinutes * MINUTE_MS === wallAsUtc - candidate) {
      return new Date(candidate);
    }
  }
  // The time falls in the spring gap: find the jump, to the minute, between the two candidates.
  let [low, high] = candidates as [number, number];
  while (high - low > MINUTE_MS) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
    if (londonWallClock(new Date(middle)).offsetMinutes === after) high = middle;
    else low = middle;
  }
  return new Date(high);
}

/** `instant` as ISO 8601 with the London offset, e.g. `2026-07-01T17:30:00+01:00`. */
export function toLondonIsoString(instant: Date): string {
  const clock = londonWallClock(instant);
  const sign = clock.offsetMinutes < 0 ? '-' : '+';
  const offset = Math.abs(clock.offsetMinutes);
  return `${clock.date}T${formatMinuteOfDay(clock.minuteOfDay)}:00${sign}${pad2(Math.floor(offset / 60))}:${pad2(offset % 60)}`;
}

/** The weekday of a calendar date (no time zone involved). */
export function weekdayOf(date: string): Weekday {
  // getUTCDay counts from Sunday; `weekdays` starts on Monday.
  return weekdays[(new Date(dateToUtcMs(date)).getUTCDay() + 6) % 7] as Weekday;
}

/** The calendar date `days` after `date` (negative for before). */
export function addDays(date: string, days: number): string {
  return new Date(dateToUtcMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((dateToUtcMs(to) - dateToUtcMs(from)) / DAY_MS);
}

/** Minutes since midnight of an `HH:MM` clock time; `24:00` is 1440. */
export function minutesOfClockTime(clockTime: string): number {
  const [hours, minutes] = clockTime.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** `HH:MM` for minutes since midnight (0 to 1440). */
export function formatMinuteOfDay(minuteOfDay: number): string {
  return `${pad2(Math.floor(minuteOfDay / 60))}:${pad2(minuteOfDay % 60)}`;
}

function dateToUtcMs(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
