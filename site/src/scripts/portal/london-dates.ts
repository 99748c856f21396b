/**
 * Calendar dates as the portal's forms and tables use them: ISO `YYYY-MM-DD` in UK time, and
 * months and moments in words.
 */

const isoDateInLondon = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in the UK, `YYYY-MM-DD`: the default day for kits given out, and the latest allowed. */
export const todayInLondon = (now: Date = new Date()): string => isoDateInLondon.format(now);

/** `date` moved by whole days (negative for earlier), `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  const moved = new Date(`${date}T12:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}

const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "November 2026" for `2026-11`. */
export const monthInWords = (month: string): string => monthFormat.format(new Date(`${month}-01T12:00:00Z`));

const momentFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/** "30 November 2026 at 17:05" for an instant, in UK time. */
export const momentInWords = (iso: string): string => momentFormat.format(new Date(iso)).replace(', ', ' at ');
