/**
 * The one-time code rules, on a clock the test moves: 6 digits, 10 minutes, one use, 5 wrong tries.
 */
import { describe, expect, it } from 'vitest';
import { OneTimeCodes, codeLifetimeMs, maxWrongTries } from '../../local/one-time-codes.js';

function codesWithClock() {
  const clock = { now: 1_800_000_000_000 };
  return { clock, codes: new OneTimeCodes(() => clock.now) };
}

const wrongCodeFor = (code: string) => (code === '000000' ? '000001' : '000000');

describe('OneTimeCodes', () => {
  it('issues 6-digit codes and accepts the right one once', () => {
    // Prepare
    const { codes } = codesWithClock();
    const code = codes.issue('attempt-1', 'asha.patel@example.org', true);

    // Act
    const first = codes.check('attempt-1', code ?? '');
    const second = codes.check('attempt-1', code ?? '');

    // Assess
    expect(code).toMatch(/^\d{6}$/);
    expect(first).toEqual({ outcome: 'accepted', email: 'asha.patel@example.org' });
    expect(second).toEqual({ outcome: 'no_code' });
  });

  it('refuses a code at 10 minutes, and accepts it just before', () => {
    // Prepare
    const { clock, codes } = codesWithClock();
    const early = codes.issue('early', 'asha.patel@example.org', true) ?? '';
    const late = codes.issue('late', 'asha.patel@example.org', true) ?? '';

    // Act
    clock.now += codeLifetimeMs - 1;
    const beforeExpiry = codes.check('early', early);
    clock.now += 1;
    const atExpiry = codes.check('late', late);

    // Assess
    expect(beforeExpiry.outcome).toBe('accepted');
    expect(atExpiry.outcome).toBe('expired');
  });

  it('voids the code after five wrong tries, until a new code is issued', () => {
    // Prepare
    const { codes } = codesWithClock();
    const code = codes.issue('attempt', 'ben.okafor@example.org', true) ?? '';

    // Act
    const outcomes = Array.from({ length: maxWrongTries }, () => codes.check('attempt', wrongCodeFor(code)).outcome);
    const rightCodeAfter = codes.check('attempt', code);
    const newCode = codes.issue('attempt', 'ben.okafor@example.org', true) ?? '';
    const newCodeChecked = codes.check('attempt', newCode);

    // Assess
    expect(outcomes).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'too_many_tries']);
    expect(rightCodeAfter.outcome).toBe('too_many_tries');
    expect(newCodeChecked.outcome).toBe('accepted');
  });

  it('makes an earlier code of the same attempt useless once a new one is issued', () => {
    // Prepare
    const { codes } = codesWithClock();
    const first = codes.issue('attempt', 'chloe.davies@example.org', true) ?? '';
    const second = codes.issue('attempt', 'chloe.davies@example.org', true) ?? '';

    // Act (a new code equals the old one once in a million issues: then this fails)
    const withFirst = codes.check('attempt', first);

    // Assess
    expect(withFirst.outcome).toBe('wrong');
    expect(codes.check('attempt', second).outcome).toBe('accepted');
  });

  it('keeps a code to its own attempt', () => {
    // Prepare
    const { codes } = codesWithClock();
    const code = codes.issue('mine', 'asha.patel@example.org', true) ?? '';
    codes.issue('theirs', 'asha.patel@example.org', true);

    // Act
    const elsewhere = codes.check('theirs', code);

    // Assess
    expect(elsewhere.outcome).toBe('wrong');
  });

  it('sends no code to an address without an account, and refuses every code for it as wrong', () => {
    // Prepare
    const { codes } = codesWithClock();

    // Act
    const code = codes.issue('attempt', 'nobody@example.org', false);
    const guess = codes.check('attempt', '123456');

    // Assess
    expect(code).toBeNull();
    expect(codes.emailOf('attempt')).toBe('nobody@example.org');
    expect(guess.outcome).toBe('wrong');
  });
});
