import { describe, expect, it } from 'vitest';
import { describeWeeklyHours, sessionsText, upcomingHoursChanges } from '../../../functions/core/opening-hours-text.js';
import { closedOn, everyDay, openOn, weekOf } from './opening-hours-builders.js';

describe('describeWeeklyHours', () => {
  it('writes one line a day, Monday first', () => {
    // Prepare
    const hours = weekOf({ monday: ['14:00-17:30', '08:30-13:00'], saturday: ['09:00-12:00'], sunday: ['22:00-02:00'] });

    // Act
    const lines = describeWeeklyHours(hours).map((row) => row.line);

    // Assess
    expect(lines).toEqual([
      'Monday: 08:30 to 13:00, 14:00 to 17:30',
      'Tuesday: Closed',
      'Wednesday: Closed',
      'Thursday: Closed',
      'Friday: Closed',
      'Saturday: 09:00 to 12:00',
      'Sunday: 22:00 to 02:00 the next day',
    ]);
  });

  it('says "Hours unknown – call ahead" for every day when there are no weekly rows, never "Closed"', () => {
    expect(new Set(describeWeeklyHours(weekOf({})).map((row) => row.text))).toEqual(new Set(['Hours unknown – call ahead']));
  });

  it('says "Hours unknown – call ahead" on a day listed in unknownDays', () => {
    const rows = describeWeeklyHours(weekOf({ tuesday: ['09:00-17:00'] }, { unknownDays: ['monday'] }));

    expect(rows.slice(0, 3).map((row) => row.text)).toEqual(['Hours unknown – call ahead', '09:00 to 17:00', 'Closed']);
  });

  it('writes midnight and 24 hours in words', () => {
    expect(sessionsText([{ opensAt: '08:00', closesAt: '24:00' }])).toBe('08:00 to midnight');
    expect(sessionsText([{ opensAt: '00:00', closesAt: '24:00' }])).toBe('Open 24 hours');
    expect(describeWeeklyHours(everyDay(['00:00-00:00']))[0]?.line).toBe('Monday: Open 24 hours');
  });
});

describe('upcomingHoursChanges', () => {
  const hours = weekOf(
    { monday: ['09:00-17:00'], thursday: ['09:00-17:00'], friday: ['09:00-17:00'] },
    { bankHolidays: 'closed', exceptions: [openOn('2026-12-24', ['09:00-13:00']), closedOn('2027-01-21', 'Stocktake')] },
  );

  it('lists exceptions and bank holidays in the next 4 weeks, with their hours', () => {
    // Act
    const changes = upcomingHoursChanges(hours, new Date('2026-12-20T10:00:00Z'));

    // Assess
    expect(changes).toEqual([
      { date: '2026-12-24', dateLabel: 'Thursday 24 December', reason: 'exception', text: '09:00 to 13:00' },
      { date: '2026-12-25', dateLabel: 'Friday 25 December', reason: 'bank_holiday', bankHoliday: 'Christmas Day', text: 'Closed' },
      // Boxing Day on its own date, a Saturday, as well as on its substitute Monday.
      { date: '2026-12-26', dateLabel: 'Saturday 26 December', reason: 'bank_holiday', bankHoliday: 'Boxing Day', text: 'Closed' },
      {
        date: '2026-12-28',
        dateLabel: 'Monday 28 December',
        reason: 'bank_holiday',
        bankHoliday: 'Boxing Day (substitute day)',
        text: 'Closed',
      },
      { date: '2027-01-01', dateLabel: 'Friday 1 January', reason: 'bank_holiday', bankHoliday: 'New Year’s Day', text: 'Closed' },
    ]);
  });

  it('carries the note of an exception and looks as far as asked', () => {
    const changes = upcomingHoursChanges(hours, new Date('2027-01-10T10:00:00Z'), { days: 14 });

    expect(changes).toEqual([
      { date: '2027-01-21', dateLabel: 'Thursday 21 January', reason: 'exception', text: 'Closed', note: 'Stocktake' },
    ]);
  });

  it('shows usual hours or a warning on bank holidays by the outlet\u2019s rule', () => {
    const now = new Date('2026-12-27T10:00:00Z');

    expect(upcomingHoursChanges({ ...hours, bankHolidays: 'as_usual' }, now, { days: 2 })[0]?.text).toBe('Usual hours: 09:00 to 17:00');
    expect(upcomingHoursChanges({ ...hours, bankHolidays: 'unknown' }, now, { days: 2 })[0]?.text).toBe('Hours may differ – call ahead');
  });
});
