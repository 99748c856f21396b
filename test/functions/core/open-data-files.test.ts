/**
 * The bulk open data files built from plain listings: every row checked against the file contract,
 * points in GeoJSON's order, CSV that reads back to the same values, no private field even when
 * handed a whole stored outlet, and listings read a page at a time.
 */
import { describe, expect, it } from 'vitest';
import {
  type PublishedListing,
  openDataCsvColumns,
  openDataGeoJsonSchema,
  openDataOutletSchema,
} from '../../../functions/contract/open-data.js';
import { parseCsv } from '../../../functions/core/csv.js';
import type { PublishedEntry } from '../../../functions/core/hsds-listing.js';
import { hsdsServiceId } from '../../../functions/core/hsds-service-at-location.js';
import { buildOpenDataFiles, toOpenDataCsv, toOpenDataGeoJson, toOpenDataOutlet } from '../../../functions/core/open-data-files.js';
import { buildOutlet } from '../../fixtures/outlets.js';

const now = new Date('2026-07-01T12:00:00Z');
const privateEmail = 'files.private@example.org';

/** A whole stored outlet, private fields included, handed over as if it were only the public listing. */
const stored = (overrides: Parameters<typeof buildOutlet>[0] = {}): PublishedListing => ({
  listing: buildOutlet({ contactEmail: privateEmail, noKitsReports: 4, ...overrides }),
  updatedAt: '2026-06-30T08:15:00.123+01:00',
});

const awkward = stored({
  id: 'AWK-1',
  name: 'Smith, Jones & "Partners" Pharmacy',
  alert: 'Ring the bell,\nthen wait',
  kitTypes: ['nasal', 'injectable'],
  languages: ['English', 'Polish'],
  location: { lat: 53.4808, lng: -2.2426 },
  status: 'temporarily_closed',
  reopensOn: '2026-06-30',
});

describe('toOpenDataOutlet', () => {
  it('gives a row of exactly the file contract, with the status as of now and last_modified in UTC', () => {
    // Act
    const row = toOpenDataOutlet(awkward, now);

    // Assess
    expect(openDataOutletSchema.safeParse(row).success).toBe(true);
    expect(row).toMatchObject({
      id: 'AWK-1',
      hsds_service_id: hsdsServiceId('AWK-1'),
      latitude: 53.4808,
      longitude: -2.2426,
      status: 'active',
      kit_types: ['nasal', 'injectable'],
      last_modified: '2026-06-30T07:15:00.123Z',
    });
    expect(row.opening_hours).toMatch(/^Monday: .*; Sunday: /);
  });

  it('carries no private field, though handed a whole stored outlet', () => {
    // Act
    const text = JSON.stringify([toOpenDataOutlet(stored(), now), toOpenDataOutlet(awkward, now)]);

    // Assess
    expect(text).not.toContain(privateEmail);
    expect(text).not.toMatch(/contact|noKitsReports|no_kits/i);
  });
});

describe('toOpenDataGeoJson', () => {
  it('gives a valid FeatureCollection of points, longitude first, ids the HSDS service ids', () => {
    // Prepare
    const rows = [stored(), awkward].map((listing) => toOpenDataOutlet(listing, now));

    // Act
    const geojson = toOpenDataGeoJson(rows, now);

    // Assess
    expect(openDataGeoJsonSchema.safeParse(JSON.parse(JSON.stringify(geojson))).success).toBe(true);
    expect(geojson.metadata).toMatchObject({ count: 2, generated_at: '2026-07-01T12:00:00.000Z' });
    expect(geojson.features[1]).toMatchObject({ id: hsdsServiceId('AWK-1'), geometry: { coordinates: [-2.2426, 53.4808] } });
    expect(geojson.features[1]?.properties).not.toHaveProperty('latitude');
  });
});

describe('toOpenDataCsv', () => {
  it('writes a header of the contract\'s columns and rows that read back to the same values', () => {
    // Prepare
    const row = toOpenDataOutlet(awkward, now);

    // Act
    const [header, record, ...rest] = parseCsv(toOpenDataCsv([row]));

    // Assess
    expect(header?.fields).toEqual(openDataCsvColumns);
    expect(rest).toEqual([]);
    const read = Object.fromEntries(openDataCsvColumns.map((column, index) => [column, record?.fields[index]]));
    expect(read).toMatchObject({
      name: 'Smith, Jones & "Partners" Pharmacy',
      alert: 'Ring the bell,\nthen wait',
      kit_types: 'nasal;injectable',
      languages: 'English;Polish',
      latitude: '53.4808',
      free: 'true',
      ods_code: row.ods_code ?? '',
    });
  });
});

describe('buildOpenDataFiles', () => {
  it('reads the listings a hundred at a time, in the index\'s order, and leaves out one withdrawn since', async () => {
    // Prepare: 250 entries; the listing of one of them is gone by the time it is read.
    const listings = Array.from({ length: 250 }, (_, index) => stored({ id: `OUT${String(index).padStart(3, '0')}` }));
    const entries: PublishedEntry[] = listings.map(({ listing, updatedAt }) => ({ outletId: listing.id, serviceId: hsdsServiceId(listing.id), updatedAt }));
    const reads: number[] = [];
    const ports = {
      publishedEntries: async () => entries,
      listings: async (ids: readonly string[]) => {
        reads.push(ids.length);
        return listings.filter(({ listing }) => ids.includes(listing.id) && listing.id !== 'OUT007');
      },
    };

    // Act
    const built = await buildOpenDataFiles(ports, now);

    // Assess
    expect(reads).toEqual([100, 100, 50]);
    expect(built.count).toBe(249);
    expect(built.reads).toEqual({ indexEntries: 250, listings: 250 });
    const geojson = openDataGeoJsonSchema.parse(JSON.parse(built.geojson));
    expect(geojson.features.map((feature) => feature.properties.id)).not.toContain('OUT007');
    expect(parseCsv(built.csv)).toHaveLength(250);
    expect(built.geojson + built.csv).not.toContain(privateEmail);
  });
});
