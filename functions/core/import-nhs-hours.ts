/**
 * Opening hours from NHS-style day strings, one per weekday, as in the NHS pharmacy lists
 * (`opening_hours_monday` … `opening_hours_sunday`): `08:30-13:00,14:00-17:30`, `CLOSED`.
 *
 * What is accepted, and how it is read:
 * - `CLOSED` (any case): closed that day;
 * - one to six sessions `HH:MM-HH:MM` separated by commas (spaces around them are ignored, hours may
 *   have one digit);
 * - a session closing at `00:00` or `24:00` closes at midnight at the end of the day;
 * - a session closing at `23:59` also closes at midnight: NHS systems cannot write 24:00, so 23:59 is
 *   their way of saying "until midnight" (`08:00-23:59` every day is a late-night pharmacy, and
 *   `00:00-23:59` is open 24 hours). Reading it literally would show a closed minute every night.
 *
 * Anything else is reported, never guessed: a session that closes before it opens (a typo is as
 * likely as a night session in these lists), sessions that overlap, unreadable text, or no value.
 * Such a day is left out of the weekly rows and listed in `unknownDays`, so the outlet shows "hours
 * unknown – call ahead" that day rather than "closed". A lunch closure written in words
 * (`09:00-17:30 closed for lunch 13:00-14:00`) is such a day, reported as a lunch closure to enter as
 * two sessions, and so is one mentioned only in a free-text note beside the hours.
 *
 * A week with every day `CLOSED` is reported and read as "hours unknown": a pharmacy that is never
 * open would not be on the list, so it says more about the data than the pharmacy.
 *
 * Bank holiday alterations (the NHS lists' "additional opening dates": a date and a day string) become
 * dated exceptions, which outrank the weekly rows and the bank holiday rule on that date.
 */
import type { OpeningHours, Session, Weekday, WeeklyScheduleRow } from '../contract/outlet.js';
import { isoDateSchema, weekdays } from '../contract/outlet.js';
import { formatMinuteOfDay } from './london-time.js';

/** The day strings of one outlet, by weekday; a missing or empty day is reported. */
export type NhsDayStrings = Partial<Record<Weekday, string | null | undefined>>;

/** Something that could not be imported: a day string, the week as a whole, the note, or an alteration. */
export interface NhsHoursProblem {
  part: 'day' | 'week' | 'note' | 'alteration';
  /** The day whose string could not be read; null for the other parts. */
  day: Weekday | null;
  /** The date of an alteration that could not be read. */
  date?: string;
  /** The value as given ('' when missing). */
  value: string;
  message: string;
}

/** The imported hours and every day that could not be read. */
export interface NhsHoursImport {
  hours: OpeningHours;
  problems: NhsHoursProblem[];
}

/** A dated change to the usual hours, NHS style: `{ date: '2026-12-28', value: '10:00-16:00' }`. */
export interface NhsAlteration {
  date: string;
  value: string;
}

/** Options for {@link importNhsHours}. */
export interface NhsHoursImportOptions {
  /** Bank holiday (or other dated) alterations, taken as dated exceptions. */
  alterations?: readonly NhsAlteration[];
  /** Free text published beside the hours, checked for a lunch closure the day strings do not show. */
  note?: string | null;
}

const maxSessionsPerDay = 6;
/** Words that say the outlet shuts for lunch. */
const lunchWords = /\blunch/i;

/** Whether free text about the hours mentions a lunch closure, which weekly rows show only as two sessions. */
export const mentionsLunch = (text: string): boolean => lunchWords.test(text);
const sessionPattern = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/;

/**
 * Reads the seven NHS day strings into weekly rows, and any alterations into dated exceptions. Bank
 * holidays are `unknown`: the lists do not say.
 */
