/**
 * Opening hours from an OpenStreetMap `opening_hours` value, read with the `opening_hours` library
 * (LGPL-3.0) rather than by hand: its grammar is large and the library is the reference reader.
 *
 * The library answers "when is it open between two instants", not "what are the weekly rows", so the
 * value is evaluated over sample weeks that hold no bank holiday and the open minutes of a week are
 * turned back into rows. If the sample weeks disagree (rules by month, date, year, or school
 * holidays), or the hours follow the sun, or the value has rules the sample weeks could miss (the nth
 * weekday of a month, days moved from a holiday, week numbers), the value is reported and not
 * imported: a weekly table cannot hold it, and a table that is right most weeks would be a guess.
 *
 * Bank holidays are compared on sample England and Wales bank holidays: closed on all of them →
 * `closed`; the usual hours of that weekday on all of them → `as_usual`; anything else → `unknown`,
 * reported. A value that does not mention `PH` gives `unknown` by default: mappers rarely add it, so
 * its absence says little.
 *
 * The library works in the process's local time zone. Only wall-clock fields (local date, hours,
 * minutes) are read back from it, so the result is the same in any zone, Lambda's UTC included.
 */
import OsmOpeningHours from 'opening_hours';
import type { OpeningHours, Weekday, WeeklyScheduleRow } from '../contract/outlet.js';
import { weekdays } from '../contract/outlet.js';
import { formatMinuteOfDay } from './london-time.js';

/** A reason the value, or part of it, was not imported. */
export interface OsmHoursProblem {
  value: string;
  message: string;
}

/** The imported hours (weekly rows empty, so "hours unknown", when the value could not be used). */
export interface OsmHoursImport {
  hours: OpeningHours;
  problems: OsmHoursProblem[];
}

/** Options for {@link importOsmHours}. */
export interface OsmHoursImportOptions {
  /** What bank holidays are when the value has no `PH` rule; default `unknown`. */
  bankHolidaysWhenNotMentioned?: 'unknown' | 'as_usual';
}

const WEEK_MINUTES = 7 * 1440;
const DAY_MS = 86_400_000;
/** Mondays of weeks with no England and Wales bank holiday, spread over seasons and two years. */
const sampleWeeks: readonly [number, number, number][] = [
  [2026, 2, 2], [2026, 2, 9], [2026, 6, 15], [2026, 9, 14], [2026, 11, 16], [2027, 1, 18], [2027, 7, 12],
];
/** England and Wales bank holidays on Mondays and Fridays (their usual weekdays) and a Christmas Day. */
const sampleBankHolidays: readonly [number, number, number][] = [
  [2026, 4, 3], [2026, 4, 6], [2026, 5, 4], [2026, 5, 25], [2026, 8, 31], [2026, 12, 25],
];
const englandLocation = { lat: 53.48, lon: -2.24, address: { country_code: 'gb', state: 'England' } };
const sunEvents = /\b(sunrise|sunset|dawn|dusk)\b/i;
/**
 * Rules sample weeks cannot be trusted to see: the nth weekday of a month (`Sa[-1]`, `We[4]`,
 * `Su[1]`), days moved from a holiday (`PH +1 day`) and week numbers (`week 1-53/2`). Each can hide in
 * every sample week and leave weekly rows that are wrong on the days it covers, so the value is
 * reported, not imported.
 */
const unrepresentable: readonly { pattern: RegExp; message: string }[] = [
  { pattern: /\b(Mo|Tu|We|Th|Fr|Sa|Su)\s*\[/, message: 'The hours depend on the week of the month (like Sa[-1], We[4] or Su[1]), which weekly hours cannot hold' },
  { pattern: /[+-]\s*\d+\s*days?\b/i, message: 'The hours move by days around a holiday (like PH +1 day), which weekly hours cannot hold: add those days as dated exceptions' },
  { pattern: /\bweek\s*\d/i, message: 'The hours change by week number, which weekly hours cannot hold' },
];
/** Words that tie a rule to dates (months, week numbers, Easter, years). */
const datedRules = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|week|easter)\b|\b(19|20)\d\d\b/i;

