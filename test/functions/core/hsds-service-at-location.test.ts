/**
 * The HSDS export is checked against the official Open Referral HSDS 3.0 compiled schemas in
 * `data/hsds/` and against a stricter reading of them (`test/support/hsds-schemas.ts`): a misspelt
 * field passes the first and fails the second.
 */
import { describe, expect, it } from 'vitest';
import type { Outlet } from '../../../functions/contract/outlet.js';
import { hsdsNamespace, toHsdsServiceAtLocation } from '../../../functions/core/hsds-service-at-location.js';
import { uuidV5 } from '../../../functions/core/name-based-uuid.js';
import { buildOutlet } from '../../fixtures/outlets.js';
import { schemaIssues as issues, serviceAtLocationSchemas, serviceSchemas } from '../../support/hsds-schemas.js';

const { official, strict } = serviceAtLocationSchemas;
const officialService = serviceSchemas.official;

/** A deep copy of an export, as plain JSON, to break on purpose. */
function exported(outlet: Outlet = buildOutlet()): Record<string, any> {
  return JSON.parse(JSON.stringify(toHsdsServiceAtLocation(outlet)));
}

const outlets: [string, Outlet][] = [
  ['a pharmacy with weekday hours and a phone', buildOutlet()],
  ['an outlet whose hours are unknown', buildOutlet({ hours: { weekly: [], exceptions: [], bankHolidays: 'unknown' } })],
  [
    'an outlet with overnight, midnight and 24-hour sessions, unknown days and dated exceptions',
    buildOutlet({
      hours: {
        weekly: [
          { byDay: 'monday', opensAt: '08:30', closesAt: '13:00' },
          { byDay: 'monday', opensAt: '14:00', closesAt: '17:30' },
          { byDay: 'friday', opensAt: '22:00', closesAt: '02:00' },
          { byDay: 'saturday', opensAt: '18:00', closesAt: '24:00' },
          { byDay: 'sunday', opensAt: '00:00', closesAt: '00:00' },
        ],
        exceptions: [
          { date: '2026-12-25', closed: true, sessions: [], note: 'Christmas Day' },
          { date: '2026-12-24', closed: false, sessions: [{ opensAt: '09:00', closesAt: '12:00' }] },
          { date: '2026-12-31', closed: false, sessions: [] },
        ],
        bankHolidays: 'closed',
        unknownDays: ['wednesday'],
      },
    }),
  ],
  ['an outlet with no phone and no website', buildOutlet({ phone: null, website: null })],
  [
    'a demo drug service with a website, every optional field and a temporary closure',
    buildOutlet({
      id: 'demo-drug-service-1',
      outletType: 'drug_service',
      supplyBasis: 'drug_treatment_service',
      address: { lines: ['Unit 4', 'Canal Street'], town: 'Manchester', postcode: 'M1 3HE' },
      website: 'https://example.org/naloxone',
      kitTypes: ['nasal', 'injectable'],
      eligibility: { free: true, noIdNeeded: false, walkIn: false, familyAndFriendsCanCollect: false, minimumAge: 14 },
      languages: ['English', 'Polish', 'British Sign Language'],
      accessibility: 'Step-free entrance; hearing loop at the desk.',
      status: 'temporarily_closed',
      alert: 'Closed for refurbishment until Monday',
      stock: { status: 'running_low', updatedAt: '2026-06-01T09:00:00+01:00' },
      assuredAt: '2026-06-30T23:30:00Z',
      odsCode: null,
      localAuthorityCode: null,
      demo: true,
    }),
  ],
  ['an inactive postal service that is not free', buildOutlet({ outletType: 'postal', supplyBasis: 'postal', status: 'inactive', kitTypes: [], eligibility: { free: false, noIdNeeded: true, walkIn: true, familyAndFriendsCanCollect: true, minimumAge: null } })],
];

