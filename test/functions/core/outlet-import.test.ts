import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toHsdsServiceAtLocation } from '../../../functions/core/hsds-service-at-location.js';
import { type ImportLookups, planImport } from '../../../functions/core/outlet-import-plan.js';
import { detectFormat, readCandidates, templateHeader } from '../../../functions/core/outlet-import-sources.js';
import type { StoredListing } from '../../../functions/core/portal-views.js';
import { DomainError } from '../../../functions/shared/errors.js';
import { buildOutlet } from '../../fixtures/outlets.js';

const nhsList = readFileSync(new URL('../../fixtures/imports/nhs-pharmacy-list.csv', import.meta.url), 'utf8');
const now = new Date('2026-11-30T10:00:00Z');

/** Postcodes and listings in memory, as the table would answer. */
function lookups(stored: StoredListing[] = []): ImportLookups<StoredListing> {
  const places: Record<string, { lat: number; lng: number; localAuthorityCode: string }> = {
    'M41 7WJ': { lat: 53.4553, lng: -2.3682, localAuthorityCode: 'E08000009' },
    'M32 9LD': { lat: 53.4466, lng: -2.3223, localAuthorityCode: 'E08000009' },
    'M41 7ZA': { lat: 53.4659, lng: -2.3418, localAuthorityCode: 'E08000009' },
    'WA15 9SZ': { lat: 53.3745, lng: -2.3391, localAuthorityCode: 'E08000009' },
    'M1 1AE': { lat: 53.4794, lng: -2.2453, localAuthorityCode: 'E08000003' },
  };
  return {
    placePostcode: async (postcode) => places[postcode] ?? null,
    storedListings: async (ids) => stored.filter((listing) => ids.includes(listing.outlet.id)),
  };
}

const template = (rows: string[][][]) => [templateHeader.join(','), ...rows.map((row) => templateHeader.map((column) => row.find(([name]) => name === column)?.[1] ?? '').join(','))].join('\n');
const cell = (name: string, value: string) => [name, value];

describe('detectFormat', () => {
  it('tells the NHS list, the template and HSDS JSON apart, and refuses anything else', () => {
    // Act
    const formats = [nhsList, template([]), '[{"id":"x"}]'].map(detectFormat);
    const other = () => detectFormat('name,address\nA,B');

    // Assess
    expect(formats).toEqual(['nhs_pharmacy_list', 'finder_template', 'hsds']);
    expect(other).toThrow(DomainError);
  });
});

describe('reading the NHS pharmacy list', () => {
  it('reads the real columns: ODS code as the id, names in readable case, address lines and town, NHS day strings', () => {
    // Act
    const [first] = readCandidates(nhsList, 'nhs_pharmacy_list');

    // Assess
    expect(first).toMatchObject({
      line: 2,
      externalId: 'FKJ04',
      postcode: 'M41 7WJ',
      problems: [],
      fields: {
        id: 'FKJ04',
        odsCode: 'FKJ04',
        name: 'Allied Pharmacy Davyhulme Medical Centre',
        outletType: 'pharmacy',
        supplyBasis: 'pharmacy',
        address: { lines: ['Davyhulme Medical Centre', '130 Broadway', 'Davyhulme'], town: 'Manchester', postcode: 'M41 7WJ' },
      },
    });
    expect(first?.fields.hours?.weekly).toHaveLength(5);
  });
});

describe('reading the template', () => {
  it('names each problem by its column, and keeps reading the other rows', () => {
    // Act
    const rows = readCandidates(
      template([
        [cell('external_id', 'HULME-DAS'), cell('name', 'Hulme Drug Service'), cell('address_1', '1 High St'), cell('town', 'Manchester'), cell('postcode', 'M1 1AE'), cell('kit_types', 'nasal;spray'), cell('walk_in', 'maybe')],
        [cell('external_id', 'OK-1'), cell('name', 'Fine'), cell('address_1', '2 High St'), cell('town', 'Manchester'), cell('postcode', 'M1 1AE'), cell('latitude', '53.48')],
      ]),
      'finder_template',
    );

    // Assess
    expect(rows.map((row) => row.problems.map((problem) => problem.field))).toEqual([['kit_types', 'walk_in'], ['latitude']]);
  });
});

