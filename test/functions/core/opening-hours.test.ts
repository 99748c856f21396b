import { describe, expect, it } from 'vitest';
import { openStateSchema } from '../../../functions/contract/find-outlets.js';
import type { OpeningHours } from '../../../functions/contract/outlet.js';
import { isOpenLate, openStateAt } from '../../../functions/core/opening-hours.js';
import { closedOn, everyDay, openOn, weekOf, weekdaysOnly } from './opening-hours-builders.js';

/** Every answer must also be valid against the API contract. */
const stateAt = (hours: OpeningHours, instant: string, options = {}) => openStateSchema.parse(openStateAt(hours, new Date(instant), options));

// 2026 dates used below: Mon 23 Nov (GMT), Wed 15 Jul (BST), Sun 29 Mar (clocks go forward),
// Sun 25 Oct (clocks go back), Fri 25 Dec and Mon 28 Dec (bank holidays).
const pharmacy = weekOf(
  {
    monday: ['08:30-13:00', '14:00-17:30'],
    tuesday: ['08:30-13:00', '14:00-17:30'],
    wednesday: ['08:30-13:00', '14:00-17:30'],
    thursday: ['08:30-13:00', '14:00-17:30'],
    friday: ['08:30-13:00', '14:00-17:30'],
    saturday: ['09:00-12:00'],
  },
  { bankHolidays: 'closed' },
);

describe('openStateAt: a usual week', () => {
  it('is open during a session and says when it closes', () => {
    expect(stateAt(pharmacy, '2026-11-23T10:00:00Z')).toEqual({
      status: 'open',
      closesAt: '2026-11-23T13:00:00+00:00',
      opensAt: null,
      summary: 'Open until 13:00',
    });
  });

  it('gives summer times with the BST offset', () => {
    expect(stateAt(pharmacy, '2026-07-15T15:00:00+01:00')).toMatchObject({
      closesAt: '2026-07-15T17:30:00+01:00',
      summary: 'Open until 17:30',
    });
  });

  it('is closed over lunch and opens again today', () => {
    expect(stateAt(pharmacy, '2026-11-23T13:30:00Z')).toEqual({
      status: 'closed',
      closesAt: null,
      opensAt: '2026-11-23T14:00:00+00:00',
      summary: 'Closed – opens today at 14:00',
    });
  });

  it('opens at the stroke of the hour and closes at it', () => {
    expect(stateAt(pharmacy, '2026-11-23T08:30:00Z').status).toBe('open');
    expect(stateAt(pharmacy, '2026-11-23T17:30:00Z').status).toBe('closed');
  });

  it('opens tomorrow after closing time', () => {
    expect(stateAt(pharmacy, '2026-11-23T18:00:00Z').summary).toBe('Closed – opens tomorrow at 08:30');
  });

  it('names the weekday when the next opening is days away', () => {
    // Prepare: Saturday afternoon, closed on Sunday.
    const state = stateAt(pharmacy, '2026-11-21T15:00:00Z');

    // Assess
    expect(state).toMatchObject({ opensAt: '2026-11-23T08:30:00+00:00', summary: 'Closed – opens Monday at 08:30' });
  });

  it('says "next" when the next opening is on the same weekday a week on', () => {
    const wednesdays = weekOf({ wednesday: ['10:00-12:00'] });

    expect(stateAt(wednesdays, '2026-11-19T09:00:00Z').summary).toBe('Closed – opens Wednesday at 10:00');
    expect(stateAt(wednesdays, '2026-11-18T13:00:00Z')).toMatchObject({
      opensAt: '2026-11-25T10:00:00+00:00',
      summary: 'Closed – opens next Wednesday at 10:00',
    });
  });

  it('runs back-to-back sessions together', () => {
    const hours = weekdaysOnly(['09:00-13:00', '13:00-17:00']);

    expect(stateAt(hours, '2026-11-23T12:00:00Z')).toMatchObject({ closesAt: '2026-11-23T17:00:00+00:00', summary: 'Open until 17:00' });
  });

  it('runs overlapping sessions together', () => {
    const hours = weekdaysOnly(['09:00-13:00', '12:00-15:00']);

    expect(stateAt(hours, '2026-11-23T10:00:00Z').summary).toBe('Open until 15:00');
  });
});

