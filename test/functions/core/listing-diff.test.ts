import { describe, expect, it } from 'vitest';
import { diffListing, valueText } from '../../../functions/core/listing-diff.js';
import { buildOutlet } from '../../fixtures/outlets.js';

describe('diffListing', () => {
  it('finds nothing between a listing and itself', () => {
    // Act
    const changes = diffListing(buildOutlet(), buildOutlet());

    // Assess
    expect(changes).toEqual([]);
  });

  it('compares hours and eligibility part by part, in words', () => {
    // Prepare
    const before = buildOutlet();
    const after = buildOutlet({
      hours: { ...before.hours, weekly: [{ byDay: 'monday', opensAt: '08:30', closesAt: '17:30' }], bankHolidays: 'closed' },
      eligibility: { ...before.eligibility, walkIn: false },
    });

    // Act
    const changes = diffListing(before, after);

    // Assess
    expect(changes.map((change) => [change.field, change.label, change.fromText, change.toText])).toEqual([
      [
        'hours.weekly',
        'Usual opening hours',
        'Monday: 09:00 to 17:30; Tuesday: Closed; Wednesday: Closed; Thursday: Closed; Friday: Closed; Saturday: Closed; Sunday: Closed',
        'Monday: 08:30 to 17:30; Tuesday: Closed; Wednesday: Closed; Thursday: Closed; Friday: Closed; Saturday: Closed; Sunday: Closed',
      ],
      ['hours.bankHolidays', 'On bank holidays', 'Not known – call ahead', 'Closed'],
      ['eligibility.walkIn', 'Walk in, no appointment', 'Yes', 'No'],
    ]);
  });

  it('keeps a stock date change out of the history: the stock line says it', () => {
    // Act
    const changes = diffListing(
      buildOutlet({ stock: { status: 'in_stock', updatedAt: '2026-11-01T00:00:00.000Z' } }),
      buildOutlet({ stock: { status: 'in_stock', updatedAt: '2026-11-30T00:00:00.000Z' } }),
    );

    // Assess
    expect(changes).toEqual([]);
  });
});

describe('valueText', () => {
  it.each([
    ['alert', null, 'Not given'],
    ['kitTypes', ['nasal', 'injectable'], 'Nasal spray (Nyxoid), Injection (Prenoxad)'],
    ['kitTypes', [], 'None'],
    ['status', 'temporarily_closed', 'Temporarily closed'],
    ['reopensOn', '2026-12-07', 'Monday 7 December'],
    ['assuredAt', '2026-07-01T16:30:00.000Z', '1 July 2026 at 17:30'],
    ['hours.exceptions', [{ date: '2026-12-25', closed: true, sessions: [] }], 'Friday 25 December: Closed'],
  ])('writes %s %j as %s', (field, value, expected) => {
    // Act
    const text = valueText(field, value);

    // Assess
    expect(text).toBe(expected);
  });
});
