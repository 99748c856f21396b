/**
 * The portal's CSV writer, as the area dashboard's downloads use it: RFC 4180 quoting, and text a
 * spreadsheet would run as a formula made inert.
 */
import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../../site/src/scripts/portal/csv.js';

describe('csvField', () => {
  it('quotes fields with a comma, a quote or a line break, doubling the quotes', () => {
    // Act
    const fields = ['Boots, Hulme', 'The "late" pharmacy', 'line one\nline two', 'plain'].map(csvField);

    // Assess
    expect(fields).toEqual(['"Boots, Hulme"', '"The ""late"" pharmacy"', '"line one\nline two"', 'plain']);
  });

  it('makes text that starts like a formula open as text, but leaves numbers as numbers', () => {
    // Act
    const fields = ['=HYPERLINK("http://example.invalid")', '+44 161 000 0000', '@SUM(A1)', '-2.2453', -2.2453, '-', 0, null, undefined, true].map(csvField);

    // Assess
    expect(fields).toEqual(["\"'=HYPERLINK(\"\"http://example.invalid\"\")\"", "'+44 161 000 0000", "'@SUM(A1)", '-2.2453', '-2.2453', "'-", '0', '', '', 'true']);
  });
});

describe('toCsv', () => {
  it('writes the header and each row, every line ended with CRLF', () => {
    // Act
    const text = toCsv(['Listing', 'Open reports'], [['Boots', 2], ['Wise Pharmacy (Hulme)', 0]]);

    // Assess
    expect(text).toBe('Listing,Open reports\r\nBoots,2\r\nWise Pharmacy (Hulme),0\r\n');
  });
});