describe('openStateAt: past midnight and all day', () => {
  const lateFriday = weekOf({ friday: ['22:00-02:00'] });

  it('is open before midnight until a time tomorrow', () => {
    expect(stateAt(lateFriday, '2026-11-20T23:00:00Z')).toEqual({
      status: 'open',
      closesAt: '2026-11-21T02:00:00+00:00',
      opensAt: null,
      summary: 'Open until 02:00 tomorrow',
    });
  });

  it('counts a session that started yesterday as open now', () => {
    expect(stateAt(lateFriday, '2026-11-21T01:00:00Z')).toMatchObject({ status: 'open', summary: 'Open until 02:00' });
    expect(stateAt(lateFriday, '2026-11-21T02:00:00Z').status).toBe('closed');
  });

  it('closes at midnight when the session ends at 24:00', () => {
    expect(stateAt(everyDay(['08:00-24:00']), '2026-11-23T23:00:00Z')).toMatchObject({
      closesAt: '2026-11-24T00:00:00+00:00',
      summary: 'Open until midnight',
    });
  });

  it('runs a session to 24:00 on into one from 00:00 the next day', () => {
    const hours = weekOf({ monday: ['08:00-24:00'], tuesday: ['00:00-02:00', '09:00-17:00'] });

    expect(stateAt(hours, '2026-11-23T20:00:00Z').summary).toBe('Open until 02:00 tomorrow');
  });

  it('says "Open 24 hours" with no closing time when open all week', () => {
    const expected = { status: 'open', closesAt: null, opensAt: null, summary: 'Open 24 hours' };

    expect(stateAt(everyDay(['00:00-24:00']), '2026-11-23T03:00:00Z')).toEqual(expected);
    expect(stateAt(everyDay(['00:00-00:00']), '2026-11-23T03:00:00Z')).toEqual(expected);
  });

  it('names the night it closes when open round the clock for some days', () => {
    expect(stateAt(weekdaysOnly(['00:00-24:00']), '2026-11-23T12:00:00Z')).toMatchObject({
      closesAt: '2026-11-28T00:00:00+00:00',
      summary: 'Open until midnight on Friday night',
    });
  });

  it('names the day when a long opening closes after tomorrow', () => {
    const hours = weekOf({ friday: ['08:00-24:00'], saturday: ['00:00-24:00'], sunday: ['00:00-18:00'] });

    expect(stateAt(hours, '2026-11-20T12:00:00Z').summary).toBe('Open until 18:00 on Sunday');
  });
});

describe('openStateAt: unknown hours', () => {
  it('says "Hours unknown – call ahead", never closed, when there are no weekly rows', () => {
    expect(stateAt(weekOf({}), '2026-11-23T10:00:00Z')).toEqual({
      status: 'unknown',
      closesAt: null,
      opensAt: null,
      summary: 'Hours unknown – call ahead',
    });
  });

  it('still uses a dated exception when there are no weekly rows', () => {
    const hours = weekOf({}, { exceptions: [openOn('2026-11-23', ['10:00-14:00'])] });

    expect(stateAt(hours, '2026-11-23T11:00:00Z')).toMatchObject({ status: 'open', summary: 'Open until 14:00' });
  });

  it('is unknown on a day listed in unknownDays', () => {
    const hours = weekdaysOnly(['09:00-17:00'], { unknownDays: ['monday'] });

    expect(stateAt(hours, '2026-11-23T10:00:00Z')).toMatchObject({ status: 'unknown', summary: 'Hours for today unknown – call ahead' });
    expect(stateAt(hours, '2026-11-22T10:00:00Z')).toMatchObject({
      status: 'closed',
      opensAt: null,
      summary: 'Closed – hours for tomorrow unknown, call ahead',
    });
  });
});

describe('openStateAt: dated exceptions', () => {
  it('closes a day that is usually open', () => {
    const hours = weekdaysOnly(['09:00-17:00'], { exceptions: [closedOn('2026-11-23', 'Staff training')] });

    expect(stateAt(hours, '2026-11-23T10:00:00Z')).toEqual({
      status: 'closed',
      closesAt: null,
      opensAt: '2026-11-24T09:00:00+00:00',
      summary: 'Closed today – opens tomorrow at 09:00',
    });
  });

  it('replaces the usual sessions with special ones', () => {
    const hours = weekdaysOnly(['09:00-17:00'], { exceptions: [openOn('2026-11-23', ['10:00-12:00', '15:00-16:00'])] });

    expect(stateAt(hours, '2026-11-23T09:30:00Z').summary).toBe('Closed – opens today at 10:00');
    expect(stateAt(hours, '2026-11-23T11:00:00Z').summary).toBe('Open until 12:00');
    expect(stateAt(hours, '2026-11-23T13:00:00Z').summary).toBe('Closed – opens today at 15:00');
  });

  it('opens a day that is usually closed', () => {
    const hours = weekdaysOnly(['09:00-17:00'], { exceptions: [openOn('2026-11-22', ['10:00-14:00'])] });

    expect(stateAt(hours, '2026-11-22T11:00:00Z').summary).toBe('Open until 14:00');
  });

  it('treats an exception that is neither closed nor has sessions as unknown', () => {
    const hours = weekdaysOnly(['09:00-17:00'], { exceptions: [{ date: '2026-11-23', closed: false, sessions: [] }] });

    expect(stateAt(hours, '2026-11-23T10:00:00Z').status).toBe('unknown');
  });

  it('leaves the part of yesterday\u2019s session that runs past midnight alone', () => {
    const hours = weekOf({ friday: ['22:00-02:00'] }, { exceptions: [closedOn('2026-11-21')] });

    expect(stateAt(hours, '2026-11-21T01:00:00Z').status).toBe('open');
  });

  it('says when nothing opens within 7 days', () => {
    const hours = weekOf({ monday: ['09:00-17:00'] }, { exceptions: [closedOn('2026-11-30')] });

    expect(stateAt(hours, '2026-11-23T18:00:00Z')).toMatchObject({ opensAt: null, summary: 'Closed – not open in the next 7 days' });
  });
});

