import { describe, expect, it } from 'vitest';
import {
  INVALID_POSTCODE_MESSAGE,
  UNKNOWN_POSTCODE_MESSAGE,
  normaliseOutwardCode,
  normalisePostcode,
  parsePostcodeInput,
} from '../../../functions/core/postcodes.js';

describe('parsePostcodeInput', () => {
  it.each([
    ['M15 4AB', 'M15 4AB', 'M15'],
    ['m154ab', 'M15 4AB', 'M15'],
    [' M15  4AB ', 'M15 4AB', 'M15'],
    ['m15\t4ab', 'M15 4AB', 'M15'],
    ['SW1A 1AA', 'SW1A 1AA', 'SW1A'],
    ['sw1a-1aa', 'SW1A 1AA', 'SW1A'],
    ['(EC1A 1BB).', 'EC1A 1BB', 'EC1A'],
    ['WA14 1AA', 'WA14 1AA', 'WA14'],
    ['SW1A OAA', 'SW1A 0AA', 'SW1A'],
    ['0L1 1AA', 'OL1 1AA', 'OL1'],
  ])('reads %j as the full postcode %s', (input, postcode, outward) => {
    // Act
    const parsed = parsePostcodeInput(input);

    // Assess
    expect(parsed).toEqual({ kind: 'full', postcode, outward });
  });

  it.each([
    ['M15', 'M15'],
    ['m15', 'M15'],
    [' sw1a ', 'SW1A'],
    ['WA14', 'WA14'],
    ['M1 5', 'M1'],
    ['sw1a 1', 'SW1A'],
  ])('reads %j as the outward code %s', (input, outward) => {
    // Act
    const parsed = parsePostcodeInput(input);

    // Assess
    expect(parsed).toEqual({ kind: 'outward', outward });
  });

  it.each(['M15 4A', 'HELLO', '', '   ', 'M', '12345', 'M15 4AB extra', 'GIR', 'M15 4A8', '<script>'])(
    'reads %j as invalid',
    (input) => {
      // Act
      const parsed = parsePostcodeInput(input);

      // Assess
      expect(parsed).toEqual({ kind: 'invalid' });
    },
  );
});

describe('normalisePostcode and normaliseOutwardCode', () => {
  it('normalise data-file values strictly, without guessing letters for digits', () => {
    // Act
    const values = [
      normalisePostcode(' M15 4AB'),
      normalisePostcode('m154ab'),
      normalisePostcode('SW1A OAA'),
      normaliseOutwardCode('m15'),
      normaliseOutwardCode('15M'),
    ];

    // Assess
    expect(values).toEqual(['M15 4AB', 'M15 4AB', null, 'M15', null]);
  });
});

describe('postcode messages', () => {
  it('tell an invalid postcode apart from an unknown one', () => {
    // Assess
    expect(INVALID_POSTCODE_MESSAGE).toBe('Enter a real postcode');
    expect(UNKNOWN_POSTCODE_MESSAGE).toBe('We could not find that postcode');
  });
});
