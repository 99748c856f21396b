/**
 * Open data end to end on the local runtime: HTTP request → API Gateway v2 event → the real open
 * data Lambda → the embedded DynamoDB loaded with the demo data and a few listings of the test's
 * own: one with a private contact email and a change history, one withdrawn, one temporarily closed.
 *
 * Every HSDS item is checked against the official HSDS 3.0 schemas and their stricter reading
 * (`test/support/hsds-schemas.ts`); the page object against `hsdsPageSchema`, written from the
 * specification, since HSDS publishes no JSON schema for it.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hsdsPageSchema,
  hsdsRootSchema,
  openDataCsvColumns,
  openDataFiles,
  openDataFilesCacheControl,
  openDataGeoJsonSchema,
} from '../../functions/contract/open-data.js';
import { parseCsv } from '../../functions/core/csv.js';
import type { Outlet } from '../../functions/contract/outlet.js';
import type { ChangeEntry } from '../../functions/contract/portal-outlet.js';
import { hsdsIdOf, hsdsServiceId } from '../../functions/core/hsds-service-at-location.js';
import { readDemoOutlets } from '../../local/demo-outlets.js';
import { type RunningFinder, startFinder } from '../../local/finder-server.js';
import { buildOutlet } from '../fixtures/outlets.js';
import { schemaIssues, serviceAtLocationSchemas, serviceSchemas } from '../support/hsds-schemas.js';

const siteDir = fileURLToPath(new URL('../fixtures/site/', import.meta.url));
const privateEmail = 'od-private.owner@example.org';
/** Words only the change history holds: who made the change and the alert before it. */
const historyMarkers = ['Histor Yperson', 'Alert before the change'];
let finder: RunningFinder;
/** Every outlet the table publishes, with where it is. */
let published: Pick<Outlet, 'id' | 'location'>[] = [];
/** Just before the test's own listings were written. */
let beforeOwnWrites = '';
/** Every body the tests read, to look for what must never appear. */
const bodies: string[] = [];

const ownListings = {
  private: buildOutlet({ id: 'OD-PRIVATE', name: 'Open Data Test Pharmacy', odsCode: null, contactEmail: privateEmail, alert: 'Alert before the change', location: { lat: 53.4675, lng: -2.2493 } }),
  withdrawn: buildOutlet({ id: 'OD-WITHDRAWN', name: 'Withdrawn Test Pharmacy', odsCode: null, location: { lat: 53.4676, lng: -2.2494 } }),
  closed: buildOutlet({ id: 'OD-CLOSED', name: 'Closed Test Pharmacy', odsCode: null, status: 'temporarily_closed', reopensOn: '2099-01-01', location: { lat: 53.47, lng: -2.25 } }),
};

async function get(path: string, init?: RequestInit) {
  const response = await fetch(`${finder.url}${path}`, init);
  const text = await response.text();
  bodies.push(text);
  return { status: response.status, headers: response.headers, text, body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
}

/** Every item of a list endpoint, page by page, checking each page object on the way. */
async function everyItem(path: string, perPage = 100): Promise<Array<Record<string, any>>> {
  const items: Array<Record<string, any>> = [];
  for (let page = 1; ; page += 1) {
    const { status, body } = await get(`${path}${path.includes('?') ? '&' : '?'}per_page=${perPage}&page=${page}`);
    expect(status).toBe(200);
    expect(hsdsPageSchema.safeParse(body).success).toBe(true);
    items.push(...body.contents);
    if (body.last_page) return items;
  }
}

/** Great-circle distance, written out here so the test does not trust the code it checks. */
const haversineKm = (a: { lat: number; lng: number }, b: { lat: number; lng: number }) => {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
};

const outletOfSal = () => new Map(published.map((outlet) => [hsdsIdOf(outlet.id, 'service_at_location'), outlet.id]));

beforeAll(async () => {
  finder = await startFinder({ port: 0, siteDir });
  // Loaded now, so they read the settings the finder gave them.
  const { putOutlet, getStoredOutlet, writeListingChange } = await import('../../functions/data/outlets.js');
  const change = async (id: string, next: (outlet: Outlet) => Outlet) => {
    const current = await getStoredOutlet(id, { consistent: true });
    if (!current) throw new Error(`No outlet ${id}`);
    const entry: ChangeEntry = {
      id: `change-${id}`,
      at: new Date().toISOString(),
      by: { subject: 'history-person', label: 'Histor Yperson' },
      action: 'edit',
      changes: [{ field: 'alert', label: 'Public alert', from: current.outlet.alert, to: 'Kits at the counter', fromText: String(current.outlet.alert), toText: 'Kits at the counter' }],
    };
    await writeListingChange(current, next(current.outlet), entry);
  };
  await new Promise((resolve) => setTimeout(resolve, 5));
  beforeOwnWrites = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 5));
  for (const outlet of Object.values(ownListings)) await putOutlet(outlet);
  await change('OD-PRIVATE', (outlet) => ({ ...outlet, alert: 'Kits at the counter' }));
  await change('OD-WITHDRAWN', (outlet) => ({ ...outlet, status: 'inactive' }));
  const demo = (await readDemoOutlets(new Date())).map(({ outlet }) => outlet);
  published = [...demo, ownListings.private, ownListings.closed].filter((outlet) => outlet.status !== 'inactive');
});