export function importNhsHours(days: NhsDayStrings, options: NhsHoursImportOptions = {}): NhsHoursImport {
  const weekly: WeeklyScheduleRow[] = [];
  const unknownDays: Weekday[] = [];
  const problems: NhsHoursProblem[] = [];
  for (const day of weekdays) {
    const value = days[day] ?? '';
    const read = readNhsDay(value);
    if ('problem' in read) {
      problems.push({ part: 'day', day, value, message: read.problem });
      unknownDays.push(day);
    } else {
      weekly.push(...read.sessions.map((session) => ({ byDay: day, ...session })));
    }
  }
  const allClosed = weekdays.every((day) => (days[day] ?? '').trim().toUpperCase() === 'CLOSED');
  if (allClosed) problems.push({ part: 'week', day: null, value: 'CLOSED', message: 'Every day is CLOSED: the hours were not imported, so the listing says "hours unknown – call ahead"' });
  const note = options.note?.trim() ?? '';
  if (lunchWords.test(note)) {
    problems.push({ part: 'note', day: null, value: note, message: 'The note mentions a lunch closure the hours do not show: check them, and give each day as sessions like 09:00-13:00,14:00-17:30' });
  }
  const exceptions = readAlterations(options.alterations ?? [], problems);
  const hours: OpeningHours = { weekly: allClosed ? [] : weekly, exceptions, bankHolidays: 'unknown' };
  return { hours: unknownDays.length === 0 ? hours : { ...hours, unknownDays }, problems };
}

function readAlterations(alterations: readonly NhsAlteration[], problems: NhsHoursProblem[]): OpeningHours['exceptions'] {
  const exceptions: OpeningHours['exceptions'] = [];
  for (const { date, value } of alterations) {
    const problem = (message: string) => problems.push({ part: 'alteration', day: null, date, value, message });
    if (!isoDateSchema.safeParse(date).success) problem(`"${date}" is not a date like 2026-12-28`);
    else if (exceptions.some((exception) => exception.date === date)) problem(`${date} is given more than once`);
    else {
      const read = readNhsDay(value);
      if ('problem' in read) problem(read.problem);
      else exceptions.push({ date, closed: read.sessions.length === 0, sessions: read.sessions });
    }
  }
  return exceptions.sort((a, b) => a.date.localeCompare(b.date));
}

/** One day string: its sessions in time order, or why it cannot be read. */
export function readNhsDay(value: string): { sessions: Session[] } | { problem: string } {
  const text = value.trim();
  if (text === '') return { problem: 'No hours given' };
  if (lunchWords.test(text)) return { problem: `"${text}" gives a lunch closure in words: give the day as two sessions, like 09:00-13:00,14:00-17:30` };
  if (text.toUpperCase() === 'CLOSED') return { sessions: [] };
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length > maxSessionsPerDay) return { problem: `More than ${maxSessionsPerDay} sessions in one day` };
  const spans: { start: number; end: number }[] = [];
  for (const part of parts) {
    const match = sessionPattern.exec(part);
    if (match === null) {
      return { problem: `"${part}" is not a session like 08:30-13:00 (sessions are separated by commas)` };
    }
    const [opensHour, opensMinute, closesHour, closesMinute] = match.slice(1).map(Number) as [number, number, number, number];
    if (opensHour > 23 || opensMinute > 59 || closesHour > 24 || closesMinute > 59 || (closesHour === 24 && closesMinute > 0)) {
      return { problem: `"${part}" has a time that does not exist` };
    }
    const start = opensHour * 60 + opensMinute;
    let end = closesHour * 60 + closesMinute;
    if (end === 0 || end === 23 * 60 + 59) end = 24 * 60;
    if (end === start) return { problem: `"${part}" opens and closes at the same time` };
    if (end < start) return { problem: `"${part}" closes before it opens` };
    spans.push({ start, end });
  }
  spans.sort((a, b) => a.start - b.start);
  for (let index = 1; index < spans.length; index += 1) {
    if ((spans[index]?.start ?? 0) < (spans[index - 1]?.end ?? 0)) return { problem: 'Sessions overlap' };
  }
  return { sessions: spans.map(({ start, end }) => ({ opensAt: formatMinuteOfDay(start), closesAt: formatMinuteOfDay(end) })) };
}