describe('reading HSDS', () => {
  it('reads back the core of a listing this finder exported', () => {
    // Prepare
    const outlet = buildOutlet({ id: 'FA123', kitTypes: ['nasal', 'injectable'], website: 'https://example.org/' });
    const exported = toHsdsServiceAtLocation(outlet);

    // Act
    const [row] = readCandidates(JSON.stringify({ contents: [exported] }), 'hsds');

    // Assess
    expect(row?.problems).toEqual([]);
    expect(row?.fields).toMatchObject({
      name: outlet.name,
      organisation: outlet.organisation,
      outletType: outlet.outletType,
      supplyBasis: outlet.supplyBasis,
      kitTypes: ['nasal', 'injectable'],
      location: outlet.location,
      phone: outlet.phone,
      website: outlet.website,
      odsCode: outlet.odsCode,
      localAuthorityCode: outlet.localAuthorityCode,
    });
    expect(row?.fields.hours?.weekly).toEqual(outlet.hours.weekly);
  });

  it('says what is wrong with a file that is not an HSDS list', () => {
    // Act
    const [row] = readCandidates('{"hello":1}', 'hsds');

    // Assess
    expect(row?.problems).toEqual([{ field: 'file', message: 'Give a JSON list of HSDS service_at_location objects' }]);
  });
});