describe('openStateAt: England and Wales bank holidays', () => {
  const withRule = (bankHolidays: OpeningHours['bankHolidays']) => ({ ...pharmacy, bankHolidays });

  it('is closed on Christmas Day when closed on bank holidays', () => {
    expect(stateAt(withRule('closed'), '2026-12-25T10:00:00Z')).toMatchObject({
      status: 'closed',
      // Boxing Day, Saturday 26th, is kept on its own date too (its bank holiday is Monday 28th).
      opensAt: '2026-12-29T08:30:00+00:00',
      summary: 'Closed today (bank holiday) – opens Tuesday at 08:30',
    });
  });

  it('is closed on the substitute Boxing Day, Monday 28 December 2026', () => {
    expect(stateAt(withRule('closed'), '2026-12-28T10:00:00Z')).toMatchObject({
      opensAt: '2026-12-29T08:30:00+00:00',
      summary: 'Closed today (bank holiday) – opens tomorrow at 08:30',
    });
    expect(stateAt(withRule('closed'), '2026-12-27T13:00:00Z').summary).toBe('Closed – opens Tuesday at 08:30');
  });

  it('is closed on Boxing Day itself, Saturday 26 December 2026, as well as on its substitute', () => {
    expect(stateAt(withRule('closed'), '2026-12-26T10:00:00Z')).toMatchObject({
      status: 'closed',
      opensAt: '2026-12-29T08:30:00+00:00',
      summary: 'Closed today (bank holiday) – opens Tuesday at 08:30',
    });
  });

  it('keeps the usual hours when open as usual', () => {
    expect(stateAt(withRule('as_usual'), '2026-12-28T10:00:00Z').summary).toBe('Open until 13:00');
  });

  it('is unknown on the day when bank holiday hours are unknown, and says so the day before', () => {
    expect(stateAt(withRule('unknown'), '2026-12-28T10:00:00Z')).toEqual({
      status: 'unknown',
      closesAt: null,
      opensAt: null,
      summary: 'Bank holiday – hours may differ, call ahead',
    });
    expect(stateAt(withRule('unknown'), '2026-12-27T13:00:00Z')).toMatchObject({
      status: 'closed',
      opensAt: null,
      summary: 'Closed – tomorrow is a bank holiday, call ahead',
    });
  });

  it('warns when an opening runs up to a bank holiday of unknown hours', () => {
    const hours = everyDay(['00:00-24:00'], { bankHolidays: 'unknown' });

    expect(stateAt(hours, '2026-12-24T12:00:00Z')).toMatchObject({
      closesAt: '2026-12-25T00:00:00+00:00',
      summary: 'Open until midnight – tomorrow is a bank holiday, call ahead',
    });
  });

  it('lets a dated exception win over the bank holiday rule', () => {
    const hours = { ...withRule('closed'), exceptions: [openOn('2026-12-28', ['10:00-14:00'])] };

    expect(stateAt(hours, '2026-12-28T11:00:00Z').summary).toBe('Open until 14:00');
  });

  it('uses a calendar given in the options', () => {
    const oneOff = new Map([['2026-11-23', 'A one-off bank holiday']]);

    expect(stateAt(withRule('closed'), '2026-11-23T10:00:00Z', { bankHolidays: oneOff }).summary).toBe(
      'Closed today (bank holiday) – opens tomorrow at 08:30',
    );
  });
});

