/**
 * "Open now", "closes at" and "opens at" for an outlet's opening hours, in Europe/London.
 *
 * The hours of each calendar date (see {@link dayPlanOn}) are turned into spans of real instants, so
 * daylight-saving changes, sessions past midnight and back-to-back sessions need no special cases
 * once the spans exist. Looks at most 7 days ahead: further than that, a summary would mislead more
 * often than it helps.
 */
import type { OpenState } from '../contract/find-outlets.js';
import type { OpeningHours } from '../contract/outlet.js';
import { dayPlanOn, sessionMinutes, type DayPlan, type OpeningHoursOptions } from './opening-day.js';
import { addDays, daysBetween, formatMinuteOfDay, londonInstant, londonWallClock, toLondonIsoString } from './london-time.js';

export type { OpeningHoursOptions } from './opening-day.js';

const HORIZON_MS = 7 * 86_400_000;

interface Span {
  start: number;
  end: number;
}
interface UnknownSpan extends Span {
  plan: DayPlan;
  /** The midnight that ends the unknown day; the span may run on past it (see `buildTimeline`). */
  dayEnd: number;
}
interface Timeline {
  today: string;
  todayPlan: DayPlan;
  open: Span[];
  unknown: UnknownSpan[];
}

/**
 * Whether the outlet is open at `now`, when it closes or next opens, and a plain-English summary.
 *
 * - `open`: `closesAt` is the end of the current opening, running on through back-to-back and
 *   overlapping sessions; null (summary "Open 24 hours") when open for the whole next 7 days.
 * - `closed`: `opensAt` is the next opening within 7 days, or null if there is none, or if a day of
 *   unknown hours (such as a bank holiday with unknown hours) comes first.
 * - `unknown`: no weekly hours, or today's hours are unknown, or it is the night after a day of unknown
 *   hours and the outlet's usual sessions run that late ("Hours unknown – call ahead"); both times are null.
 *
 * Summaries, 24-hour clock, days relative to today in London:
 * "Open until 17:30", "Open until midnight", "Open until 02:00 tomorrow", "Open until 18:00 on Sunday",
 * "Open until midnight on Friday night", "Open 24 hours", "Open until midnight – tomorrow is a bank
 * holiday, call ahead"; "Closed – opens today at 14:00" (or tomorrow, Monday, next Monday),
 * "Closed today (bank holiday) – opens Tuesday at 09:00", "Closed today – …" (a dated exception),
 * "Closed – Monday is a bank holiday, call ahead", "Closed – not open in the next 7 days";
 * "Hours unknown – call ahead", "Bank holiday – hours may differ, call ahead",
 * "Hours for today unknown – call ahead".
 */
export function openStateAt(hours: OpeningHours, now: Date, options: OpeningHoursOptions = {}): OpenState {
  const timeline = buildTimeline(hours, now, options);
  const t = now.getTime();
  if (statusIn(timeline, t) === 'open') {
    const end = openRunEnd(timeline.open, t);
    if (end - t >= HORIZON_MS) return { status: 'open', closesAt: null, opensAt: null, summary: 'Open 24 hours' };
    const unknownNext = timeline.unknown.find((span) => span.start === end);
    const until = `Open until ${closingWords(new Date(end), timeline.today)}`;
    return {
      status: 'open',
      closesAt: toLondonIsoString(new Date(end)),
      opensAt: null,
      summary: unknownNext === undefined ? until : `${until} – ${unknownDayWords(unknownNext, timeline.today)}`,
    };
  }
  const unknownNow = timeline.unknown.find((span) => span.start <= t && t < span.end);
  if (unknownNow !== undefined) {
    // After the unknown day's midnight it is the night after it, not "today", that is unknown.
    const summary = t >= unknownNow.dayEnd ? 'Hours unknown – call ahead' : unknownSummary(unknownNow.plan);
    return { status: 'unknown', closesAt: null, opensAt: null, summary };
  }
  const closed = closedWords(timeline.todayPlan);
  const nextOpen = timeline.open.find((span) => span.start > t && span.start - t <= HORIZON_MS);
  const nextUnknown = timeline.unknown.find((span) => span.start > t && span.start - t <= HORIZON_MS);
  if (nextUnknown !== undefined && (nextOpen === undefined || nextUnknown.start < nextOpen.start)) {
    return { status: 'closed', closesAt: null, opensAt: null, summary: `${closed} – ${unknownDayWords(nextUnknown, timeline.today)}` };
  }
  if (nextOpen === undefined) {
    return { status: 'closed', closesAt: null, opensAt: null, summary: `${closed} – not open in the next 7 days` };
  }
  const opens = new Date(nextOpen.start);
  const clock = londonWallClock(opens);
  return {
    status: 'closed',
    closesAt: null,
    opensAt: toLondonIsoString(opens),
    summary: `${closed} – opens ${dayWords(clock.date, timeline.today)} at ${formatMinuteOfDay(clock.minuteOfDay)}`,
  };
}

