/**
 * Opening hours as text for the outlet page: the usual week, one row a day, and the days in the next
 * few weeks that differ from it (dated exceptions and bank holidays). Built on {@link dayPlanOn} so
 * the page says what "open now" computes.
 */
import type { HoursChange, WeeklyHoursRow } from '../contract/find-outlets.js';
import type { OpeningHours, Session } from '../contract/outlet.js';
import { weekdays } from '../contract/outlet.js';
import { dayPlanOn, hasNoWeeklySchedule, sessionMinutes, type DayPlan, type OpeningHoursOptions } from './opening-day.js';
import { addDays, formatMinuteOfDay, londonWallClock } from './london-time.js';

/** Options for {@link upcomingHoursChanges}. */
export interface UpcomingHoursChangesOptions extends OpeningHoursOptions {
  /** How many days to look ahead, from today; default 28. */
  days?: number;
}

const unknownText = 'Hours unknown – call ahead';

/** The usual week, Monday first, one row a day. */
export function describeWeeklyHours(hours: OpeningHours): WeeklyHoursRow[] {
  return weekdays.map((day) => {
    const dayName = day.charAt(0).toUpperCase() + day.slice(1);
    const sessions = hours.weekly.filter((row) => row.byDay === day);
    let text: string;
    if (hasNoWeeklySchedule(hours) || hours.unknownDays?.includes(day)) text = unknownText;
    else if (sessions.length === 0) text = 'Closed';
    else text = sessionsText(sessions);
    return { day, dayName, text, line: `${dayName}: ${text}` };
  });
}

/**
 * Dates from today (London) over the next `days` days that have a dated exception or are bank
 * holidays, in date order, with the hours that apply on each.
 */
export function upcomingHoursChanges(hours: OpeningHours, now: Date, options: UpcomingHoursChangesOptions = {}): HoursChange[] {
  const today = londonWallClock(now).date;
  const changes: HoursChange[] = [];
  for (let offset = 0; offset < (options.days ?? 28); offset += 1) {
    const date = addDays(today, offset);
    const plan = dayPlanOn(hours, date, options);
    const isException = hours.exceptions.some((exception) => exception.date === date);
    if (!isException && plan.bankHoliday === undefined) continue;
    changes.push({
      date,
      dateLabel: dateLabel(date),
      reason: isException ? 'exception' : 'bank_holiday',
      ...(plan.bankHoliday === undefined ? {} : { bankHoliday: plan.bankHoliday }),
      text: planText(plan),
      ...(plan.note === undefined ? {} : { note: plan.note }),
    });
  }
  return changes;
}

/** "08:30 to 13:00, 14:00 to 17:30"; "Open 24 hours" for a day that is open from midnight to midnight. */
export function sessionsText(sessions: readonly Session[]): string {
  const spans = sessions.map(sessionMinutes).sort((a, b) => a.start - b.start);
  if (spans.some((span) => span.start === 0 && span.end >= 1440)) return 'Open 24 hours';
  return spans.map(({ start, end }) => `${formatMinuteOfDay(start)} to ${endText(end)}`).join(', ');
}

function endText(end: number): string {
  if (end === 1440) return 'midnight';
  return end > 1440 ? `${formatMinuteOfDay(end - 1440)} the next day` : formatMinuteOfDay(end);
}

function planText(plan: DayPlan): string {
  if (plan.kind === 'closed') return 'Closed';
  if (plan.kind === 'sessions') {
    const text = sessionsText(plan.sessions);
    return plan.because === 'weekly' ? `Usual hours: ${text}` : text;
  }
  return plan.because === 'bank_holiday' ? 'Hours may differ – call ahead' : unknownText;
}

const dateLabelFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });

/** A calendar date in words: `2026-12-25` → "Friday 25 December". */
export const dateLabel = (date: string): string => dateLabelFormat.format(new Date(`${date}T12:00:00Z`));
