import { describe, expect, it } from 'vitest';
import { reminderEmail, weekInOneLine } from '../../../functions/core/reminder-email.js';
import { buildOutlet } from '../../fixtures/outlets.js';

const outlet = buildOutlet({
  name: 'Boots',
  address: { lines: ['Unit 1, Piccadilly Station'], town: 'Manchester', postcode: 'M1 2BN' },
  hours: {
    weekly: [
      ...(['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const).map((byDay) => ({ byDay, opensAt: '09:00', closesAt: '18:00' })),
      { byDay: 'saturday', opensAt: '10:00', closesAt: '16:00' },
    ],
    exceptions: [],
    bankHolidays: 'closed',
  },
  stock: { status: 'in_stock', updatedAt: '2027-02-01T09:00:00.000Z' },
  assuredAt: '2026-12-01T10:00:00.000Z',
  contactEmail: 'manager@example.org',
});
const tokens = { in_stock: 'aaa.bbb.ccc', running_low: 'ddd.eee.fff', out: 'ggg.hhh.iii', confirm: 'jjj.kkk.lll' };
const now = new Date('2027-02-14T07:00:00Z');

describe('reminderEmail', () => {
  it('says what the listing says now, with one link per answer to the confirm page', () => {
    // Act
    const email = reminderEmail({ outlet, reminder: 1, siteUrl: 'https://naloxone.example.org/', tokens, now });

    // Assess
    expect(email.subject).toBe('Check your naloxone listing: Boots');
    expect(email.text).toContain('Stock: In stock, set 13 days ago');
    expect(email.text).toContain('Opening hours: Monday to Friday: 09:00 to 18:00; Saturday: 10:00 to 16:00; Sunday: Closed');
    expect(email.text).toContain('Last confirmed: 1 December 2026 (75 days ago)');
    expect(email.text).toContain('In stock:\nhttps://naloxone.example.org/confirm/?t=aaa.bbb.ccc\n');
    expect(email.text).toContain('Running low:\nhttps://naloxone.example.org/confirm/?t=ddd.eee.fff\n');
    expect(email.text).toContain('Out of stock:\nhttps://naloxone.example.org/confirm/?t=ggg.hhh.iii\n');
    expect(email.text).toContain('Still correct (nothing has changed):\nhttps://naloxone.example.org/confirm/?t=jjj.kkk.lll\n');
    expect(email.text).toContain('Opening the link does not change anything.');
    expect(email.text).toContain('sign in to the outlet portal: https://naloxone.example.org/portal/');
    expect(email.text).toContain('From 1 March 2027, people using the finder will be told that your listing may be out of date.');
    expect(email.text).toContain('These links work until 28 February 2027. Each link works once.');
  });

  it('says in the second reminder that the commissioner will be asked next', () => {
    // Act
    const email = reminderEmail({ outlet, reminder: 2, siteUrl: 'https://naloxone.example.org', tokens, now: new Date('2027-02-21T07:00:00Z') });

    // Assess
    expect(email.subject).toBe('Reminder: check your naloxone listing: Boots');
    expect(email.text).toContain('This is our second reminder. If we do not hear from you, we will ask your local commissioner to check your listing.');
  });

  it('says plainly when the listing was never confirmed, or its stock is not known', () => {
    // Act
    const email = reminderEmail({
      outlet: { ...outlet, assuredAt: null, listedAt: '2026-12-01T10:00:00.000Z', stock: { status: 'unknown', updatedAt: null } },
      reminder: 1,
      siteUrl: 'https://naloxone.example.org',
      tokens,
      now,
    });

    // Assess
    expect(email.text).toContain('Last confirmed: Never (listed on 1 December 2026)');
    expect(email.text).toContain('Stock: Not known');
  });
});

describe('weekInOneLine', () => {
  it('joins runs of days with the same hours, and says when the hours are not known', () => {
    // Act
    const unknown = weekInOneLine({ weekly: [], exceptions: [], bankHolidays: 'unknown' });
    const everyDay = weekInOneLine({
      weekly: (['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const).map((byDay) => ({ byDay, opensAt: '00:00', closesAt: '24:00' })),
      exceptions: [],
      bankHolidays: 'as_usual',
    });

    // Assess
    expect(unknown).toBe('Not known');
    expect(everyDay).toBe('Every day: Open 24 hours');
  });
});