describe('openStateAt: clocks going forward, Sunday 29 March 2026', () => {
  // Local 01:00–01:59 does not exist: 00:59 GMT is followed by 02:00 BST (01:00 UTC).
  const earlySunday = weekOf({ sunday: ['00:00-03:00'] });

  it('is open at 00:30 GMT and 02:30 BST and closes at 03:00 BST, two real hours after opening', () => {
    expect(stateAt(earlySunday, '2026-03-29T00:30:00Z')).toMatchObject({ status: 'open', closesAt: '2026-03-29T03:00:00+01:00' });
    expect(stateAt(earlySunday, '2026-03-29T01:30:00Z')).toMatchObject({ status: 'open', summary: 'Open until 03:00' });
    expect(stateAt(earlySunday, '2026-03-29T02:30:00Z').status).toBe('closed');
  });

  it('opens at 02:00 BST a session set to open at 01:30, a time that does not exist', () => {
    const hours = weekOf({ sunday: ['01:30-04:00'] });

    expect(stateAt(hours, '2026-03-29T00:30:00Z')).toMatchObject({
      opensAt: '2026-03-29T02:00:00+01:00',
      summary: 'Closed – opens today at 02:00',
    });
  });

  it('skips a session wholly inside the hour that does not exist', () => {
    const hours = weekOf({ sunday: ['01:00-01:45', '10:00-12:00'] });

    expect(stateAt(hours, '2026-03-29T00:30:00Z')).toMatchObject({
      opensAt: '2026-03-29T10:00:00+01:00',
      summary: 'Closed – opens today at 10:00',
    });
  });

  it('closes a Saturday night session set to end at 01:30 when the clocks jump', () => {
    const hours = weekOf({ saturday: ['22:00-01:30'] });

    expect(stateAt(hours, '2026-03-29T00:45:00Z')).toMatchObject({ status: 'open', closesAt: '2026-03-29T02:00:00+01:00' });
    expect(stateAt(hours, '2026-03-29T01:00:00Z').status).toBe('closed');
  });
});

describe('openStateAt: clocks going back, Sunday 25 October 2026', () => {
  // Local 01:00–01:59 happens twice: first in BST (00:00–00:59 UTC), then in GMT (01:00–01:59 UTC).
  const earlySunday = weekOf({ sunday: ['00:00-03:00'] });

  it('stays open through both 01:30s and closes at 03:00 GMT, four real hours after opening', () => {
    expect(stateAt(earlySunday, '2026-10-24T23:30:00Z').closesAt).toBe('2026-10-25T03:00:00+00:00');
    expect(stateAt(earlySunday, '2026-10-25T00:30:00Z').status).toBe('open');
    expect(stateAt(earlySunday, '2026-10-25T01:30:00Z').status).toBe('open');
    expect(stateAt(earlySunday, '2026-10-25T02:30:00Z').status).toBe('open');
    expect(stateAt(earlySunday, '2026-10-25T03:00:00Z').status).toBe('closed');
  });

  it('closes at the first 01:30 and does not open again at the second', () => {
    const hours = weekOf({ saturday: ['22:00-01:30'] });

    expect(stateAt(hours, '2026-10-25T00:15:00Z')).toMatchObject({ status: 'open', closesAt: '2026-10-25T01:30:00+01:00' });
    expect(stateAt(hours, '2026-10-25T01:15:00Z').status).toBe('closed');
  });

  it('opens at the first 01:30', () => {
    const hours = weekOf({ sunday: ['01:30-09:00'] });

    expect(stateAt(hours, '2026-10-25T00:15:00Z').opensAt).toBe('2026-10-25T01:30:00+01:00');
    expect(stateAt(hours, '2026-10-25T00:45:00Z').status).toBe('open');
  });
});

describe('isOpenLate', () => {
  it.each([
    ['closes at 20:00', ['08:00-20:00'], false],
    ['closes at 20:30', ['08:00-20:30'], true],
    ['opens in the evening', ['21:00-23:00'], true],
    ['runs past midnight', ['18:00-01:00'], true],
    ['closes at midnight', ['17:00-24:00'], true],
    ['is open in the early hours', ['00:00-01:00'], true],
    ['opens at 02:00', ['02:00-06:00'], false],
    ['is open 24 hours', ['00:00-24:00'], true],
  ])('on a day that %s is %s', (_, sessions, late) => {
    expect(isOpenLate(weekOf({ wednesday: sessions }))).toBe(late);
  });

  it('is false with no weekly hours, even if an exception is late', () => {
    expect(isOpenLate(weekOf({}, { exceptions: [openOn('2026-11-23', ['20:00-23:00'])] }))).toBe(false);
  });
});

describe('a week whose weekdays could not be read', () => {
  // As the NHS list gives Noble & Peacock: weekdays unreadable, Saturday and Sunday CLOSED.
  const hours: OpeningHours = { weekly: [], exceptions: [], bankHolidays: 'unknown', unknownDays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] };

  it('keeps the weekend closed and the weekdays unknown', () => {
    // Saturday 28 November 2026, noon; Monday 30 November, noon.
    const saturday = openStateAt(hours, new Date('2026-11-28T12:00:00Z'));
    const monday = openStateAt(hours, new Date('2026-11-30T12:00:00Z'));

    expect(saturday.status).toBe('closed');
    expect(saturday.opensAt).toBeNull();
    expect(monday.status).toBe('unknown');
  });
});
