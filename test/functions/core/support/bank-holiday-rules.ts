/**
 * The standing rules for UK bank holidays in each of GOV.UK's three divisions, written out
 * independently of the shipped calendars so the tests can check those calendars (and the hours
 * engine that reads them) against the rules. Substitute days follow GOV.UK: a holiday at a weekend
 * moves to the next weekday not already taken by another holiday.
 */

/** GOV.UK's three bank-holiday divisions. */
export type RuleDivision = 'england-and-wales' | 'scotland' | 'northern-ireland';

export interface RuleHoliday {
  date: string;
  title: string;
  notes: string;
}

/** Easter Sunday by the anonymous Gregorian computus (Meeus/Jones/Butcher). */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

const iso = (date: Date) => date.toISOString().slice(0, 10);
const plusDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);
const isWeekend = (date: Date) => date.getUTCDay() === 0 || date.getUTCDay() === 6;
const mondayOnOrAfter = (date: Date) => plusDays(date, (8 - date.getUTCDay()) % 7);
const utc = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day));

/** The bank holidays of `year` in `division` by the standing rules, with GOV.UK's titles, in date order. */
export function bankHolidaysByRule(year: number, division: RuleDivision): RuleHoliday[] {
  const holidays: RuleHoliday[] = [];
  const taken = new Set<string>();
  const on = (title: string, date: Date) => {
    taken.add(iso(date));
    holidays.push({ date: iso(date), title, notes: '' });
  };
  const fixed = (title: string, date: Date) => {
    let observed = date;
    while (isWeekend(observed) || taken.has(iso(observed))) observed = plusDays(observed, 1);
    taken.add(iso(observed));
    holidays.push({ date: iso(observed), title, notes: iso(observed) === iso(date) ? '' : 'Substitute day' });
  };
  // A pair of fixed days (Christmas and Boxing Day; 1 and 2 January in Scotland): the second keeps
  // its own date when that is a weekday, so the first's substitute must not land on it.
  const pair = (firstTitle: string, first: Date, secondTitle: string, second: Date) => {
    if (!isWeekend(second)) taken.add(iso(second));
    fixed(firstTitle, first);
    if (!isWeekend(second)) holidays.push({ date: iso(second), title: secondTitle, notes: '' });
    else fixed(secondTitle, second);
  };
  const easter = easterSunday(year);
  if (division === 'scotland') pair('New Year’s Day', utc(year, 1, 1), '2nd January', utc(year, 1, 2));
  else fixed('New Year’s Day', utc(year, 1, 1));
  if (division === 'northern-ireland') fixed('St Patrick’s Day', utc(year, 3, 17));
  on('Good Friday', plusDays(easter, -2));
  if (division !== 'scotland') on('Easter Monday', plusDays(easter, 1));
  on('Early May bank holiday', mondayOnOrAfter(utc(year, 5, 1)));
  on('Spring bank holiday', mondayOnOrAfter(utc(year, 5, 25)));
  if (division === 'northern-ireland') fixed('Battle of the Boyne (Orangemen’s Day)', utc(year, 7, 12));
  on('Summer bank holiday', mondayOnOrAfter(division === 'scotland' ? utc(year, 8, 1) : utc(year, 8, 25)));
  if (division === 'scotland') fixed('St Andrew’s Day', utc(year, 11, 30));
  pair('Christmas Day', utc(year, 12, 25), 'Boxing Day', utc(year, 12, 26));
  return holidays.sort((a, b) => a.date.localeCompare(b.date));
}
