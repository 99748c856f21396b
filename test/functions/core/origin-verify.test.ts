import { describe, expect, it } from 'vitest';
import { matchesAnyValue } from '../../../functions/core/origin-verify.js';

describe('matchesAnyValue', () => {
  const current = 'current-origin-secret-value-0123456789';
  const previous = 'previous-origin-secret-value-0123456789';

  it('accepts the current and the previous value, and nothing else', () => {
    // Act
    const answers = [current, previous, `${current}x`, current.slice(0, -1), current.toUpperCase()].map((value) =>
      matchesAnyValue(value, [current, previous]),
    );

    // Assess
    expect(answers).toEqual([true, true, false, false, false]);
  });

  it('never accepts a missing or empty value, even against an empty accepted value', () => {
    expect([matchesAnyValue(undefined, [current]), matchesAnyValue('', [current]), matchesAnyValue('', ['']), matchesAnyValue('x', [])]).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
