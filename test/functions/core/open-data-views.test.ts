/**
 * What open data says about one listing: the HSDS service at location and nested service (checked
 * against the official HSDS 3.0 schemas and their stricter reading); and that neither can carry a
 * private field, even when handed a whole stored outlet.
 */
import { describe, expect, it } from 'vitest';
import type { PublishedListing } from '../../../functions/contract/open-data.js';
import { toHsdsServiceAtLocationView, toHsdsServiceView } from '../../../functions/core/hsds-views.js';
import { buildOutlet } from '../../fixtures/outlets.js';
import { schemaIssues, serviceAtLocationSchemas, serviceSchemas } from '../../support/hsds-schemas.js';

const now = new Date('2026-07-01T12:00:00Z');
const privateEmail = 'private.contact@example.org';

/** A whole stored outlet, private contact email included, handed over as if it were only the public listing. */
const storedOutlet = (overrides: Parameters<typeof buildOutlet>[0] = {}): PublishedListing => ({
  listing: buildOutlet({ contactEmail: privateEmail, noKitsReports: 3, ...overrides }),
  updatedAt: '2026-06-30T08:15:00.123+01:00',
});

const listings: [string, PublishedListing][] = [
  ['a pharmacy with weekday hours', storedOutlet()],
  [
    'a drug service closed until a day that has come',
    storedOutlet({
      id: 'DS-1',
      outletType: 'drug_service',
      supplyBasis: 'drug_treatment_service',
      status: 'temporarily_closed',
      reopensOn: '2026-06-30',
      website: 'https://example.org/naloxone',
      languages: ['English', 'Polish'],
      accessibility: 'Step-free entrance',
      assuredAt: '2026-06-01T09:00:00Z',
    }),
  ],
  ['an outlet whose hours are unknown, with no phone', storedOutlet({ id: 'UNKNOWN-1', phone: null, hours: { weekly: [], exceptions: [], bankHolidays: 'unknown' } })],
];

describe('the HSDS views', () => {
  it.each(listings)('give a valid HSDS 3.0 service_at_location and nested service for %s', (_label, published) => {
    // Act
    const sal = toHsdsServiceAtLocationView(published, now);
    const service = toHsdsServiceView(published, now);

    // Assess
    expect(schemaIssues(serviceAtLocationSchemas.official, sal)).toEqual([]);
    expect(schemaIssues(serviceAtLocationSchemas.strict, sal)).toEqual([]);
    expect(schemaIssues(serviceSchemas.official, service)).toEqual([]);
    expect(schemaIssues(serviceSchemas.strict, service)).toEqual([]);
  });

  it('say when the listing last changed, in UTC with milliseconds, and its status as of the answer', () => {
    // Act
    const service = toHsdsServiceView(listings[1]![1], now);

    // Assess
    expect(service.last_modified).toBe('2026-06-30T07:15:00.123Z');
    expect(service.status).toBe('active');
    expect(service.service_at_locations).toHaveLength(1);
    expect(service.service_at_locations[0]?.schedules.length).toBeGreaterThan(0);
  });

  it('never carry a private field, though handed a whole stored outlet', () => {
    // Act
    const answers = listings.flatMap(([, published]) => [toHsdsServiceAtLocationView(published, now), toHsdsServiceView(published, now)]);

    // Assess
    expect(JSON.stringify(answers)).not.toContain(privateEmail);
    expect(JSON.stringify(answers)).not.toMatch(/contactEmail|noKitsReports/);
  });
});
