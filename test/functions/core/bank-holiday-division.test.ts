import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bankHolidayDivisionOf, divisionOfPostcode, openingHoursOptionsFor } from '../../../functions/core/bank-holiday-division.js';
import { bankHolidayCalendarOf } from '../../../functions/core/bank-holidays.js';
import { parseCsv } from '../../../functions/core/csv.js';

describe('bankHolidayDivisionOf', () => {
  it('takes the nation from the local authority code when there is one', () => {
    expect(bankHolidayDivisionOf({ localAuthorityCode: 'S12000049', address: { postcode: 'M1 1AA' } })).toBe('scotland');
    expect(bankHolidayDivisionOf({ localAuthorityCode: 'N09000003', address: { postcode: 'M1 1AA' } })).toBe('northern-ireland');
    expect(bankHolidayDivisionOf({ localAuthorityCode: 'W06000015', address: { postcode: 'G1 1AA' } })).toBe('england-and-wales');
    expect(bankHolidayDivisionOf({ localAuthorityCode: 'E06000057', address: { postcode: 'TD12 4AA' } })).toBe('england-and-wales');
  });

  it('falls back to the postcode area without one', () => {
    expect(bankHolidayDivisionOf({ localAuthorityCode: null, address: { postcode: 'G2 8AB' } })).toBe('scotland');
    expect(bankHolidayDivisionOf({ address: { postcode: 'bt1 5gs' } })).toBe('northern-ireland');
    expect(bankHolidayDivisionOf({ address: { postcode: 'CF10 1AA' } })).toBe('england-and-wales');
    expect(bankHolidayDivisionOf({ address: { postcode: 'GL1 1AA' } })).toBe('england-and-wales');
    expect(bankHolidayDivisionOf({ address: { postcode: 'TD15 1AA' } })).toBe('england-and-wales');
    expect(bankHolidayDivisionOf({ address: { postcode: 'TD1 1AA' } })).toBe('scotland');
    expect(bankHolidayDivisionOf({ address: { postcode: '' } })).toBe('england-and-wales');
  });

  it('gives the opening-hours options of that nation', () => {
    expect(openingHoursOptionsFor({ address: { postcode: 'G2 8AB' } }).bankHolidays).toBe(bankHolidayCalendarOf('scotland'));
  });
});

describe('divisionOfPostcode against the ONS districts shipped in data/', () => {
  it('agrees with the country of every UK postcode district', () => {
    // Prepare: the district table names each district's region, Scotland and Northern Ireland included.
    const [header, ...records] = parseCsv(readFileSync(new URL('../../../data/uk-postcode-districts.csv', import.meta.url), 'utf8'));
    const rows = records.map((record) => record.fields);
    const columns = header?.fields ?? [];
    const district = columns.indexOf('Postcode');
    const region = columns.indexOf('UK region');
    const expectedOf = (name: string) => (name === 'Scotland' ? 'scotland' : name === 'Northern Ireland' ? 'northern-ireland' : 'england-and-wales');

    // Act
    const disagreeing = rows
      .filter((row) => (row[district] ?? '') !== '')
      .filter((row) => divisionOfPostcode(row[district] ?? '') !== expectedOf(row[region] ?? ''))
      .map((row) => row[district]);

    // Assess
    expect(rows.length).toBeGreaterThan(3000);
    expect(disagreeing).toEqual([]);
  });
});
