/**
 * The demo's illustrative dates, counted as the finder counts them: in London calendar days. The
 * demo says listings were confirmed 0 to 89 days ago and stock set 0 to 20 days ago, so none is over
 * the 90-day mark, at any hour: here just after midnight in summer, 89 days after a winter date.
 */
import { describe, expect, it } from 'vitest';
import { daysBetween, londonWallClock } from '../../functions/core/london-time.js';
import { readDemoOutlets } from '../../local/demo-outlets.js';

describe('readDemoOutlets', () => {
  it('dates confirmations 0 to 89 and stock 0 to 20 London days back, even in the first hour of a BST day', async () => {
    // Prepare: 00:30 BST on Friday 11 June 2027; 89 days before is in March, before the clocks changed.
    const now = new Date('2027-06-10T23:30:00Z');
    const today = londonWallClock(now).date;
    const ageOf = (iso: string) => daysBetween(londonWallClock(new Date(iso)).date, today);

    // Act
    const outlets = (await readDemoOutlets(now)).map(({ outlet }) => outlet);

    // Assess
    const assured = outlets.flatMap((outlet) => (outlet.assuredAt ? [ageOf(outlet.assuredAt)] : []));
    const stock = outlets.flatMap((outlet) => (outlet.stock.updatedAt ? [ageOf(outlet.stock.updatedAt)] : []));
    expect(today).toBe('2027-06-11');
    expect([Math.min(...assured), Math.max(...assured)]).toEqual([0, 89]);
    expect([Math.min(...stock), Math.max(...stock)]).toEqual([0, 20]);
    for (const outlet of outlets) {
      expect(Date.parse(outlet.assuredAt ?? now.toISOString())).toBeLessThanOrEqual(now.getTime());
    }
  });
});
