/**
 * "Open now" where the outlet is: each nation's bank holidays reach the hours engine through the
 * public views (search results, the outlet page, coverage gaps and the portal all use them), the
 * three winter holidays are kept on their own dates, and a night after a day of unknown hours is
 * never "closed".
 */
import { describe, expect, it } from 'vitest';
import { openStateAt } from '../../../functions/core/opening-hours.js';
import { listingOpenStateAt, toOutletDetail } from '../../../functions/core/outlet-views.js';
import { buildOutlet } from '../../fixtures/outlets.js';
import { everyDay, weekOf, weekdaysOnly } from './opening-hours-builders.js';

const closedOnBankHolidays = weekdaysOnly(['09:00-18:00'], { bankHolidays: 'closed' });
const glasgow = buildOutlet({
  hours: closedOnBankHolidays,
  address: { lines: ['1 Buchanan Street'], town: 'Glasgow', postcode: 'G1 3HL' },
  localAuthorityCode: 'S12000049',
});
const belfast = buildOutlet({
  hours: closedOnBankHolidays,
  address: { lines: ['1 Donegall Place'], town: 'Belfast', postcode: 'BT1 5AA' },
  localAuthorityCode: 'N09000003',
});
const manchester = buildOutlet({ hours: closedOnBankHolidays });
const at = (instant: string) => new Date(instant);

describe('open now by the outlet’s own nation', () => {
  it('closes a Glasgow pharmacy on St Andrew’s Day, Monday 30 November 2026, and not a Manchester one', () => {
    expect(listingOpenStateAt(glasgow, at('2026-11-30T12:00:00Z'))).toMatchObject({
      status: 'closed',
      summary: 'Closed today (bank holiday) – opens tomorrow at 09:00',
    });
    expect(listingOpenStateAt(manchester, at('2026-11-30T12:00:00Z')).summary).toBe('Open until 18:00');
  });

  it('closes a Glasgow pharmacy on Monday 4 January 2027, the substitute for 2 January', () => {
    expect(listingOpenStateAt(glasgow, at('2027-01-04T12:00:00Z')).status).toBe('closed');
    expect(listingOpenStateAt(manchester, at('2027-01-04T12:00:00Z')).status).toBe('open');
  });

  it('keeps a Glasgow pharmacy open on England’s summer bank holiday, Monday 31 August 2026', () => {
    expect(listingOpenStateAt(glasgow, at('2026-08-31T11:00:00Z')).summary).toBe('Open until 18:00');
    expect(listingOpenStateAt(manchester, at('2026-08-31T11:00:00Z')).status).toBe('closed');
    // Scotland's summer holiday is the first Monday in August.
    expect(listingOpenStateAt(glasgow, at('2026-08-03T11:00:00Z')).status).toBe('closed');
  });

  it('uses the postcode when the listing has no local authority, as search results do', () => {
    const { localAuthorityCode: _dropped, ...searchable } = glasgow;

    expect(listingOpenStateAt({ ...searchable }, at('2026-11-30T12:00:00Z')).status).toBe('closed');
    expect(listingOpenStateAt({ ...glasgow, localAuthorityCode: null }, at('2026-11-30T12:00:00Z')).status).toBe('closed');
  });

  it('closes a Belfast outlet on St Patrick’s Day and on the Twelfth’s substitute, Monday 13 July 2026', () => {
    expect(listingOpenStateAt(belfast, at('2026-03-17T12:00:00Z')).status).toBe('closed');
    expect(listingOpenStateAt(belfast, at('2026-07-13T11:00:00Z')).status).toBe('closed');
    expect(listingOpenStateAt(manchester, at('2026-07-13T11:00:00Z')).status).toBe('open');
  });

  it('lists the nation’s own holidays among the outlet page’s coming changes', () => {
    const glasgowDates = toOutletDetail(glasgow, at('2026-11-20T12:00:00Z')).upcomingHoursChanges.map((change) => change.date);
    const manchesterDates = toOutletDetail(manchester, at('2026-11-20T12:00:00Z')).upcomingHoursChanges.map((change) => change.date);

    expect(glasgowDates.slice(0, 1)).toEqual(['2026-11-30']);
    expect(manchesterDates).not.toContain('2026-11-30');
    const inDecember = (outlet: typeof glasgow) => toOutletDetail(outlet, at('2026-12-10T12:00:00Z')).upcomingHoursChanges.map((change) => change.date);
    expect(inDecember(glasgow)).toContain('2027-01-04');
    expect(inDecember(manchester)).not.toContain('2027-01-04');
  });
});

describe('Christmas Day, Boxing Day and New Year’s Day on their own dates', () => {
  it('closes an outlet closed on bank holidays on Saturday 25 December 2027 and on the substitute Monday', () => {
    const hours = weekOf({ saturday: ['09:00-18:00'], monday: ['09:00-18:00'], tuesday: ['09:00-18:00'], wednesday: ['09:00-18:00'] }, { bankHolidays: 'closed' });

    expect(openStateAt(hours, at('2027-12-25T12:00:00Z')).summary).toBe('Closed today (bank holiday) – opens Wednesday at 09:00');
    expect(openStateAt(hours, at('2027-12-27T12:00:00Z')).status).toBe('closed');
    expect(openStateAt(hours, at('2027-12-28T12:00:00Z')).status).toBe('closed');
    expect(openStateAt(hours, at('2027-12-29T12:00:00Z')).summary).toBe('Open until 18:00');
  });

  it('closes on Saturday 1 January 2028 and on its substitute, Monday 3 January', () => {
    const hours = everyDay(['09:00-18:00'], { bankHolidays: 'closed' });

    expect(openStateAt(hours, at('2028-01-01T12:00:00Z')).status).toBe('closed');
    expect(openStateAt(hours, at('2028-01-02T12:00:00Z')).status).toBe('open');
    expect(openStateAt(hours, at('2028-01-03T12:00:00Z')).status).toBe('closed');
  });
});

describe('a night after a day of unknown hours', () => {
  const overnight = everyDay(['20:00-06:00'], { bankHolidays: 'unknown' });

  it('is "hours unknown – call ahead" while a session begun on the unknown bank holiday could still be open', () => {
    // Monday 31 August 2026 is a bank holiday of unknown hours; its usual session would run to 06:00 Tuesday.
    expect(openStateAt(overnight, at('2026-09-01T02:00:00Z'))).toEqual({
      status: 'unknown',
      closesAt: null,
      opensAt: null,
      summary: 'Hours unknown – call ahead',
    });
    expect(openStateAt(overnight, at('2026-09-01T06:30:00Z')).summary).toBe('Closed – opens today at 20:00');
  });

  it('is unknown after a weekday whose hours could not be read, if the outlet works nights', () => {
    const hours = { ...weekdaysOnly(['18:00-02:00']), unknownDays: ['monday' as const], bankHolidays: 'as_usual' as const };
    const withoutMonday = { ...hours, weekly: hours.weekly.filter((row) => row.byDay !== 'monday') };

    expect(openStateAt(withoutMonday, at('2026-11-24T00:30:00Z')).status).toBe('unknown');
    expect(openStateAt(withoutMonday, at('2026-11-24T03:00:00Z')).status).toBe('closed');
  });

  it('stays closed after an unknown day for an outlet whose sessions all end by midnight', () => {
    const hours = weekdaysOnly(['09:00-17:00'], { bankHolidays: 'unknown' });

    expect(openStateAt(hours, at('2026-09-01T02:00:00Z')).summary).toBe('Closed – opens today at 09:00');
  });
});