describe('planImport', () => {
  it('calls rows new, unchanged or changed (with the fields), placed by their postcode, and a new listing starts unconfirmed', async () => {
    // Prepare
    const candidates = readCandidates(nhsList, 'nhs_pharmacy_list');
    const first = await planImport(candidates, lookups(), now);
    const stored = first.flatMap((plan) => (plan.write ? [{ outlet: plan.write.next, version: 1, updatedAt: now.toISOString() }] : []));
    const renamed = nhsList.replace('ALPHABET PHARMACY,ALPHABET PHARMACY', 'ALPHABET CHEMIST,ALPHABET PHARMACY');

    // Act
    const again = await planImport(candidates, lookups(stored), now);
    const changed = await planImport(readCandidates(renamed, 'nhs_pharmacy_list'), lookups(stored), now);

    // Assess
    expect(first.map((plan) => plan.result.outcome)).toEqual(['new', 'new', 'new', 'new']);
    expect(first[0]?.write?.next).toMatchObject({
      location: { lat: 53.4553, lng: -2.3682 },
      localAuthorityCode: 'E08000009',
      assuredAt: null,
      listedAt: now.toISOString(),
      stock: { status: 'unknown', updatedAt: null },
      kitTypes: [],
      eligibility: { free: true, noIdNeeded: false, walkIn: false },
    });
    expect(again.map((plan) => plan.result.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(changed.map((plan) => [plan.result.outcome, plan.result.changes])).toEqual([
      ['unchanged', []],
      ['changed', ['Name']],
      ['unchanged', []],
      ['unchanged', []],
    ]);
  });

  it('leaves what the source does not say as the outlet set it', async () => {
    // Prepare
    const [plan] = await planImport(readCandidates(nhsList, 'nhs_pharmacy_list').slice(0, 1), lookups(), now);
    const kept = { ...plan!.write!.next, kitTypes: ['nasal' as const], stock: { status: 'in_stock' as const, updatedAt: now.toISOString() }, contactEmail: 'manager@example.org' };

    // Act
    const [again] = await planImport(readCandidates(nhsList, 'nhs_pharmacy_list').slice(0, 1), lookups([{ outlet: kept, version: 3, updatedAt: now.toISOString() }]), now);

    // Assess
    expect(again?.result.outcome).toBe('unchanged');
  });

  it('refuses a postcode it cannot place, an id that comes twice, and a place outside the commissioner’s area, one row at a time', async () => {
    // Prepare
    const rows = template([
      [cell('external_id', 'A-1'), cell('name', 'One'), cell('address_1', '1 St'), cell('town', 'Town'), cell('postcode', 'ZZ9 9ZZ')],
      [cell('external_id', 'B-1'), cell('name', 'Two'), cell('address_1', '2 St'), cell('town', 'Town'), cell('postcode', 'M41 7WJ')],
      [cell('external_id', 'B-1'), cell('name', 'Two again'), cell('address_1', '2 St'), cell('town', 'Town'), cell('postcode', 'M41 7WJ')],
      [cell('external_id', 'C-1'), cell('name', 'Three'), cell('address_1', '3 St'), cell('town', 'Town'), cell('postcode', 'M1 1AE')],
    ]);

    // Act
    const plans = await planImport(readCandidates(rows, 'finder_template'), lookups(), now, { area: 'E08000009' });

    // Assess
    expect(plans.map((plan) => [plan.result.outcome, plan.result.problems.map((problem) => problem.field)])).toEqual([
      ['invalid', ['postcode']],
      ['new', []],
      ['invalid', ['id']],
      ['invalid', ['postcode']],
    ]);
  });
});

describe('what an import cannot hold of the hours, in the report', () => {
  const place = [cell('external_id', 'D-1'), cell('name', 'Four'), cell('address_1', '4 St'), cell('town', 'Town'), cell('postcode', 'M1 1AE')];

  it('imports the row, takes special dates as dated exceptions, and warns of a lunch closure in words and a day it could not read', async () => {
    // Prepare
    const rows = template([
      [
        ...place,
        cell('monday', '09:00-17:30'),
        cell('tuesday', '09:00-17:30 lunch 13:00-14:00'),
        cell('wednesday', 'CLOSED'),
        cell('special_dates', '2026-12-25 CLOSED; 2026-12-28 10:00-14:00; soon'),
        cell('hours_note', 'Closed for lunch on Mondays'),
      ],
    ]);

    // Act
    const [plan] = await planImport(readCandidates(rows, 'finder_template'), lookups(), now);

    // Assess
    expect(plan?.result.outcome).toBe('new');
    expect(plan?.result.warnings.map((warning) => warning.field)).toEqual(['special_dates', 'tuesday', 'thursday', 'friday', 'saturday', 'sunday', 'hours_note']);
    expect(plan?.result.warnings[1]?.message).toBe(
      '"09:00-17:30 lunch 13:00-14:00" gives a lunch closure in words: give the day as two sessions, like 09:00-13:00,14:00-17:30: that day reads "hours unknown – call ahead"',
    );
    expect(plan?.write?.next.hours.exceptions.map((exception) => [exception.date, exception.closed])).toEqual([
      ['2026-12-25', true],
      ['2026-12-28', false],
    ]);
    expect(plan?.write?.next.hours.unknownDays).toEqual(['tuesday', 'thursday', 'friday', 'saturday', 'sunday']);
  });

  it('warns of an NHS row with every day CLOSED and imports it as hours unknown', async () => {
    // Prepare
    const [header, first = ''] = nhsList.split('\n');
    const allClosed = first.replace('09:00-18:00,09:00-18:00,09:00-18:00,09:00-18:00,09:00-18:00,CLOSED,CLOSED', Array(7).fill('CLOSED').join(','));

    // Act
    const [plan] = await planImport(readCandidates(`${header}\n${allClosed}`, 'nhs_pharmacy_list'), lookups(), now);

    // Assess
    expect(plan?.result.outcome).toBe('new');
    expect(plan?.result.warnings).toEqual([
      { field: 'hours', message: 'Every day is CLOSED: the hours were not imported, so the listing says "hours unknown – call ahead"' },
    ]);
    expect(plan?.write?.next.hours.weekly).toEqual([]);
  });

  it('gives no warnings for a row without hours, or with hours it could read', async () => {
    const plans = await planImport(readCandidates(nhsList, 'nhs_pharmacy_list'), lookups(), now);
    const [none] = await planImport(readCandidates(template([place]), 'finder_template'), lookups(), now);

    expect(plans.map((plan) => plan.result.warnings)).toEqual([[], [], [], []]);
    expect(none?.result.warnings).toEqual([]);
  });

  it('warns of a lunch closure in an HSDS schedule’s words', async () => {
    // Prepare
    const exported = toHsdsServiceAtLocation(buildOutlet());
    const withNote = { ...exported, schedules: exported.schedules.map((schedule) => ({ ...schedule, notes: 'Closed for lunch 13:00-14:00' })) };

    // Act
    const [row] = readCandidates(JSON.stringify([withNote]), 'hsds');

    // Assess
    expect(row?.warnings).toEqual([{ field: 'schedules.notes', message: '"Closed for lunch 13:00-14:00" mentions a lunch closure the opening times may not show: check them' }]);
  });

  it('warns of HSDS hours for particular dates, which are not read back', () => {
    const outlet = buildOutlet({ hours: { ...buildOutlet().hours, exceptions: [{ date: '2026-12-24', closed: false, sessions: [{ opensAt: '09:00', closesAt: '13:00' }] }, { date: '2026-12-31', closed: true, sessions: [] }] } });

    const [row] = readCandidates(JSON.stringify([toHsdsServiceAtLocation(outlet)]), 'hsds');

    expect(row?.warnings).toEqual([{ field: 'schedules.valid_from', message: 'Hours for particular dates (2026-12-24, 2026-12-31) were not imported: add them as special dates' }]);
    expect(row?.fields.hours?.exceptions).toEqual([]);
  });
});