/**
 * Whether the usual weekly hours keep the outlet open late: some session is open at some time between
 * 20:00 and 02:00 (it closes after 20:00, runs past midnight, is open 24 hours, or is open in the
 * early hours before 02:00). Closing at exactly 20:00 is not late. Dated exceptions and bank holidays
 * are ignored: the filter is about the outlet's usual pattern, not one date.
 */
export function isOpenLate(hours: OpeningHours): boolean {
  return hours.weekly.some((row) => {
    const { start, end } = sessionMinutes(row);
    const overlaps = (from: number, to: number) => start < to && end > from;
    return overlaps(20 * 60, 26 * 60) || overlaps(0, 2 * 60);
  });
}

function buildTimeline(hours: OpeningHours, now: Date, options: OpeningHoursOptions): Timeline {
  const today = londonWallClock(now).date;
  const open: Span[] = [];
  const unknown: UnknownSpan[] = [];
  let todayPlan: DayPlan | undefined;
  // A day of unknown hours may hold a session that runs on past its midnight, as the outlet's usual
  // sessions do: its unknown span reaches as far, so the small hours after it read "hours unknown",
  // never "closed".
  const unknownSpill = Math.max(0, ...hours.weekly.map((row) => sessionMinutes(row).end - 1440));
  // From yesterday, whose sessions may run past midnight, to the last day the 7-day horizon reaches.
  for (let offset = -1; offset <= 7; offset += 1) {
    const date = addDays(today, offset);
    const plan = dayPlanOn(hours, date, options);
    if (offset === 0) todayPlan = plan;
    if (plan.kind === 'sessions') {
      for (const session of plan.sessions) {
        const { start, end } = sessionMinutes(session);
        const span = { start: londonInstant(date, start).getTime(), end: londonInstant(date, end).getTime() };
        // A session wholly inside the hour the clocks skip (01:00-01:30 on the spring day) never happens.
        if (span.end > span.start) open.push(span);
      }
    } else if (plan.kind === 'unknown') {
      const dayEnd = londonInstant(date, 1440).getTime();
      unknown.push({ start: londonInstant(date, 0).getTime(), end: londonInstant(date, 1440 + unknownSpill).getTime(), dayEnd, plan });
    }
  }
  open.sort((a, b) => a.start - b.start);
  return { today, todayPlan: todayPlan ?? { kind: 'unknown', because: 'no_schedule' }, open, unknown };
}

/** Known opening hours win over an unknown day: a session from yesterday still open now is open. */
function statusIn(timeline: Timeline, t: number): OpenState['status'] {
  if (timeline.open.some((span) => span.start <= t && t < span.end)) return 'open';
  if (timeline.unknown.some((span) => span.start <= t && t < span.end)) return 'unknown';
  return 'closed';
}

/** The end of the opening that contains `t`, running on through sessions that touch or overlap. */
function openRunEnd(sortedOpen: readonly Span[], t: number): number {
  let end = t;
  for (const span of sortedOpen) {
    if (span.start > end) break;
    end = Math.max(end, span.end);
  }
  return end;
}

function closedWords(todayPlan: DayPlan): string {
  if (todayPlan.kind !== 'closed') return 'Closed';
  if (todayPlan.because === 'bank_holiday') return 'Closed today (bank holiday)';
  return todayPlan.because === 'exception' ? 'Closed today' : 'Closed';
}

function unknownSummary(plan: DayPlan): string {
  if (plan.because === 'bank_holiday') return 'Bank holiday – hours may differ, call ahead';
  if (plan.because === 'no_schedule') return 'Hours unknown – call ahead';
  return 'Hours for today unknown – call ahead';
}

function unknownDayWords(span: UnknownSpan, today: string): string {
  const day = dayWords(londonWallClock(new Date(span.start)).date, today);
  return span.plan.because === 'bank_holiday' ? `${day} is a bank holiday, call ahead` : `hours for ${day} unknown, call ahead`;
}

function closingWords(closes: Date, today: string): string {
  const clock = londonWallClock(closes);
  if (clock.minuteOfDay === 0) {
    // Midnight belongs to the day it ends, which is what people mean by "until midnight".
    const endingDay = addDays(clock.date, -1);
    const ahead = daysBetween(today, endingDay);
    if (ahead === 0) return 'midnight';
    return ahead === 1 ? 'midnight tomorrow night' : `midnight on ${weekdayName(endingDay)} night`;
  }
  const time = formatMinuteOfDay(clock.minuteOfDay);
  const ahead = daysBetween(today, clock.date);
  if (ahead === 0) return time;
  if (ahead === 1) return `${time} tomorrow`;
  return ahead === 7 ? `${time} next ${weekdayName(clock.date)}` : `${time} on ${weekdayName(clock.date)}`;
}

/** "today", "tomorrow", "Monday", or "next Monday" for the same weekday a week on. */
function dayWords(date: string, today: string): string {
  const ahead = daysBetween(today, date);
  if (ahead === 0) return 'today';
  if (ahead === 1) return 'tomorrow';
  return ahead >= 7 ? `next ${weekdayName(date)}` : weekdayName(date);
}

const weekdayFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' });

function weekdayName(date: string): string {
  return weekdayFormat.format(new Date(`${date}T12:00:00Z`));
}
