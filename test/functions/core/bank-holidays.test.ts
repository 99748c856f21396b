import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bankHolidayCalendarCoversUntil,
  bankHolidayCalendarOf,
  bankHolidayDivisions,
  bankHolidayOn,
  englandAndWalesBankHolidays,
} from '../../../functions/core/bank-holidays.js';
import { bankHolidaysByRule } from './support/bank-holiday-rules.js';

const calendarFile = (division: string) =>
  JSON.parse(readFileSync(new URL(`../../../data/bank-holidays-${division}.json`, import.meta.url), 'utf8')) as {
    division: string;
    events: { title: string; date: string; notes: string }[];
  };

/** The shipped files start in 2024; GOV.UK's feed, once refreshed, also holds earlier years. */
const firstYear = 2024;
/** One-off holidays GOV.UK has announced from `firstYear` on, by division: none so far. */
const knownOneOffs: Record<string, string[]> = { 'england-and-wales': [], scotland: [], 'northern-ireland': [] };

describe.each(bankHolidayDivisions)('the shipped %s bank holiday calendar', (division) => {
  it('matches the standing rules, date for date, title for title, from 2024 to its last year', () => {
    // Prepare
    const file = calendarFile(division);
    const expected = [];
    for (let year = firstYear; year <= bankHolidayCalendarCoversUntil; year += 1) expected.push(...bankHolidaysByRule(year, division));

    // Act
    const shipped = file.events.filter((event) => event.date >= `${firstYear}` && !knownOneOffs[division]?.includes(event.date));

    // Assess
    expect(file.division).toBe(division);
    expect(shipped).toEqual(expected);
  });

  it('keeps New Year’s Day, Christmas Day and Boxing Day on their own dates as well as their substitutes', () => {
    const calendar = bankHolidayCalendarOf(division);

    expect(calendar.get('2027-12-25')).toBe('Christmas Day');
    expect(calendar.get('2027-12-26')).toBe('Boxing Day');
    expect(calendar.get('2027-12-27')).toBe('Christmas Day (substitute day)');
    expect(calendar.get('2027-12-28')).toBe('Boxing Day (substitute day)');
    expect(calendar.get('2028-01-01')).toBe('New Year’s Day');
    expect(calendar.get('2028-01-03')).toBe('New Year’s Day (substitute day)');
  });
});

describe('the calendars of the three divisions', () => {
  it('agree with dates checked by hand', () => {
    const scotland = bankHolidayCalendarOf('scotland');
    const northernIreland = bankHolidayCalendarOf('northern-ireland');

    expect(bankHolidayOn('2026-04-03')).toBe('Good Friday');
    expect(bankHolidayOn('2026-12-28')).toBe('Boxing Day (substitute day)');
    expect(bankHolidayOn('2026-08-31')).toBe('Summer bank holiday');
    expect(bankHolidayOn('2026-11-30')).toBeUndefined();
    expect(bankHolidayOn('2026-11-30', scotland)).toBe('St Andrew’s Day');
    expect(bankHolidayOn('2024-12-02', scotland)).toBe('St Andrew’s Day (substitute day)');
    expect(bankHolidayOn('2027-01-04', scotland)).toBe('2nd January (substitute day)');
    expect(bankHolidayOn('2026-08-03', scotland)).toBe('Summer bank holiday');
    expect(bankHolidayOn('2026-08-31', scotland)).toBeUndefined();
    expect(bankHolidayOn('2026-04-06', scotland)).toBeUndefined();
    expect(bankHolidayOn('2026-03-17', northernIreland)).toBe('St Patrick’s Day');
    expect(bankHolidayOn('2024-03-18', northernIreland)).toBe('St Patrick’s Day (substitute day)');
    expect(bankHolidayOn('2026-07-13', northernIreland)).toBe('Battle of the Boyne (Orangemen’s Day) (substitute day)');
    expect(bankHolidayOn('2026-08-31', northernIreland)).toBe('Summer bank holiday');
  });

  it('hold each division’s holidays and the weekend Christmas, Boxing and New Year’s Days of 2024 to 2028', () => {
    // Weekend own dates: 2026-12-26, 2027-12-25, 2027-12-26, 2028-01-01 (and 2028-12-26? a Tuesday: no).
    expect(englandAndWalesBankHolidays.size).toBe(8 * 5 + 4);
    // Scotland: 9 a year, plus 2 January 2027 and 2028 are not kept on their own date (only the three named days are).
    expect(bankHolidayCalendarOf('scotland').size).toBe(9 * 5 + 4);
    expect(bankHolidayCalendarOf('northern-ireland').size).toBe(10 * 5 + 4);
  });

  it('reports the last year they all cover', () => {
    expect(bankHolidayCalendarCoversUntil).toBe(2028);
  });

  it('cover the current year and the next (refresh them from GOV.UK when this fails)', () => {
    // Deliberately fails from 1 January of the last shipped year (2028 today), a year before the
    // calendars run out: after their last year every day would count as an ordinary day.
    expect(bankHolidayCalendarCoversUntil).toBeGreaterThanOrEqual(new Date().getUTCFullYear() + 1);
  });
});
