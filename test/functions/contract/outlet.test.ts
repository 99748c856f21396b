import { describe, expect, it } from 'vitest';
import { openingHoursSchema, outletSchema } from '../../../functions/contract/outlet.js';
import { buildOutlet } from '../../fixtures/outlets.js';

const messagesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.success ? [] : (result.error?.issues ?? []).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));

describe('openingHoursSchema', () => {
  it('accepts closing at 24:00 but not opening at it', () => {
    const closesAtMidnight = openingHoursSchema.safeParse({ weekly: [{ byDay: 'monday', opensAt: '17:00', closesAt: '24:00' }] });
    const opensAtMidnight = openingHoursSchema.safeParse({ weekly: [{ byDay: 'monday', opensAt: '24:00', closesAt: '02:00' }] });

    expect(closesAtMidnight.success).toBe(true);
    expect(messagesOf(opensAtMidnight)).toEqual([
      { path: 'weekly.0.opensAt', message: 'Enter an opening time as HH:MM, from 00:00 to 23:59' },
    ]);
  });

  it('refuses a closed day with sessions, and two exceptions for one date', () => {
    const result = openingHoursSchema.safeParse({
      weekly: [],
      exceptions: [
        { date: '2026-12-24', closed: true, sessions: [{ opensAt: '09:00', closesAt: '12:00' }] },
        { date: '2026-12-31', closed: false, sessions: [{ opensAt: '10:00', closesAt: '12:00' }] },
      ],
    });

    expect(messagesOf(result)).toEqual([
      { path: 'exceptions.0.sessions', message: 'A day that is closed has no opening sessions' },
    ]);
    const duplicates = openingHoursSchema.safeParse({
      weekly: [],
      exceptions: [
        { date: '2026-12-24', closed: true },
        { date: '2026-12-24', closed: false, sessions: [{ opensAt: '10:00', closesAt: '12:00' }] },
      ],
    });
    expect(messagesOf(duplicates)).toEqual([{ path: 'exceptions', message: 'Give each date at most one exception' }]);
  });
});

describe('outletSchema', () => {
  it('accepts only web addresses for a website', () => {
    const https = outletSchema.safeParse({ ...buildOutlet(), website: 'https://example.org/naloxone' });
    const script = outletSchema.safeParse({ ...buildOutlet(), website: 'javascript:alert(1)' });
    const data = outletSchema.safeParse({ ...buildOutlet(), website: 'data:text/html,hi' });

    expect(https.success).toBe(true);
    expect(messagesOf(script)).toEqual([{ path: 'website', message: 'Enter a website address starting with https://' }]);
    expect(data.success).toBe(false);
  });
});