/** Reads an OSM `opening_hours` value into weekly rows and a bank-holiday rule. */
export function importOsmHours(value: string, options: OsmHoursImportOptions = {}): OsmHoursImport {
  const text = value.trim();
  const unknownHours: OpeningHours = { weekly: [], exceptions: [], bankHolidays: 'unknown' };
  const fail = (message: string): OsmHoursImport => ({ hours: unknownHours, problems: [{ value, message }] });
  if (text === '') return fail('No opening hours given');
  if (sunEvents.test(text)) return fail('The hours follow sunrise or sunset, which weekly hours cannot hold');
  // The library has no school holiday dates for England and would write to stderr before failing.
  if (/\bSH\b/.test(text)) return fail('The hours depend on school holidays, which weekly hours cannot hold');
  const unheld = unrepresentable.find(({ pattern }) => pattern.test(text));
  if (unheld !== undefined) return fail(unheld.message);

  let parsed: OsmOpeningHours;
  try {
    parsed = new OsmOpeningHours(text, englandLocation, {
      mode: 0,
      tag_key: 'opening_hours',
      map_value: false,
      warnings_severity: 4,
      locale: 'en',
    });
  } catch (error) {
    const reason = String(error instanceof Error ? error.message : error).split('\n')[0]?.trim() ?? '';
    return fail(`Could not read the opening hours: ${reason}`);
  }

  const weeks = sampleWeeks.map(([year, month, day]) => openMinutesOfWeek(parsed, new Date(year, month - 1, day)));
  const reference = weeks[0] as WeekMinutes;
  if (weeks.some((week) => week.key !== reference.key)) {
    return fail('The hours change from week to week or by season, which weekly hours cannot hold');
  }

  const problems: OsmHoursProblem[] = [];
  // A rule for one date (`Dec 25 off`) passes the sample weeks unseen; the weekly rows are still right
  // for every other week, so they are kept and the dated rule is reported for a person to enter.
  if (datedRules.test(text)) problems.push({ value, message: 'Rules for particular dates were not imported: add them as dated exceptions' });
  const unknownDays = weekdays.filter((_, index) => reference.unknown.slice(index * 1440, (index + 1) * 1440).some(Boolean));
  if (unknownDays.length > 0) problems.push({ value, message: `Hours marked unknown on ${unknownDays.map(dayName).join(', ')}` });
  for (const comment of reference.comments) problems.push({ value, message: `A comment was not imported: "${comment}"` });

  const weekly = rowsFromOpenMinutes(reference.open).filter((row) => !unknownDays.includes(row.byDay));
  if (weekly.length === 0 && unknownDays.length === 0) problems.push({ value, message: neverOpenInAWeek(parsed) });
  const crowded = weekdays.filter((day) => weekly.filter((row) => row.byDay === day).length > 6);
  if (crowded.length > 0) return fail(`More than 6 sessions on ${crowded.join(', ')}`);

  const bankHolidays = bankHolidayRule(parsed, reference, /\bPH\b/.test(text), options);
  if (bankHolidays === 'differs') {
    problems.push({ value, message: 'Bank holiday hours differ from the usual hours: add them as dated exceptions' });
  }
  const hours: OpeningHours = { weekly, exceptions: [], bankHolidays: bankHolidays === 'differs' ? 'unknown' : bankHolidays };
  return { hours: unknownDays.length === 0 ? hours : { ...hours, unknownDays }, problems };
}

/**
 * Why a value with no weekly rows gave none: "never open" only when it is closed on every day of a
 * whole year, holidays included; a value open only on some dates or holidays is not that.
 */
function neverOpenInAWeek(parsed: OsmOpeningHours): string {
  const opensInAYear = parsed.getOpenIntervals(new Date(2026, 0, 1), new Date(2027, 0, 1)).length > 0;
  return opensInAYear
    ? 'The value is open only on particular dates or holidays, not in a usual week: add those as dated exceptions'
    : 'The value is never open';
}

function dayName(day: Weekday): string {
  return day.charAt(0).toUpperCase() + day.slice(1);
}

interface WeekMinutes {
  open: boolean[];
  unknown: boolean[];
  comments: Set<string>;
  key: string;
}

