/**
 * How old a stock status or a confirmation is, in calendar days in London, for "confirmed today"
 * and "confirmed 3 days ago": something confirmed at 23:00 is "yesterday" at 08:00 the next day,
 * although fewer than 24 hours have passed.
 */
import { daysBetween, londonWallClock } from './london-time.js';

/** Calendar days in London from `iso` to `now` (0 on the same day or if `iso` is in the future); null when never set. */
export function ageInDays(iso: string | null, now: Date): number | null {
  if (iso === null) return null;
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return null;
  return Math.max(0, daysBetween(londonWallClock(new Date(then)).date, londonWallClock(now).date));
}
