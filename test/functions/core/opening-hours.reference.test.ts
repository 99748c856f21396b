/**
 * The held-out comparison: an independent reference for "open now" over all of 2027, against the
 * hours engine as the public sees it (`listingOpenStateAt`, which picks the nation's bank holidays),
 * for outlets in England, Scotland and Northern Ireland.
 *
 * The reference shares nothing with the engine: its London clock is the UK daylight-saving rule
 * written out (last Sunday of March and of October, 01:00 UTC), not Intl; its bank holidays are the
 * standing rules of each nation (`support/bank-holiday-rules.ts`), not the shipped calendars; and it
 * decides every minute of the year by reading the wall clock, not by building spans. A session opens
 * at the first minute the wall clock shows its start or later and closes likewise at its end (so the
 * hour the clocks go back does not reopen a door that has closed), which is the running maximum of
 * the wall clock.
 *
 * What is sampled, and why: the engine costs about 0.15 ms a call, so every minute of a year for 15
 * outlets (8 million calls) would take 20 minutes. The reference status is worked out for every
 * minute (cheap), and the engine is asked at (a) an instant every 613 minutes all year (613 shares no
 * factor with 1440, so the samples drift through the times of day, about 860 an outlet), (b) every
 * 5 minutes from 23:00 to 04:00 UTC around both clock changes, and (c) on each holiday of the outlet's
 * nation, the minute before it starts, seven times through the day, and the minute before and the
 * minute of every change of state from the holiday to the end of the day after it. At each
 * instant the status and the closing or next opening time are compared, and the reference works those
 * out from its per-minute table up to 7 days ahead, so each sample checks the whole run to the next
 * change as well.
 */
import { describe, expect, it } from 'vitest';
import type { OpeningHours, Weekday } from '../../../functions/contract/outlet.js';
import { openingHoursSchema, weekdays } from '../../../functions/contract/outlet.js';
import { listingOpenStateAt } from '../../../functions/core/outlet-views.js';
import { buildOutlet } from '../../fixtures/outlets.js';
import { bankHolidaysByRule, type RuleDivision } from './support/bank-holiday-rules.js';

const MINUTE = 60_000;
const DAY = 1440;
const HORIZON = 7 * DAY;
const tableStart = Date.UTC(2026, 11, 24);
const tableEnd = Date.UTC(2028, 0, 10);
const sampleStart = Date.UTC(2027, 0, 1);
const sampleEnd = Date.UTC(2028, 0, 1);
const tableMinutes = (tableEnd - tableStart) / MINUTE;

// ---- The reference London clock: the UK rule, by hand. ----
const lastSundayAt0100Utc = (year: number, month: number) => {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
};
const offsetMinutes = (t: number) => {
  const year = new Date(t).getUTCFullYear();
  return t >= lastSundayAt0100Utc(year, 2) && t < lastSundayAt0100Utc(year, 9) ? 60 : 0;
};
/** Running maximum of the wall clock, in minutes since 1970-01-01 00:00 wall time, at every table minute. */
const wallMax = new Float64Array(tableMinutes);
{
  let max = -Infinity;
  for (let i = 0; i < tableMinutes; i += 1) {
    const t = tableStart + i * MINUTE;
    max = Math.max(max, t / MINUTE + offsetMinutes(t));
    wallMax[i] = max;
  }
}

// ---- The reference plan of a day. ----
type Shape = { name: string; hours: (holidays: string[]) => OpeningHours };
type RefPlan = { kind: 'sessions'; spans: [number, number][] } | { kind: 'closed' } | { kind: 'unknown' };
const dateOfDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
const weekdayOfDay = (day: number): Weekday => weekdays[(new Date(day * 86_400_000).getUTCDay() + 6) % 7] as Weekday;
const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const spanOf = (opensAt: string, closesAt: string): [number, number] => {
  const start = minutesOf(opensAt);
  const end = minutesOf(closesAt);
  return [start, end > start ? end : end + DAY];
};

/** A nation's holidays as the outlet sees them: the rules, plus 1 January, 25 and 26 December on their own dates. */
function holidaysOf(division: RuleDivision): Set<string> {
  const dates = new Set<string>();
  for (const year of [2026, 2027, 2028]) {
    for (const holiday of bankHolidaysByRule(year, division)) dates.add(holiday.date);
    for (const monthDay of ['01-01', '12-25', '12-26']) dates.add(`${year}-${monthDay}`);
  }
  return dates;
}

