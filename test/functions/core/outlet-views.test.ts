import { describe, expect, it } from 'vitest';
import { outletDetailSchema, publicListingFields } from '../../../functions/contract/find-outlets.js';
import { ageInDays } from '../../../functions/core/listing-age.js';
import { statusAt } from '../../../functions/core/listing-visibility.js';
import { outletFilter } from '../../../functions/core/outlet-filters.js';
import { toOutletDetail, toOutletSummary } from '../../../functions/core/outlet-views.js';
import { buildOutlet } from '../../fixtures/outlets.js';

// A Monday, 10:00 in London (GMT).
const monday = new Date('2026-11-30T10:00:00Z');
const closed = buildOutlet({ status: 'temporarily_closed', reopensOn: '2026-12-07', alert: 'Closed for a refit' });

describe('public views', () => {
  it('build the listing from the allow-list: a private field on the stored outlet never reaches the answer', () => {
    // Prepare
    const stored = { ...buildOutlet(), contactEmail: 'manager@example.org', notes: 'Difficult landlord', history: [{ by: 'Asha' }] };

    // Act
    const detail = toOutletDetail(stored, monday);
    const summary = toOutletSummary(stored, monday);

    // Assess
    for (const answer of [detail, summary]) {
      expect(JSON.stringify(answer)).not.toMatch(/manager@example|landlord|Asha/);
    }
    expect(Object.keys(detail).filter((key) => !publicListingFields.includes(key as never)).sort()).toEqual(
      ['assuredAgeDays', 'freshness', 'openState', 'recentlyReportedOutOfStock', 'stockAgeDays', 'upcomingHoursChanges', 'weeklyHours'].sort(),
    );
    expect(outletDetailSchema.safeParse(detail).success).toBe(true);
  });

  it('show a temporary closure, with the day it reopens, ahead of the usual hours', () => {
    // Act
    const summary = toOutletSummary(closed, monday);

    // Assess
    expect(summary.status).toBe('temporarily_closed');
    expect(summary.openState).toEqual({ status: 'closed', closesAt: null, opensAt: null, summary: 'Temporarily closed – reopens Monday 7 December' });
    expect(summary.alert).toBe('Closed for a refit');
  });

  it('read a closure as over from the day it reopens, without anyone changing it', () => {
    // Act
    const onTheDay = toOutletSummary(closed, new Date('2026-12-07T10:00:00Z'));

    // Assess
    expect(onTheDay.status).toBe('active');
    expect(onTheDay.openState.summary).toBe('Open until 17:30');
    expect(statusAt(closed, new Date('2026-12-06T23:59:00Z'))).toBe('temporarily_closed');
  });
});

describe('outletFilter', () => {
  it('keeps a temporarily closed outlet in plain searches but never in "open now" or "open late"', () => {
    // Prepare
    const late = { ...closed, hours: { weekly: [{ byDay: 'monday' as const, opensAt: '09:00', closesAt: '23:00' }], exceptions: [], bankHolidays: 'unknown' as const } };

    // Act
    const plain = outletFilter({}, monday)(late);
    const openNow = outletFilter({ openNow: true }, monday)(late);
    const openLate = outletFilter({ openLate: true }, monday)(late);

    // Assess
    expect([plain, openNow, openLate]).toEqual([true, false, false]);
  });

  it('never keeps a withdrawn outlet', () => {
    // Act
    const kept = outletFilter({}, monday)(buildOutlet({ status: 'inactive' }));

    // Assess
    expect(kept).toBe(false);
  });
});

describe('ageInDays', () => {
  it('counts calendar days in London: 23:00 yesterday is a day ago at 08:00 today', () => {
    // Act
    const yesterday = ageInDays('2026-11-29T23:00:00Z', new Date('2026-11-30T08:00:00Z'));
    const today = ageInDays('2026-11-30T00:30:00Z', new Date('2026-11-30T23:30:00Z'));
    // In summer London is an hour ahead: 23:30 UTC on 30 June is already 1 July there.
    const summer = ageInDays('2026-06-30T23:30:00Z', new Date('2026-07-01T08:00:00Z'));

    // Assess
    expect([yesterday, today, summer, ageInDays(null, monday)]).toEqual([1, 0, 0, null]);
  });
});
