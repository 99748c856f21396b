import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bankHolidayCalendarCoversUntil,
  bankHolidayOn,
  englandAndWalesBankHolidays,
} from '../../../functions/core/bank-holidays.js';

const calendarFile = JSON.parse(readFileSync(new URL('../../../data/bank-holidays-england-and-wales.json', import.meta.url), 'utf8')) as {
  events: { title: string; date: string; notes: string }[];
};

const firstYear = 2024;

/** Easter Sunday by the anonymous Gregorian computus (Meeus/Jones/Butcher). */
function easterSunday(year: number): Date {
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
const nextWeekday = (date: Date, taken: Set<string>) => {
  let day = date;
  while (isWeekend(day) || taken.has(iso(day))) day = plusDays(day, 1);
  return day;
};
const mondayOnOrAfter = (date: Date) => plusDays(date, (8 - date.getUTCDay()) % 7);

/** The bank holidays of a year by the standing rules, with GOV.UK's titles and substitute notes. */
function bankHolidaysByRule(year: number): { date: string; title: string; notes: string }[] {
  const holidays: { date: string; title: string; notes: string }[] = [];
  const taken = new Set<string>();
  // Christmas before Boxing Day: when both fall at a weekend the substitutes are Monday then Tuesday.
  const fixed = (title: string, date: Date) => {
    const observed = nextWeekday(date, taken);
    taken.add(iso(observed));
    holidays.push({ date: iso(observed), title, notes: iso(observed) === iso(date) ? '' : 'Substitute day' });
  };
  fixed('New Year’s Day', new Date(Date.UTC(year, 0, 1)));
  const easter = easterSunday(year);
  holidays.push({ date: iso(plusDays(easter, -2)), title: 'Good Friday', notes: '' });
  holidays.push({ date: iso(plusDays(easter, 1)), title: 'Easter Monday', notes: '' });
  holidays.push({ date: iso(mondayOnOrAfter(new Date(Date.UTC(year, 4, 1)))), title: 'Early May bank holiday', notes: '' });
  holidays.push({ date: iso(mondayOnOrAfter(new Date(Date.UTC(year, 4, 25)))), title: 'Spring bank holiday', notes: '' });
  holidays.push({ date: iso(mondayOnOrAfter(new Date(Date.UTC(year, 7, 25)))), title: 'Summer bank holiday', notes: '' });
  // Boxing Day's substitute must not land on Christmas Day's, nor Christmas Day's on 26 December
  // when that is Boxing Day itself: reserve Boxing Day first when it is a weekday.
  const christmas = new Date(Date.UTC(year, 11, 25));
  const boxingDay = new Date(Date.UTC(year, 11, 26));
  if (!isWeekend(boxingDay)) taken.add(iso(boxingDay));
  fixed('Christmas Day', christmas);
  if (!isWeekend(boxingDay)) holidays.push({ date: iso(boxingDay), title: 'Boxing Day', notes: '' });
  else fixed('Boxing Day', boxingDay);
  return holidays.sort((a, b) => a.date.localeCompare(b.date));
}

describe('the shipped England and Wales bank holiday calendar', () => {
  it('matches the standing rules, date for date, title for title, from 2024 to its last year', () => {
    // Prepare
    const expected = [];
    for (let year = firstYear; year <= bankHolidayCalendarCoversUntil; year += 1) expected.push(...bankHolidaysByRule(year));

    // Assess: no one-off holidays are known after 2023, so rules and file agree exactly.
    expect(calendarFile.events).toEqual(expected);
  });

  it('agrees with dates checked by hand', () => {
    expect(bankHolidayOn('2026-04-03')).toBe('Good Friday');
    expect(bankHolidayOn('2026-12-25')).toBe('Christmas Day');
    expect(bankHolidayOn('2026-12-28')).toBe('Boxing Day (substitute day)');
    expect(bankHolidayOn('2027-12-27')).toBe('Christmas Day (substitute day)');
    expect(bankHolidayOn('2028-01-03')).toBe('New Year’s Day (substitute day)');
    expect(bankHolidayOn('2026-12-26')).toBeUndefined();
    expect(englandAndWalesBankHolidays.size).toBe(8 * 5);
  });

  it('reports the last year it covers', () => {
    expect(bankHolidayCalendarCoversUntil).toBe(2028);
  });

  it('covers the current year and the next (refresh it from GOV.UK when this fails)', () => {
    // Deliberately fails from 1 January 2028 so the calendar is renewed before it runs out:
    // after its last year every day would count as an ordinary day.
    expect(bankHolidayCalendarCoversUntil).toBeGreaterThanOrEqual(new Date().getUTCFullYear() + 1);
  });
});