afterAll(async () => {
  await finder?.close();
});

describe('GET /api/hsds/', () => {
  it('gives the HSDS version, profile and OpenAPI document, at the base with and without its slash', async () => {
    // Act
    const [withSlash, without] = await Promise.all([get('/api/hsds/'), get('/api/hsds')]);

    // Assess
    expect(withSlash.status).toBe(200);
    expect(hsdsRootSchema.parse(withSlash.body)).toMatchObject({ version: '3.0' });
    expect(without.body).toEqual(withSlash.body);
    expect(withSlash.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('GET /api/hsds/services and /service_at_locations', () => {
  it('list every published listing once, each a valid HSDS service and service at location', async () => {
    // Act
    const [services, sals] = await Promise.all([everyItem('/api/hsds/services'), everyItem('/api/hsds/service_at_locations')]);

    // Assess
    expect(services).toHaveLength(published.length);
    expect(new Set(services.map((service) => service.id))).toEqual(new Set(published.map((outlet) => hsdsServiceId(outlet.id))));
    expect(new Set(sals.map((sal) => sal.service_id))).toEqual(new Set(services.map((service) => service.id)));
    const problems = [
      ...services.flatMap((service) => [...schemaIssues(serviceSchemas.official, service), ...schemaIssues(serviceSchemas.strict, service)]),
      ...sals.flatMap((sal) => [...schemaIssues(serviceAtLocationSchemas.official, sal), ...schemaIssues(serviceAtLocationSchemas.strict, sal)]),
    ];
    expect(problems).toEqual([]);
  });

  it('page at their edges: a short last page, a page past it empty, the same order whatever the page size', async () => {
    // Prepare
    const total = published.length;

    // Act
    const last = await get(`/api/hsds/services?per_page=100&page=${Math.ceil(total / 100)}`);
    const past = await get(`/api/hsds/services?per_page=100&page=${Math.ceil(total / 100) + 1}`);
    const first = await get('/api/hsds/services');
    const byNinetySeven = await everyItem('/api/hsds/services', 97);
    const byHundred = await everyItem('/api/hsds/services', 100);

    // Assess
    expect(last.body).toMatchObject({ total_items: total, total_pages: Math.ceil(total / 100), size: total % 100, first_page: false, last_page: true, empty: false });
    expect(past.body).toMatchObject({ total_items: total, size: 0, last_page: true, empty: true, contents: [] });
    expect(first.body).toMatchObject({ page_number: 1, first_page: true, size: 50, total_pages: Math.ceil(total / 50) });
    expect(byNinetySeven.map((service) => service.id)).toEqual(byHundred.map((service) => service.id));
  });

  it.each([
    ['page=0', 'page'],
    ['per_page=101', 'per_page'],
    ['per_page=ten', 'per_page'],
    ['modified_after=2026-01-01T00:00:00', 'modified_after'],
    ['format=ndjson', 'format'],
    ['search=naloxone', 'search'],
    ['taxonomy_term_id=x', 'taxonomy_term_id'],
  ])('refuse %s with a 400 naming %s, readable by any site', async (query, field) => {
    // Act
    const { status, body, headers } = await get(`/api/hsds/services?${query}`);

    // Assess
    expect(status).toBe(400);
    expect(body.issues.map((issue: { path: string }) => issue.path)).toEqual([field]);
    expect(headers.get('access-control-allow-origin')).toBe('*');
  });

  it('keep only listings changed at or after modified_after: the test\'s own, not the demo\'s or the withdrawn one', async () => {
    // Prepare
    const privateChange = (await get(`/api/hsds/services/${hsdsServiceId('OD-PRIVATE')}`)).body.last_modified as string;

    // Act
    const since = await everyItem(`/api/hsds/service_at_locations?modified_after=${encodeURIComponent(beforeOwnWrites)}`);
    const atExactly = await everyItem(`/api/hsds/services?modified_after=${encodeURIComponent(privateChange)}`);
    const justAfter = await everyItem(`/api/hsds/services?modified_after=${encodeURIComponent(new Date(Date.parse(privateChange) + 1).toISOString())}`);

    // Assess
    expect(since.map((sal) => sal.location.name).sort()).toEqual(['Closed Test Pharmacy', 'Open Data Test Pharmacy']);
    expect(atExactly.map((service) => service.id)).toContain(hsdsServiceId('OD-PRIVATE'));
    expect(justAfter.map((service) => service.id)).not.toContain(hsdsServiceId('OD-PRIVATE'));
  });
});

describe('GET /api/hsds/service_at_locations near a postcode', () => {
  it('lists every published listing within proximity metres, nearest first, as a brute-force check orders them', async () => {
    // Prepare: the centre the API measures from, as the public search resolves the postcode.
    const centre = (await get('/api/outlets?postcode=M15%204AB&limit=1')).body.location;
    const expected = published
      .map((outlet) => ({ id: outlet.id, distanceKm: haversineKm(centre, outlet.location) }))
      .filter((outlet) => outlet.distanceKm <= 3)
      .sort((a, b) => a.distanceKm - b.distanceKm || (a.id < b.id ? -1 : 1))
      .map((outlet) => outlet.id);
    const toOutlet = outletOfSal();

    // Act
    const first = await get('/api/hsds/service_at_locations?postcode=M15%204AB&proximity=3000&per_page=7');
    const all = await everyItem('/api/hsds/service_at_locations?postcode=m154ab&proximity=3000', 9);

    // Assess
    expect(expected.length).toBeGreaterThan(20);
    expect(expected).toContain('OD-PRIVATE');
    expect(all.map((sal) => toOutlet.get(sal.id))).toEqual(expected);
    expect(first.body).toMatchObject({ total_items: expected.length, size: 7 });
    expect(first.headers.get('cache-control')).toBe('no-store');
  });

  it.each([
    ['proximity=1000', 400, 'postcode'],
    ['postcode=HELLO&proximity=1000', 400, 'postcode'],
    ['postcode=ZZ99%209ZZ', 422, 'postcode'],
    ['postcode=M15%204AB&proximity=60000', 400, 'proximity'],
  ])('refuses %s with %i naming %s', async (query, expectedStatus, field) => {
    // Act
    const { status, body } = await get(`/api/hsds/service_at_locations?${query}`);

    // Assess
    expect(status).toBe(expectedStatus);
    expect(body.issues.map((issue: { path: string }) => issue.path)).toEqual([field]);
  });
});

describe('GET /api/hsds/services/{id}', () => {
  it('gives one published listing, fully nested, and 404 for a withdrawn one, both readable by any site', async () => {
    // Act
    const found = await get(`/api/hsds/services/${hsdsServiceId('OD-PRIVATE')}`);
    const withdrawn = await get(`/api/hsds/services/${hsdsServiceId('OD-WITHDRAWN')}`);

    // Assess
    expect(found.status).toBe(200);
    expect([...schemaIssues(serviceSchemas.official, found.body), ...schemaIssues(serviceSchemas.strict, found.body)]).toEqual([]);
    expect(found.body).toMatchObject({ name: 'Take-home naloxone at Open Data Test Pharmacy', alert: 'Kits at the counter' });
    expect(withdrawn).toMatchObject({ status: 404, body: { error: 'not_found' } });
    expect([found, withdrawn].map(({ headers }) => headers.get('access-control-allow-origin'))).toEqual(['*', '*']);
  });
});

describe('CORS preflight', () => {
  it.each(['/api/hsds/', '/api/hsds/services', `/api/hsds/services/${hsdsServiceId('OD-PRIVATE')}`, '/api/hsds/service_at_locations'])(
    'is answered for %s',
    async (path) => {
      // Act
      const { status, headers } = await get(path, {
        method: 'OPTIONS',
        headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-requested-with' },
      });

      // Assess
      expect(status).toBe(204);
      expect(headers.get('access-control-allow-origin')).toBe('*');
      expect(headers.get('access-control-allow-methods')).toBe('GET, OPTIONS');
      expect(headers.get('access-control-allow-headers')).toBe('x-requested-with');
    },
  );
});

describe('GET /api/open-data/outlets.geojson and outlets.csv', () => {
  it('hold every published listing once, and nothing withdrawn, each file in its own format', async () => {
    // Act
    const [geojson, csv] = await Promise.all([get(openDataFiles.geojson.path), get(openDataFiles.csv.path)]);

    // Assess
    expect(geojson.status).toBe(200);
    expect(geojson.headers.get('content-type')).toBe('application/geo+json');
    const collection = openDataGeoJsonSchema.parse(JSON.parse(geojson.text));
    expect(collection.metadata.count).toBe(published.length);
    expect(new Set(collection.features.map((feature) => feature.id))).toEqual(new Set(published.map((outlet) => hsdsServiceId(outlet.id))));
    const where = new Map(published.map((outlet) => [outlet.id, outlet.location]));
    for (const feature of collection.features) {
      expect(feature.geometry.coordinates).toEqual([where.get(feature.properties.id)?.lng, where.get(feature.properties.id)?.lat]);
    }

    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const [header, ...records] = parseCsv(csv.text);
    expect(header?.fields).toEqual(openDataCsvColumns);
    const idColumn = openDataCsvColumns.indexOf('id');
    expect(records.map((record) => record.fields[idColumn]).sort()).toEqual(published.map((outlet) => outlet.id).sort());
    for (const file of [geojson, csv]) {
      expect(file.text).toContain('Open Data Test Pharmacy');
      expect(file.text).not.toContain('OD-WITHDRAWN');
      expect(file.headers.get('access-control-allow-origin')).toBe('*');
      expect(file.headers.get('cache-control')).toBe(openDataFilesCacheControl);
    }
  });

  it('are kept once built: a second request gets the same file, built at the same moment', async () => {
    // Act
    const first = await get(openDataFiles.geojson.path);
    const second = await get(openDataFiles.geojson.path);
    const head = await get(openDataFiles.csv.path, { method: 'HEAD' });

    // Assess
    const builtAt = [first, second].map((file) => openDataGeoJsonSchema.parse(JSON.parse(file.text)).metadata.generated_at);
    expect(builtAt[1]).toBe(builtAt[0]);
    expect(second.text).toBe(first.text);
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(1000);
  });

  it('answer 404 for a file that is not there and 405 for a method other than GET or HEAD', async () => {
    // Act
    const missing = await get('/api/open-data/outlets.xml');
    const posted = await get(openDataFiles.csv.path, { method: 'POST' });

    // Assess
    expect(missing.status).toBe(404);
    expect(posted.status).toBe(405);
  });
});

describe('everything open data answered', () => {
  it('held no private field, no change history and nothing of the withdrawn listing', async () => {
    // Prepare: every answer the other tests read, and every list once more.
    await everyItem('/api/hsds/services');
    await everyItem('/api/hsds/service_at_locations');

    // Act
    const everything = bodies.join('\n');

    // Assess
    expect(bodies.length).toBeGreaterThan(40);
    expect(everything).toContain('Open Data Test Pharmacy');
    expect(everything).not.toContain(privateEmail);
    expect(everything).not.toMatch(/contactEmail|contact_email|noKitsReports|"history"/);
    for (const marker of historyMarkers) expect(everything).not.toContain(marker);
    expect(everything).not.toContain('Withdrawn Test Pharmacy');
    expect(everything).not.toContain('OD-WITHDRAWN');
  });
});
