import { describe, expect, it } from 'vitest';
import { freshnessThresholds } from '../../../functions/contract/freshness.js';
import { freshnessAt, isFreshEnoughForSearch, isRecentlyReportedOutOfStock } from '../../../functions/core/listing-freshness.js';

const now = new Date('2026-11-30T10:00:00Z');
const daysBefore = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

describe('freshnessAt', () => {
  it.each([
    [freshnessThresholds.mayBeOutOfDateDays - 1, 'current'],
    [freshnessThresholds.mayBeOutOfDateDays, 'may_be_out_of_date'],
    [freshnessThresholds.leftOutOfSearchDays - 1, 'may_be_out_of_date'],
    [freshnessThresholds.leftOutOfSearchDays, 'out_of_date'],
  ])('calls a listing confirmed %i days ago %s', (days, expected) => {
    // Act
    const freshness = freshnessAt({ assuredAt: daysBefore(days), listedAt: null }, now);

    // Assess
    expect(freshness).toBe(expected);
  });

  it('counts a listing never confirmed from when it was listed, and one with no dates as maybe out of date, never hidden', () => {
    // Act
    const newlyListed = freshnessAt({ assuredAt: null, listedAt: daysBefore(3) }, now);
    const longListed = freshnessAt({ assuredAt: null, listedAt: daysBefore(400) }, now);
    const noDates = { assuredAt: null, listedAt: null };

    // Assess
    expect([newlyListed, longListed, freshnessAt(noDates, now)]).toEqual(['current', 'out_of_date', 'may_be_out_of_date']);
    expect(isFreshEnoughForSearch(noDates, now)).toBe(true);
  });

  it('uses the confirmation, not the listing date, once there is one', () => {
    // Act
    const freshness = freshnessAt({ assuredAt: daysBefore(1), listedAt: daysBefore(400) }, now);

    // Assess
    expect(freshness).toBe('current');
  });
});

describe('isRecentlyReportedOutOfStock', () => {
  it('says so from two reports, not one', () => {
    // Act
    const counts = [0, 1, 2, 5].map((noKitsReports) => isRecentlyReportedOutOfStock({ noKitsReports }));

    // Assess
    expect(counts).toEqual([false, false, true, true]);
  });
});
