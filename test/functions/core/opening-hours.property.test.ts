/**
 * `openStateAt` against a brute-force reading of the London wall clock, minute by minute, around the
 * two daylight-saving changes of 2026, Christmas and an ordinary summer week.
 *
 * The oracle shares no time arithmetic with the code under test: it builds its own table of what the
 * wall clock shows at every minute (one Intl call per minute), and opens or closes a session at the
 * first minute the wall clock shows that time or later.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openStateSchema } from '../../../functions/contract/find-outlets.js';
import { openingHoursSchema, weekdays, type OpeningHours, type Session } from '../../../functions/contract/outlet.js';
import { openStateAt } from '../../../functions/core/opening-hours.js';

const MINUTE = 60_000;
const DAY_MINUTES = 1440;
const WEEK_MINUTES = 7 * DAY_MINUTES;
const windowStarts = ['2026-03-27', '2026-10-23', '2026-12-23', '2026-07-15'];
const windowMinutes = 3 * DAY_MINUTES;
/** The oracle's table runs from the day before a window to 11 days after its start. */
const tableDaysBefore = 1;
const tableDays = 12;
/** Real Christmas holidays, plus made-up ones on the Mondays after each clock change. */
const calendar = new Map([
  ['2026-12-25', 'Christmas Day'],
  ['2026-12-28', 'Boxing Day'],
  ['2026-03-30', 'Test holiday'],
  ['2026-10-26', 'Test holiday'],
]);

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
const dateOfDayNumber = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

const wallFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

interface WallTable {
  startMs: number;
  firstDay: number;
  /** Running maximum of the wall clock (day number × 1440 + minute), so searches can halve. */
  runningMax: number[];
}

/** The wall clock at every minute of the table, as day number × 1440 + minute of day. */
function wallTable(windowStart: string): WallTable {
  const startMs = Date.parse(`${windowStart}T00:00:00Z`) - tableDaysBefore * 86_400_000;
  const runningMax: number[] = [];
  let max = -Infinity;
  for (let minute = 0; minute < tableDays * DAY_MINUTES; minute += 1) {
    const part: Record<string, number> = {};
    for (const { type, value } of wallFormat.formatToParts(startMs + minute * MINUTE)) part[type] = Number(value);
    const wall = (Date.UTC(part.year ?? 0, (part.month ?? 1) - 1, part.day ?? 1) / 86_400_000) * DAY_MINUTES + (part.hour ?? 0) * 60 + (part.minute ?? 0);
    max = Math.max(max, wall);
    runningMax.push(max);
  }
  return { startMs, firstDay: dayNumber(windowStart) - tableDaysBefore, runningMax };
}

/** The first table minute at which the wall clock shows `wall` or later. */
function firstMinuteShowing(table: WallTable, wall: number): number {
  let low = 0;
  let high = table.runningMax.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((table.runningMax[middle] ?? Infinity) >= wall) high = middle;
    else low = middle + 1;
  }
  return low;
}

type Plan = { kind: 'sessions'; sessions: readonly Session[] } | { kind: 'closed' } | { kind: 'unknown' };