function referencePlan(hours: OpeningHours, holidays: Set<string>, day: number): RefPlan {
  const date = dateOfDay(day);
  const exception = hours.exceptions.find((candidate) => candidate.date === date);
  if (exception) {
    if (exception.closed) return { kind: 'closed' };
    return exception.sessions.length === 0 ? { kind: 'unknown' } : { kind: 'sessions', spans: exception.sessions.map((s) => spanOf(s.opensAt, s.closesAt)) };
  }
  if (holidays.has(date) && hours.bankHolidays === 'closed') return { kind: 'closed' };
  if (holidays.has(date) && hours.bankHolidays === 'unknown') return { kind: 'unknown' };
  const weekday = weekdayOfDay(day);
  if (hours.unknownDays?.includes(weekday)) return { kind: 'unknown' };
  if (hours.weekly.length === 0 && (hours.unknownDays ?? []).length === 0) return { kind: 'unknown' };
  const rows = hours.weekly.filter((row) => row.byDay === weekday);
  return rows.length === 0 ? { kind: 'closed' } : { kind: 'sessions', spans: rows.map((row) => spanOf(row.opensAt, row.closesAt)) };
}

const CLOSED = 0;
const UNKNOWN = 1;
const OPEN = 2;

/** The reference status at every table minute: open if a session of today or yesterday covers the wall clock, else unknown if an unknown day (and the night after it, as far as the usual sessions run) does. */
function referenceStatus(hours: OpeningHours, holidays: Set<string>): Uint8Array {
  const spill = Math.max(0, ...hours.weekly.map((row) => spanOf(row.opensAt, row.closesAt)[1] - DAY));
  const plans = new Map<number, RefPlan>();
  const planOf = (day: number) => {
    let plan = plans.get(day);
    if (plan === undefined) plans.set(day, (plan = referencePlan(hours, holidays, day)));
    return plan;
  };
  const status = new Uint8Array(tableMinutes);
  for (let i = 0; i < tableMinutes; i += 1) {
    const wall = wallMax[i] as number;
    const today = Math.floor(wall / DAY);
    let value = CLOSED;
    for (let day = today - 1; day <= today; day += 1) {
      const plan = planOf(day);
      const minute = wall - day * DAY;
      if (plan.kind === 'sessions' && plan.spans.some(([start, end]) => minute >= start && minute < end)) value = OPEN;
      if (plan.kind === 'unknown' && value === CLOSED && minute < DAY + spill) value = UNKNOWN;
    }
    status[i] = value;
  }
  return status;
}

/** What the reference says at table minute `i`: status, and the closing or next opening instant. */
function referenceAnswer(status: Uint8Array, i: number) {
  const now = status[i];
  let j = i + 1;
  while (j < status.length && j - i <= HORIZON && status[j] === now) j += 1;
  const at = (minute: number) => tableStart + minute * MINUTE;
  if (now === OPEN) return { status: 'open', closesAt: j - i >= HORIZON ? null : at(j), opensAt: null };
  if (now === UNKNOWN) return { status: 'unknown', closesAt: null, opensAt: null };
  return { status: 'closed', closesAt: null, opensAt: j - i <= HORIZON && status[j] === OPEN ? at(j) : null };
}

// ---- The outlets: five shapes of hours in each nation. ----
const week = (rows: [Weekday[], string[]][]) =>
  rows.flatMap(([days, sessions]) => days.flatMap((byDay) => sessions.map((session) => ({ byDay, opensAt: session.slice(0, 5), closesAt: session.slice(6) }))));