/** Open and unknown minutes of the week starting at local midnight `monday`, by local wall clock. */
function openMinutesOfWeek(parsed: OsmOpeningHours, monday: Date): WeekMinutes {
  const open = new Array<boolean>(WEEK_MINUTES).fill(false);
  const unknown = new Array<boolean>(WEEK_MINUTES).fill(false);
  const comments = new Set<string>();
  const next = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 7);
  for (const [from, to, isUnknown, comment] of parsed.getOpenIntervals(monday, next)) {
    const marks = isUnknown ? unknown : open;
    for (let minute = wallMinutesSince(monday, from); minute < wallMinutesSince(monday, to); minute += 1) marks[minute] = true;
    if (comment !== undefined && comment.trim() !== '') comments.add(comment.trim());
  }
  const key = `${open.map(Number).join('')}|${unknown.map(Number).join('')}|${[...comments].join('|')}`;
  return { open, unknown, comments, key };
}

function wallMinutesSince(start: Date, instant: Date): number {
  const localDay = (date: Date) => Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / DAY_MS;
  return (localDay(instant) - localDay(start)) * 1440 + instant.getHours() * 60 + instant.getMinutes();
}

/**
 * Weekly rows from the open minutes of a week (Monday 00:00 first), read as a cycle so that Sunday
 * night runs on into Monday morning. An opening shorter than a day is one row, past midnight if need
 * be (`Fr 22:00-02:00` stays one row); a longer one is split at each midnight.
 */
export function rowsFromOpenMinutes(open: readonly boolean[]): WeeklyScheduleRow[] {
  const closedMinute = open.indexOf(false);
  if (closedMinute === -1) return weekdays.map((byDay) => ({ byDay, opensAt: '00:00', closesAt: '24:00' }));
  const rows: WeeklyScheduleRow[] = [];
  let runStart: number | undefined;
  for (let step = 1; step <= WEEK_MINUTES; step += 1) {
    const minute = closedMinute + step;
    const isOpen = open[minute % WEEK_MINUTES] === true;
    if (isOpen && runStart === undefined) runStart = minute;
    if (!isOpen && runStart !== undefined) {
      rows.push(...rowsForRun(runStart, minute));
      runStart = undefined;
    }
  }
  const order = (row: WeeklyScheduleRow) => weekdays.indexOf(row.byDay) * 1440 + Number(row.opensAt.replace(':', ''));
  return rows.sort((a, b) => order(a) - order(b));
}

function rowsForRun(start: number, end: number): WeeklyScheduleRow[] {
  const dayOf = (minute: number) => weekdays[Math.floor(minute / 1440) % 7] as Weekday;
  const startOfDay = start % 1440;
  if (end - start < 1440) {
    const closes = (startOfDay + end - start) % 1440;
    return [{ byDay: dayOf(start), opensAt: formatMinuteOfDay(startOfDay), closesAt: closes === 0 ? '24:00' : formatMinuteOfDay(closes) }];
  }
  const rows: WeeklyScheduleRow[] = [];
  for (let from = start; from < end; from = (Math.floor(from / 1440) + 1) * 1440) {
    const to = Math.min(end, (Math.floor(from / 1440) + 1) * 1440);
    const closes = to % 1440;
    rows.push({ byDay: dayOf(from), opensAt: formatMinuteOfDay(from % 1440), closesAt: closes === 0 ? '24:00' : formatMinuteOfDay(closes) });
  }
  return rows;
}

function bankHolidayRule(
  parsed: OsmOpeningHours,
  reference: WeekMinutes,
  mentionsBankHolidays: boolean,
  options: OsmHoursImportOptions,
): OpeningHours['bankHolidays'] | 'differs' {
  if (!mentionsBankHolidays) return options.bankHolidaysWhenNotMentioned ?? 'unknown';
  let compared = 0;
  let allClosed = true;
  let allAsUsual = true;
  for (const [year, month, day] of sampleBankHolidays) {
    const date = new Date(year, month - 1, day);
    if (!parsed.getPublicHolidayContext(date).isHoliday) continue;
    compared += 1;
    const holiday = openMinutesOfWeek(parsed, date).open.slice(0, 1440);
    const weekdayIndex = (date.getDay() + 6) % 7;
    const usual = reference.open.slice(weekdayIndex * 1440, (weekdayIndex + 1) * 1440);
    if (holiday.some(Boolean)) allClosed = false;
    if (holiday.some((isOpen, minute) => isOpen !== usual[minute])) allAsUsual = false;
  }
  // The library's holiday list is its own: if it knows none of the sample dates, nothing was compared.
  if (compared === 0) return 'differs';
  if (allClosed) return 'closed';
  return allAsUsual ? 'as_usual' : 'differs';
}
