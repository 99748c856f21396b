/**
 * A week of opening hours in one line of words, for answers to check: what the registrant entered,
 * day by day, with nothing computed (no "open now"), so it reads the same on the device and to
 * the moderator.
 */
import { type OpeningHours, weekdays } from '@contract/outlet.js';

const dayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The usual week, one day after another: "Monday 09:00 to 17:30; Tuesday not known; Wednesday closed…". */
export function hoursInWords(hours: OpeningHours): string {
  if (hours.weekly.length === 0 && !hours.unknownDays?.length) return 'Not known – people will be told to call ahead';
  return weekdays
    .map((day, index) => {
      const sessions = hours.weekly.filter((row) => row.byDay === day).map((row) => `${row.opensAt} to ${row.closesAt}`);
      const text = sessions.length ? sessions.join(', ') : hours.unknownDays?.includes(day) ? 'not known' : 'closed';
      return `${dayNames[index]} ${text}`;
    })
    .join('; ');
}
