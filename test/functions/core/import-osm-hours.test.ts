import { describe, expect, it } from 'vitest';
import { openingHoursSchema, weekdays } from '../../../functions/contract/outlet.js';
import { importOsmHours, rowsFromOpenMinutes } from '../../../functions/core/import-osm-hours.js';
import { describeWeeklyHours } from '../../../functions/core/opening-hours-text.js';

/** The imported week as the outlet page prints it, for short expectations. */
const weekText = (value: string) => {
  const { hours } = importOsmHours(value);
  expect(openingHoursSchema.safeParse(hours).success).toBe(true);
  return describeWeeklyHours(hours).map((row) => row.line);
};

describe('importOsmHours', () => {
  it('reads weekday ranges and closed public holidays', () => {
    // Act
    const { hours, problems } = importOsmHours('Mo-Fr 09:00-17:30; Sa 09:00-12:00; PH off');

    // Assess
    expect(problems).toEqual([]);
    expect(hours.bankHolidays).toBe('closed');
    expect(describeWeeklyHours(hours).map((row) => row.line)).toEqual([
      'Monday: 09:00 to 17:30',
      'Tuesday: 09:00 to 17:30',
      'Wednesday: 09:00 to 17:30',
      'Thursday: 09:00 to 17:30',
      'Friday: 09:00 to 17:30',
      'Saturday: 09:00 to 12:00',
      'Sunday: Closed',
    ]);
  });

  it('reads 24/7 as open 24 hours every day', () => {
    expect(importOsmHours('24/7').hours.weekly).toEqual(weekdays.map((byDay) => ({ byDay, opensAt: '00:00', closesAt: '24:00' })));
  });

  it('reads every day the same and lunch breaks', () => {
    expect(weekText('Mo-Su 08:00-22:00')).toContain('Sunday: 08:00 to 22:00');
    expect(weekText('Mo-Fr 08:30-13:00,14:00-17:30')[0]).toBe('Monday: 08:30 to 13:00, 14:00 to 17:30');
  });

  it('keeps a session past midnight as one row, Sunday night included', () => {
    expect(importOsmHours('Fr 22:00-02:00').hours.weekly).toEqual([{ byDay: 'friday', opensAt: '22:00', closesAt: '02:00' }]);
    expect(importOsmHours('Su 22:00-02:00').hours.weekly).toEqual([{ byDay: 'sunday', opensAt: '22:00', closesAt: '02:00' }]);
    expect(importOsmHours('Mo-Sa 08:00-24:00').hours.weekly[0]).toEqual({ byDay: 'monday', opensAt: '08:00', closesAt: '24:00' });
  });

  it('reads public holidays with the usual hours of the day as "as usual"', () => {
    expect(importOsmHours('Mo-Fr 09:00-17:00; PH 09:00-17:00').hours.bankHolidays).toBe('as_usual');
  });

  it('leaves bank holidays unknown when the value does not mention them, unless told otherwise', () => {
    expect(importOsmHours('Mo-Fr 09:00-17:00').hours.bankHolidays).toBe('unknown');
    expect(importOsmHours('Mo-Fr 09:00-17:00', { bankHolidaysWhenNotMentioned: 'as_usual' }).hours.bankHolidays).toBe('as_usual');
  });

  it('reports public holiday hours that differ from the usual ones and keeps the week', () => {
    const { hours, problems } = importOsmHours('Mo-Sa 09:00-18:00; Su,PH 10:00-16:00');

    expect(hours.bankHolidays).toBe('unknown');
    expect(hours.weekly).toHaveLength(7);
    expect(problems.map((problem) => problem.message)).toEqual(['Bank holiday hours differ from the usual hours: add them as dated exceptions']);
  });

  it.each([
    ['', 'No opening hours given'],
    ['Mo-Fr sunrise-sunset', 'The hours follow sunrise or sunset, which weekly hours cannot hold'],
    ['week 1-53/2 Mo 10:00-12:00', 'The hours change by week number, which weekly hours cannot hold'],
    ['week 01-53 Mo-Fr 09:00-17:00', 'The hours change by week number, which weekly hours cannot hold'],
    ['Mo-Fr 09:00-17:00; Sa[-1] 10:00-12:00', 'The hours depend on the week of the month (like Sa[-1], We[4] or Su[1]), which weekly hours cannot hold'],
    ['Mo-Fr 09:00-17:00; We[4] off', 'The hours depend on the week of the month (like Sa[-1], We[4] or Su[1]), which weekly hours cannot hold'],
    ['Mo-Sa 09:00-17:00; Su[1] 10:00-14:00', 'The hours depend on the week of the month (like Sa[-1], We[4] or Su[1]), which weekly hours cannot hold'],
    [
      'Mo-Fr 09:00-17:00; PH off; PH +1 day off',
      'The hours move by days around a holiday (like PH +1 day), which weekly hours cannot hold: add those days as dated exceptions',
    ],
    ['Jan-Mar Mo-Fr 10:00-12:00; Apr-Dec Mo-Fr 09:00-17:00', 'The hours change from week to week or by season, which weekly hours cannot hold'],
  ])('reports %j and imports no hours', (value, message) => {
    const { hours, problems } = importOsmHours(value);

    expect(hours.weekly).toEqual([]);
    expect(problems).toEqual([{ value, message }]);
  });

  it('reports a value it cannot read, with the library\u2019s reason', () => {
    const { hours, problems } = importOsmHours('open most days');

    expect(hours.weekly).toEqual([]);
    expect(problems[0]?.message).toMatch(/^Could not read the opening hours: /);
  });

  it('reports school holiday rules, which the library has no dates for in England', () => {
    expect(importOsmHours('Mo-Fr 09:00-17:00; SH off').problems.map((problem) => problem.message)).toEqual([
      'The hours depend on school holidays, which weekly hours cannot hold',
    ]);
  });

  it('keeps the weekly rows but reports a rule for one date', () => {
    const { hours, problems } = importOsmHours('Mo-Fr 09:00-17:00; Dec 25 off');

    expect(hours.weekly).toHaveLength(5);
    expect(problems.map((problem) => problem.message)).toEqual(['Rules for particular dates were not imported: add them as dated exceptions']);
  });

  it('marks days with hours flagged unknown or commented as unknown days', () => {
    const { hours, problems } = importOsmHours('Mo-Fr 09:00-17:00; Sa 10:00-12:00 "by appointment"');

    expect(hours.unknownDays).toEqual(['saturday']);
    expect(hours.weekly.some((row) => row.byDay === 'saturday')).toBe(false);
    expect(problems.map((problem) => problem.message)).toEqual([
      'Hours marked unknown on Saturday',
      'A comment was not imported: "by appointment"',
    ]);
  });

  it('reports a value that is never open, which would otherwise read as "hours unknown"', () => {
    expect(importOsmHours('off').problems.map((problem) => problem.message)).toEqual(['The value is never open']);
    expect(importOsmHours('Mo-Su off').problems.map((problem) => problem.message)).toEqual(['The value is never open']);
  });

  it('does not call a value open only on particular dates "never open", and imports it as hours unknown', () => {
    const { hours, problems } = importOsmHours('Dec 24 10:00-14:00');

    expect(hours.weekly).toEqual([]);
    expect(problems.map((problem) => problem.message)).toEqual([
      'Rules for particular dates were not imported: add them as dated exceptions',
      'The value is open only on particular dates or holidays, not in a usual week: add those as dated exceptions',
    ]);
  });
});

describe('rowsFromOpenMinutes', () => {
  it('splits an opening longer than a day at each midnight', () => {
    // Prepare: open from Monday 08:00 to Wednesday 18:00.
    const open = new Array<boolean>(7 * 1440).fill(false);
    for (let minute = 8 * 60; minute < 2 * 1440 + 18 * 60; minute += 1) open[minute] = true;

    // Act, Assess
    expect(rowsFromOpenMinutes(open)).toEqual([
      { byDay: 'monday', opensAt: '08:00', closesAt: '24:00' },
      { byDay: 'tuesday', opensAt: '00:00', closesAt: '24:00' },
      { byDay: 'wednesday', opensAt: '00:00', closesAt: '18:00' },
    ]);
  });
});