/** The rules of the contract, written out again on their own. */
function planOn(hours: OpeningHours, date: string): Plan {
  const exception = hours.exceptions.find((candidate) => candidate.date === date);
  if (exception) {
    if (exception.closed) return { kind: 'closed' };
    return exception.sessions.length > 0 ? { kind: 'sessions', sessions: exception.sessions } : { kind: 'unknown' };
  }
  if (calendar.has(date) && hours.bankHolidays === 'closed') return { kind: 'closed' };
  if (calendar.has(date) && hours.bankHolidays === 'unknown') return { kind: 'unknown' };
  const weekday = weekdays[(new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7];
  if (weekday === undefined || hours.unknownDays?.includes(weekday)) return { kind: 'unknown' };
  // No weekly rows at all means no schedule was given; with some days marked unknown, the rest were read.
  if (hours.weekly.length === 0 && (hours.unknownDays ?? []).length === 0) return { kind: 'unknown' };
  return { kind: 'sessions', sessions: hours.weekly.filter((row) => row.byDay === weekday) };
}

const CLOSED = 0;
const UNKNOWN = 1;
const OPEN = 2;

/** Open, unknown or closed at every minute of the table. */
function statusByMinute(table: WallTable, hours: OpeningHours): Uint8Array {
  const status = new Uint8Array(table.runningMax.length);
  const mark = (from: number, to: number, value: number) => status.fill(value, from, to);
  const days = Array.from({ length: tableDays }, (_, index) => table.firstDay + index);
  // A day of unknown hours stays unknown past its midnight for as long as the outlet's latest usual
  // session runs on past midnight: a session may start on it and be open then.
  const spill = Math.max(0, ...hours.weekly.map(({ opensAt, closesAt }) => (minutesOf(closesAt) > minutesOf(opensAt) ? 0 : minutesOf(closesAt))));
  for (const day of [table.firstDay - 1, ...days]) {
    if (planOn(hours, dateOfDayNumber(day)).kind === 'unknown') {
      mark(firstMinuteShowing(table, day * DAY_MINUTES), firstMinuteShowing(table, (day + 1) * DAY_MINUTES + spill), UNKNOWN);
    }
  }
  for (const day of [table.firstDay - 1, ...days]) {
    const plan = planOn(hours, dateOfDayNumber(day));
    if (plan.kind !== 'sessions') continue;
    for (const session of plan.sessions) {
      const opens = minutesOf(session.opensAt);
      const closes = minutesOf(session.closesAt);
      const end = closes > opens ? closes : closes + DAY_MINUTES;
      mark(firstMinuteShowing(table, day * DAY_MINUTES + opens), firstMinuteShowing(table, day * DAY_MINUTES + end), OPEN);
    }
  }
  return status;
}

/** What the brute force expects at table minute `at`. */
function expectedState(table: WallTable, status: Uint8Array, at: number) {
  const instant = (minute: number) => table.startMs + minute * MINUTE;
  const now = status[at];
  if (now === OPEN) {
    let minute = at;
    while (minute - at < WEEK_MINUTES && status[minute] === OPEN) minute += 1;
    return { status: 'open', closesAt: minute - at >= WEEK_MINUTES ? null : instant(minute), opensAt: null };
  }
  if (now === UNKNOWN) return { status: 'unknown', closesAt: null, opensAt: null };
  let minute = at + 1;
  while (minute - at <= WEEK_MINUTES && status[minute] === CLOSED) minute += 1;
  const opensAt = minute - at <= WEEK_MINUTES && status[minute] === OPEN ? instant(minute) : null;
  return { status: 'closed', closesAt: null, opensAt };
}

const asClock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
/** Half hours through the day, often quarter hours in the small hours when the clocks change. */
const clockTime = (maxHalfHours: number) =>
  fc.oneof(
    fc.integer({ min: 0, max: maxHalfHours }).map((halfHours) => asClock(halfHours * 30)),
    fc.integer({ min: 0, max: 12 }).map((quarters) => asClock(quarters * 15)),
  );
const session = fc.record({ opensAt: clockTime(47), closesAt: clockTime(48) });
const hoursNear = (windowStart: string) =>
  fc
    .record({
      weekly: fc.array(fc.record({ byDay: fc.constantFrom(...weekdays), opensAt: clockTime(47), closesAt: clockTime(48) }), { maxLength: 14 }),
      // As the contract allows: one exception a date, and a closed day has no sessions.
      exceptions: fc
        .uniqueArray(
          fc.record({
            date: fc.integer({ min: -1, max: 10 }).map((offset) => dateOfDayNumber(dayNumber(windowStart) + offset)),
            closed: fc.boolean(),
            sessions: fc.array(session, { maxLength: 2 }),
          }),
          { maxLength: 3, selector: (exception) => exception.date },
        )
        .map((exceptions) => exceptions.map((exception) => (exception.closed ? { ...exception, sessions: [] } : exception))),
      bankHolidays: fc.constantFrom('closed' as const, 'as_usual' as const, 'unknown' as const),
      unknownDays: fc.option(fc.subarray([...weekdays], { maxLength: 2 }), { nil: undefined }),
    })
    .map((hours) => openingHoursSchema.parse(hours));

describe('openStateAt against a minute-by-minute reading of the wall clock', () => {
  const tables = windowStarts.map(wallTable);

  it('agrees on status, closing time and next opening for random schedules and instants', () => {
    const cases = fc
      .integer({ min: 0, max: windowStarts.length - 1 })
      .chain((window) =>
        fc.record({
          window: fc.constant(window),
          // Half the instants fall within 4 hours of 01:00 UTC on the window's third day, when the
          // clocks change in the spring and autumn windows.
          minute: fc.oneof(
            fc.integer({ min: 0, max: windowMinutes - 1 }),
            fc.integer({ min: 2 * DAY_MINUTES + 60 - 240, max: 2 * DAY_MINUTES + 60 + 240 }),
          ),
          hours: hoursNear(windowStarts[window] ?? ''),
        }),
      );

    fc.assert(
      fc.property(cases, ({ window, minute, hours }) => {
        // Prepare
        const table = tables[window] as WallTable;
        const at = tableDaysBefore * DAY_MINUTES + minute;

        // Act
        const state = openStateSchema.parse(openStateAt(hours, new Date(table.startMs + at * MINUTE), { bankHolidays: calendar }));

        // Assess
        const asMs = (iso: string | null) => (iso === null ? null : Date.parse(iso));
        expect({ status: state.status, closesAt: asMs(state.closesAt), opensAt: asMs(state.opensAt) }).toEqual(
          expectedState(table, statusByMinute(table, hours), at),
        );
      }),
      { numRuns: 400 },
    );
  });
});