const monToFri: Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
const shapes: Shape[] = [
  { name: 'weekdays only, as usual on bank holidays', hours: () => openingHoursSchema.parse({ weekly: week([[monToFri, ['09:00-17:30']]]), bankHolidays: 'as_usual' }) },
  {
    name: 'closed on bank holidays',
    hours: () => openingHoursSchema.parse({ weekly: week([[monToFri, ['08:30-13:00', '14:00-18:00']], [['saturday'], ['09:00-12:30']]]), bankHolidays: 'closed' }),
  },
  {
    name: 'open on bank holidays with different hours',
    hours: (holidays) =>
      openingHoursSchema.parse({
        weekly: week([[[...monToFri, 'saturday'], ['09:00-18:00']], [['sunday'], ['10:00-16:00']]]),
        exceptions: holidays.map((date) => ({ date, closed: false, sessions: [{ opensAt: '10:00', closesAt: '14:00' }] })),
        bankHolidays: 'closed',
      }),
  },
  {
    name: 'overnight, bank holidays unknown',
    hours: () => openingHoursSchema.parse({ weekly: week([[monToFri, ['20:00-06:00']], [['saturday'], ['22:00-01:30']], [['sunday'], ['01:15-03:00']]]), bankHolidays: 'unknown' }),
  },
  { name: 'hours unknown', hours: () => openingHoursSchema.parse({ weekly: [], bankHolidays: 'unknown' }) },
];
const nations: { division: RuleDivision; postcode: string; localAuthorityCode: string }[] = [
  { division: 'england-and-wales', postcode: 'M1 5AN', localAuthorityCode: 'E08000003' },
  { division: 'scotland', postcode: 'G1 3HL', localAuthorityCode: 'S12000049' },
  { division: 'northern-ireland', postcode: 'BT1 5AA', localAuthorityCode: 'N09000003' },
];

/** Table minutes to ask the engine about, as described at the top. */
function sampleMinutes(status: Uint8Array, holidays: Set<string>): number[] {
  const minuteOf = (t: number) => (t - tableStart) / MINUTE;
  const picked = new Set<number>();
  for (let t = sampleStart; t < sampleEnd; t += 613 * MINUTE) picked.add(minuteOf(t));
  for (const change of [Date.UTC(2027, 2, 28, 1), Date.UTC(2027, 9, 31, 1)]) {
    for (let t = change - 2 * 60 * MINUTE; t <= change + 3 * 60 * MINUTE; t += 5 * MINUTE) picked.add(minuteOf(t));
  }
  for (const date of holidays) {
    const from = minuteOf(Date.parse(`${date}T00:00:00Z`) - 60 * MINUTE);
    if (!date.startsWith('2027')) continue;
    // Through the day, and the minute before it starts, whose next opening or closing spans the day.
    for (const hour of [-1 / 60, 3, 8, 12, 16, 20, 23]) picked.add(from + 60 + Math.round(hour * 60));
    for (let i = Math.max(from, 1); i < from + 2 * DAY + 120; i += 1) {
      if (status[i] !== status[i - 1]) picked.add(i - 1).add(i);
    }
  }
  return [...picked].sort((a, b) => a - b);
}

describe('open now against an independent minute-by-minute reference, all of 2027', () => {
  it('knows the two clock changes of 2027 as the reference clock has them', () => {
    expect(new Date(lastSundayAt0100Utc(2027, 2)).toISOString()).toBe('2027-03-28T01:00:00.000Z');
    expect(new Date(lastSundayAt0100Utc(2027, 9)).toISOString()).toBe('2027-10-31T01:00:00.000Z');
  });

  describe.each(nations)('an outlet in $division', ({ division, postcode, localAuthorityCode }) => {
    const holidays = holidaysOf(division);
    const ruleHolidays = [2026, 2027, 2028].flatMap((year) => bankHolidaysByRule(year, division).map((holiday) => holiday.date));

    it.each(shapes)('agrees at every sampled instant: $name', ({ hours: hoursOf }) => {
      // Prepare
      const hours = hoursOf(ruleHolidays);
      const outlet = buildOutlet({ hours, address: { lines: ['1 High Street'], town: 'Town', postcode }, localAuthorityCode });
      const status = referenceStatus(hours, holidays);
      const minutes = sampleMinutes(status, holidays);

      // Act
      const disagreements = minutes.flatMap((i) => {
        const state = listingOpenStateAt(outlet, new Date(tableStart + i * MINUTE));
        const engine = {
          status: state.status,
          closesAt: state.closesAt === null ? null : Date.parse(state.closesAt),
          opensAt: state.opensAt === null ? null : Date.parse(state.opensAt),
        };
        const expected = referenceAnswer(status, i);
        return JSON.stringify(engine) === JSON.stringify(expected) ? [] : [{ at: new Date(tableStart + i * MINUTE).toISOString(), engine, expected }];
      });

      // Assess
      expect(minutes.length).toBeGreaterThan(950);
      expect(disagreements.slice(0, 5)).toEqual([]);
    });
  });
});
