import { describe, expect, it } from 'vitest';
import { reportIdSchema } from '../../../functions/contract/report.js';
import { batchesFor, withExpiry } from '../../../functions/core/batches.js';
import { versionOfIfMatch } from '../../../functions/core/portal-views.js';
import { newProblemReport, updatedReport } from '../../../functions/core/problem-report.js';
import { checkSupplyDate, supplyRange, totalsByMonth } from '../../../functions/core/supplies.js';
import { DomainError } from '../../../functions/shared/errors.js';

const now = new Date('2026-11-30T10:00:00Z');

function issuesOf(act: () => unknown) {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainError) return error.issues;
    throw error;
  }
  return [];
}

describe('versionOfIfMatch', () => {
  it.each([
    ['"7"', 7],
    [' "12" ', 12],
    ['*', null],
    ['W/"7"', null],
    ['"7", "8"', null],
    ['7', null],
  ])('reads %s as %s', (value, expected) => {
    // Act
    const version = versionOfIfMatch(value);

    // Assess
    expect(version).toBe(expected);
  });
});

describe('supplies', () => {
  it('accepts today and the past year, and refuses the future and anything older', () => {
    // Act
    const results = ['2026-11-30', '2025-11-29', '2026-12-01', '2025-11-28'].map((date) => issuesOf(() => checkSupplyDate(date, now)));

    // Assess
    expect(results).toEqual([
      [],
      [],
      [{ path: 'date', message: 'The date cannot be in the future' }],
      [{ path: 'date', message: 'The date must be within the last year' }],
    ]);
  });

  it('reads the last 12 months by default, from the first of the month', () => {
    // Act
    const range = supplyRange({}, now);

    // Assess
    expect(range).toEqual({ from: '2025-12-01', to: '2026-11-30' });
  });

  it('refuses a range longer than two years', () => {
    // Act
    const issues = issuesOf(() => supplyRange({ from: '2020-01-01', to: '2026-11-30' }, now));

    // Assess
    expect(issues).toEqual([{ path: 'from', message: 'Ask for two years or less at a time' }]);
  });

  it('totals days by month and kit type, reasons included', () => {
    // Act
    const months = totalsByMonth([
      { date: '2026-10-30', kitType: 'injectable', first: 1, resupply: 0, resupplyReasons: {} },
      { date: '2026-11-01', kitType: 'nasal', first: 2, resupply: 1, resupplyReasons: { lost: 1 } },
      { date: '2026-11-02', kitType: 'nasal', first: 1, resupply: 2, resupplyReasons: { lost: 1, used_on_someone: 1 } },
      { date: '2026-11-02', kitType: 'injectable', first: 1, resupply: 0, resupplyReasons: {} },
    ]);

    // Assess
    expect(months).toEqual([
      { month: '2026-10', kitType: 'injectable', first: 1, resupply: 0, resupplyReasons: {} },
      { month: '2026-11', kitType: 'nasal', first: 3, resupply: 3, resupplyReasons: { lost: 2, used_on_someone: 1 } },
      { month: '2026-11', kitType: 'injectable', first: 1, resupply: 0, resupplyReasons: {} },
    ]);
  });
});

describe('batches', () => {
  const batch = (batchNumber: string, expiresOn: string) => ({
    id: `id-${batchNumber}-${expiresOn}`,
    batchNumber,
    kitType: 'nasal' as const,
    quantity: 10,
    expiresOn,
    addedAt: '2026-11-01T09:00:00.000Z',
    addedBy: 'Asha',
  });

  it('flags a batch from 60 days before its expiry date, and as expired the day after', () => {
    // Act
    const states = ['2027-01-29', '2027-01-30', '2026-11-30', '2026-11-29'].map((date) => {
      const { expiry, daysToExpiry } = withExpiry(batch('A1', date), now);
      return [expiry, daysToExpiry];
    });

    // Assess
    expect(states).toEqual([
      ['expiring_soon', 60],
      ['ok', 61],
      ['expiring_soon', 0],
      ['expired', -1],
    ]);
  });

  it('finds a recalled batch number however it is typed, soonest expiry first', () => {
    // Act
    const found = batchesFor([batch('NX 24-001', '2027-06-30'), batch('NX24001', '2027-03-31'), batch('NX24002', '2027-01-31')], now, 'nx24 001');

    // Assess
    expect(found.map((each) => each.expiresOn)).toEqual(['2027-03-31', '2027-06-30']);
  });
});

describe('problem reports', () => {
  it('gives a report an id that starts with when it came in and says nothing about who sent it', () => {
    // Act
    const report = newProblemReport({ outletId: 'FA1', problem: 'no_kits', details: undefined }, '1b4e28ba-2fa1-11d2-883f-0016d3cca427', now);

    // Assess
    expect(report.id).toBe('20261130T100000000Z-1b4e28ba-2fa1-11d2-883f-0016d3cca427');
    expect(reportIdSchema.safeParse(report.id).success).toBe(true);
    expect(report).toMatchObject({ status: 'open', dealtWithAt: null, note: null });
  });

  it('records who dealt with a report and when, keeps that on a second update, and clears it on reopening', () => {
    // Prepare
    const report = newProblemReport({ outletId: 'FA1', problem: 'no_kits', details: undefined }, '1b4e28ba-2fa1-11d2-883f-0016d3cca427', now);

    // Act
    const dealt = updatedReport(report, { status: 'dealt_with', note: 'Restocked' }, 'Asha', now);
    const again = updatedReport(dealt, { status: 'dealt_with', note: undefined }, 'Ben', new Date('2026-12-01T10:00:00Z'));
    const reopened = updatedReport(again, { status: 'open', note: undefined }, 'Ben', new Date('2026-12-02T10:00:00Z'));

    // Assess
    expect([dealt.dealtWithBy, dealt.dealtWithAt, dealt.note]).toEqual(['Asha', now.toISOString(), 'Restocked']);
    expect([again.dealtWithBy, again.dealtWithAt, again.note]).toEqual(['Asha', now.toISOString(), 'Restocked']);
    expect([reopened.status, reopened.dealtWithBy, reopened.note]).toEqual(['open', null, 'Restocked']);
  });
});
