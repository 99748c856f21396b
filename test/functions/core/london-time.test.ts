import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  londonInstant,
  londonWallClock,
  toLondonIsoString,
  weekdayOf,
} from '../../../functions/core/london-time.js';

const at = (date: string, hhmm: string) => {
  const [hours = 0, minutes = 0] = hhmm.split(':').map(Number);
  return londonInstant(date, hours * 60 + minutes).toISOString();
};

describe('londonWallClock', () => {
  it('reads GMT in winter and BST in summer', () => {
    expect(londonWallClock(new Date('2026-01-15T12:00:00Z'))).toEqual({
      date: '2026-01-15',
      minuteOfDay: 720,
      weekday: 'thursday',
      offsetMinutes: 0,
    });
    expect(londonWallClock(new Date('2026-07-15T23:30:00Z'))).toEqual({
      date: '2026-07-16',
      minuteOfDay: 30,
      weekday: 'thursday',
      offsetMinutes: 60,
    });
  });

  it('jumps from 00:59 GMT to 02:00 BST on 29 March 2026', () => {
    expect(londonWallClock(new Date('2026-03-29T00:59:00Z')).minuteOfDay).toBe(59);
    expect(londonWallClock(new Date('2026-03-29T01:00:00Z')).minuteOfDay).toBe(120);
  });

  it('shows 01:30 twice on 25 October 2026', () => {
    expect(londonWallClock(new Date('2026-10-25T00:30:00Z'))).toMatchObject({ minuteOfDay: 90, offsetMinutes: 60 });
    expect(londonWallClock(new Date('2026-10-25T01:30:00Z'))).toMatchObject({ minuteOfDay: 90, offsetMinutes: 0 });
  });
});

describe('londonInstant', () => {
  it('turns ordinary local times into instants', () => {
    expect(at('2026-01-15', '09:00')).toBe('2026-01-15T09:00:00.000Z');
    expect(at('2026-07-15', '09:00')).toBe('2026-07-15T08:00:00.000Z');
    expect(at('2026-07-15', '24:00')).toBe('2026-07-15T23:00:00.000Z');
  });

  it('maps 00:30, 01:30 (which does not exist) and 02:30 on the spring-forward day', () => {
    expect(at('2026-03-29', '00:30')).toBe('2026-03-29T00:30:00.000Z');
    expect(at('2026-03-29', '01:30')).toBe('2026-03-29T01:00:00.000Z');
    expect(at('2026-03-29', '02:30')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('maps 00:30, 01:30 (twice: the first) and 02:30 on the fall-back day', () => {
    expect(at('2026-10-25', '00:30')).toBe('2026-10-24T23:30:00.000Z');
    expect(at('2026-10-25', '01:30')).toBe('2026-10-25T00:30:00.000Z');
    expect(at('2026-10-25', '02:30')).toBe('2026-10-25T02:30:00.000Z');
  });

  it('counts minutes past 24:00 into the next day', () => {
    expect(londonInstant('2026-10-24', 1440 + 90).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('dates', () => {
  it('formats instants with the London offset', () => {
    expect(toLondonIsoString(new Date('2026-07-01T16:30:00Z'))).toBe('2026-07-01T17:30:00+01:00');
    expect(toLondonIsoString(new Date('2026-12-01T16:30:00Z'))).toBe('2026-12-01T16:30:00+00:00');
  });

  it('adds and counts days across month, year and leap-day boundaries', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(weekdayOf('2026-12-28')).toBe('monday');
  });
});
