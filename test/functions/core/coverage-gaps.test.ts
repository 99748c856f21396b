import { describe, expect, it } from 'vitest';
import type { CoverageMoment } from '../../../functions/contract/coverage.js';
import { computeCoverage, coverageMoments } from '../../../functions/core/coverage-gaps.js';
import { haversineKm } from '../../../functions/core/distance.js';
import { buildOutlet } from '../../fixtures/outlets.js';
import { seededRandom } from '../../support/seeded-random.js';

// Monday 30 November 2026, 10:00 in London.
const now = new Date('2026-11-30T10:00:00Z');

const everyDay = (opensAt: string, closesAt: string) =>
  (['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const).map((byDay) => ({ byDay, opensAt, closesAt }));

describe('coverageMoments', () => {
  it('takes the coming Wednesday by day and by night and the coming Sunday, in London time', () => {
    // Act
    const moments = coverageMoments(now);

    // Assess
    expect(moments.map((moment) => [moment.key, moment.date, moment.at])).toEqual([
      ['weekday_day', '2026-12-02', '2026-12-02T12:00:00.000Z'],
      ['weekday_night', '2026-12-02', '2026-12-02T22:00:00.000Z'],
      ['sunday', '2026-12-06', '2026-12-06T12:00:00.000Z'],
    ]);
  });
});

describe('computeCoverage', () => {
  const [day, night] = coverageMoments(now) as [CoverageMoment, CoverageMoment, CoverageMoment];
  const late = buildOutlet({ id: 'LATE', location: { lat: 53.5, lng: -2.3 }, hours: { weekly: everyDay('08:00', '24:00'), exceptions: [], bankHolidays: 'as_usual' } });
  const dayOnly = buildOutlet({ id: 'DAY', location: { lat: 53.45, lng: -2.25 }, hours: { weekly: everyDay('09:00', '17:00'), exceptions: [], bankHolidays: 'as_usual' } });
  const closed = buildOutlet({ id: 'SHUT', location: { lat: 53.44, lng: -2.25 }, status: 'temporarily_closed', reopensOn: '2027-01-04', hours: { weekly: everyDay('00:00', '24:00'), exceptions: [], bankHolidays: 'as_usual' } });

  it('finds each place’s nearest outlet open at the moment, exactly as a brute-force search does', () => {
    // Prepare
    const random = seededRandom(7);
    const places = Array.from({ length: 200 }, (_, n) => ({ label: `P${n}`, lat: 53.4 + random() * 0.2, lng: -2.4 + random() * 0.3 }));
    const outlets = Array.from({ length: 40 }, (_, n) =>
      buildOutlet({ id: `O${n}`, location: { lat: 53.4 + random() * 0.2, lng: -2.4 + random() * 0.3 }, hours: { weekly: everyDay(n % 2 ? '09:00' : '08:00', n % 2 ? '17:00' : '23:00'), exceptions: [], bankHolidays: 'as_usual' } }),
    );

    // Act
    const [byDay, byNight] = computeCoverage(places, outlets, [day, night], { maxDistanceKm: 100 });

    // Assess
    for (const [result, open] of [
      [byDay, outlets],
      [byNight, outlets.filter((_, n) => n % 2 === 0)],
    ] as const) {
      for (const gap of result?.gaps ?? []) {
        const expected = Math.min(...open.map((outlet) => haversineKm(gap, outlet.location)));
        expect(gap.distanceKm).toBeCloseTo(expected, 2);
      }
    }
    expect([byDay?.openOutlets, byNight?.openOutlets]).toEqual([40, 20]);
  });

  it('counts a temporarily closed outlet as giving out nothing, and says when no outlet is in reach', () => {
    // Prepare
    const places = [{ label: 'M1 1AE', lat: 53.45, lng: -2.26 }, { label: 'Far', lat: 58.0, lng: -5.0 }];

    // Act
    const [byDay, byNight] = computeCoverage(places, [late, dayOnly, closed], [day, night], { maxDistanceKm: 100 });

    // Assess
    expect(byDay?.worst.map((gap) => [gap.label, gap.nearest?.id ?? null])).toEqual([
      ['Far', null],
      ['M1 1AE', 'DAY'],
    ]);
    expect(byNight?.gaps.find((gap) => gap.label === 'M1 1AE')?.nearest?.id).toBe('LATE');
    expect([byDay?.withoutOutletInReach, byDay?.sharePercentWithin['1']]).toEqual([1, 50]);
  });
});