describe('toHsdsServiceAtLocation', () => {
  it.each(outlets)('gives a valid HSDS 3.0 service_at_location for %s', (_label, outlet) => {
    // Act
    const hsds = toHsdsServiceAtLocation(outlet);

    // Assess
    expect(issues(official, hsds)).toEqual([]);
    expect(issues(strict, hsds)).toEqual([]);
    expect(issues(officialService, hsds.service)).toEqual([]);
  });

  it('maps the service: status, dates, fees, eligibility and alert', () => {
    const { service } = toHsdsServiceAtLocation(outlets[4]![1]);

    expect(service).toMatchObject({
      name: 'Take-home naloxone at Oxford Road Pharmacy',
      url: 'https://example.org/naloxone',
      status: 'temporarily closed',
      // 23:30 UTC on 30 June is 00:30 BST on 1 July: the date is the London one.
      assured_date: '2026-07-01',
      alert: 'Closed for refurbishment until Monday',
      fees_description: 'Free',
      minimum_age: 14,
      application_process: 'You may need an appointment – call ahead.',
      cost_options: [{ amount: 0, currency: 'GBP' }],
      organization: { name: 'Oxford Road Pharmacy Ltd' },
    });
    expect(service.eligibility_description).toContain('You need to be 14 or over.');
    expect(service.description).toContain('nasal spray (Nyxoid) and injection (Prenoxad)');
    expect(service.description).toContain('Demonstration data');
    expect(toHsdsServiceAtLocation(buildOutlet({ status: 'active' })).service.status).toBe('active');
    expect(toHsdsServiceAtLocation(buildOutlet({ status: 'inactive' })).service.status).toBe('inactive');
  });

  it('leaves out what the outlet does not know instead of inventing it', () => {
    const hsds = toHsdsServiceAtLocation(buildOutlet({ phone: null, website: null, accessibility: null, assuredAt: null, alert: null }));

    expect(hsds.phones).toEqual([]);
    expect(hsds.location.accessibility).toEqual([]);
    expect(hsds.service).not.toHaveProperty('url');
    expect(hsds.service).not.toHaveProperty('assured_date');
    expect(hsds.service).not.toHaveProperty('alert');
    expect(hsds.service).not.toHaveProperty('minimum_age');
  });

  it('maps the location: address, nation, coordinates, ODS code and languages', () => {
    const { location } = toHsdsServiceAtLocation(buildOutlet({ languages: ['English', 'Polish', 'British Sign Language'] }));

    expect(location).toMatchObject({
      location_type: 'physical',
      name: 'Oxford Road Pharmacy',
      latitude: 53.4743,
      longitude: -2.2398,
      external_identifier: 'FA123',
      addresses: [{ address_1: '1 Oxford Road', city: 'Manchester', state_province: 'England', postal_code: 'M1 5AN', country: 'GB', address_type: 'physical' }],
    });
    expect(location.languages.map(({ name, code }) => [name, code])).toEqual([
      ['English', 'en'],
      ['Polish', 'pl'],
      ['British Sign Language', undefined],
    ]);
  });

  it('writes weekly rows as RFC 5545 WEEKLY rows in HH:MM, with midnight as 23:59', () => {
    const { schedules } = toHsdsServiceAtLocation(outlets[2]![1]);
    const weekly = schedules.filter((row) => row.valid_from === undefined);

    expect(weekly.map(({ freq, byday, opens_at, closes_at }) => [freq, byday, opens_at, closes_at])).toEqual([
      ['WEEKLY', 'MO', '08:30', '13:00'],
      ['WEEKLY', 'MO', '14:00', '17:30'],
      ['WEEKLY', 'FR', '22:00', '02:00'],
      ['WEEKLY', 'SA', '18:00', '23:59'],
      ['WEEKLY', 'SU', '00:00', '23:59'],
      ['WEEKLY', 'WE', undefined, undefined],
    ]);
    expect(weekly.map((row) => row.description)).toEqual([
      'Monday: 08:30 to 13:00',
      'Monday: 14:00 to 17:30',
      'Friday: 22:00 to 02:00 the next day',
      'Saturday: 18:00 to midnight',
      'Sunday: Open 24 hours',
      'Wednesday: Hours unknown – call ahead',
    ]);
    expect(weekly[0]?.notes).toContain('Closed on England and Wales bank holidays.');
  });

  it('names the bank holidays of the outlet’s own nation in the schedule notes', () => {
    const notesOf = (overrides: Partial<Outlet>) => toHsdsServiceAtLocation(buildOutlet({ ...overrides, hours: { ...buildOutlet().hours, bankHolidays: 'closed' } })).schedules[0]?.notes;

    expect(notesOf({ localAuthorityCode: 'S12000049' })).toContain('Closed on Scottish bank holidays.');
    expect(notesOf({ localAuthorityCode: null, address: { lines: ['1 Donegall Place'], town: 'Belfast', postcode: 'BT1 5AA' } })).toContain(
      'Closed on Northern Ireland bank holidays.',
    );
    expect(notesOf({ localAuthorityCode: 'W06000015' })).toContain('Closed on England and Wales bank holidays.');
  });

  it('writes dated exceptions as one-day rows: hours as a single WEEKLY occurrence, closures and unknown days in words', () => {
    const dated = toHsdsServiceAtLocation(outlets[2]![1]).schedules.filter((row) => row.valid_from !== undefined);

    expect(dated).toEqual([
      expect.objectContaining({ valid_from: '2026-12-25', valid_to: '2026-12-25', dtstart: '2026-12-25', description: '2026-12-25: Closed all day' }),
      expect.objectContaining({ valid_from: '2026-12-24', valid_to: '2026-12-24', freq: 'WEEKLY', byday: 'TH', count: 1, opens_at: '09:00', closes_at: '12:00' }),
      expect.objectContaining({ valid_from: '2026-12-31', description: '2026-12-31: Hours unknown – call ahead' }),
    ]);
    expect(dated[0]).not.toHaveProperty('opens_at');
    expect(dated[0]?.notes).toContain('Christmas Day');
  });

  it('makes no schedule rows when the hours are unknown, which HSDS reads as "no hours known", not "closed"', () => {
    expect(toHsdsServiceAtLocation(outlets[1]![1]).schedules).toEqual([]);
  });

  it('classifies kit types, supply basis, outlet type, eligibility flags, stock and demo as attributes', () => {
    const attributes = toHsdsServiceAtLocation(outlets[4]![1]).attributes.map((attribute) => `${attribute.taxonomy_term.code}=${attribute.value}`);

    expect(attributes).toEqual([
      'outlet_type=drug_service',
      'supply_basis=drug_treatment_service',
      'kit_type=nasal',
      'kit_type=injectable',
      'free=true',
      'no_id_needed=false',
      'walk_in=false',
      'family_and_friends_can_collect=false',
      'bank_holidays=unknown',
      'stock_status=running_low',
      'demo=true',
    ]);
  });

  it('gives stable, distinct UUIDs: the same outlet twice gives the same ids, two outlets share only their organisation', () => {
    const first = toHsdsServiceAtLocation(buildOutlet());
    const again = toHsdsServiceAtLocation(buildOutlet());
    const other = toHsdsServiceAtLocation(buildOutlet({ id: 'FA999' }));

    expect(again).toEqual(first);
    expect(other.id).not.toBe(first.id);
    expect(other.location.id).not.toBe(first.location.id);
    expect(other.service.organization.id).toBe(first.service.organization.id);
    const ids = [first.id, first.service_id, first.location_id, first.location.addresses[0]?.id, ...first.schedules.map((row) => row.id), ...first.attributes.map((row) => row.id)];
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('uuidV5', () => {
  it('matches the RFC 9562 algorithm (the values Python\'s uuid.uuid5 gives)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(uuidV5('6ba7b811-9dad-11d1-80b4-00c04fd430c8', 'https://example.org/naloxone')).toBe('b6a225b7-207f-53d7-acc1-91538826b0b8');
    expect(uuidV5(hsdsNamespace, 'outlet:FA123:service')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('the HSDS schema check', () => {
  it.each<[string, (hsds: Record<string, any>) => void]>([
    ['our own status spelling', (hsds) => void (hsds.service.status = 'temporarily_closed')],
    ['a missing location_type', (hsds) => void delete hsds.location.location_type],
    ['an id that is not a UUID', (hsds) => void (hsds.id = 'FA123')],
    ['a minimum age as text', (hsds) => void (hsds.service.minimum_age = '14')],
    ['a schedule frequency HSDS does not allow', (hsds) => void (hsds.schedules[0].freq = 'DAILY')],
    ['a service url that is not a URL', (hsds) => void (hsds.service.url = 'example dot org')],
  ])('rejects %s', (_label, breakIt) => {
    // Prepare
    const hsds = exported();

    // Act
    breakIt(hsds);

    // Assess
    expect(issues(official, hsds)).not.toEqual([]);
  });

  it.each<[string, (hsds: Record<string, any>) => void]>([
    ['a misspelt field', (hsds) => void (hsds.service.asured_date = '2026-07-01')],
    ['an assured_date with a time', (hsds) => void (hsds.service.assured_date = '2026-07-01T09:00:00Z')],
    ['an opening time that is not HH:MM', (hsds) => void (hsds.schedules[0].opens_at = '9am')],
  ])('in its stricter reading also rejects %s, which the official schema lets through', (_label, breakIt) => {
    const hsds = exported();

    breakIt(hsds);

    expect(issues(official, hsds)).toEqual([]);
    expect(issues(strict, hsds)).not.toEqual([]);
  });
});
