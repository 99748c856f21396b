/**
 * A local authority's dashboard API end to end on the local runtime, signed in for real as the
 * demo commissioner of Manchester (and the administrator, for Trafford), on the demo data.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AreaBatches, AreaCoverage, AreaOverview, AreaSupplies } from '../../functions/contract/area-dashboard.js';
import type { ImportReport } from '../../functions/contract/outlet-import.js';
import { type RunningFinder, startFinder } from '../../local/finder-server.js';
import { tokenFor } from '../support/tokens.js';

const siteDir = fileURLToPath(new URL('../fixtures/site/', import.meta.url));
const manchester = 'E08000003';
const trafford = 'E08000009';
let finder: RunningFinder;
const tokens: Record<string, string> = {};

async function api(user: string, path: string, init: RequestInit & { json?: unknown } = {}) {
  const { json, ...rest } = init;
  const headers: Record<string, string> = { authorization: `Bearer ${tokens[user]}`, ...(rest.headers as Record<string, string>) };
  if (json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${finder.url}${path}`, { ...rest, headers, ...(json === undefined ? {} : { body: JSON.stringify(json) }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null };
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

beforeAll(async () => {
  finder = await startFinder({ port: 0, siteDir });
  for (const user of ['asha', 'chloe', 'dami']) tokens[user] = await tokenFor(finder.url, user);
}, 120_000);

afterAll(async () => {
  await finder?.close();
});

describe('the area overview', () => {
  it('lists the area’s listings only, with counts by type and status, and its open reports', async () => {
    // Prepare
    await fetch(`${finder.url}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outletId: 'FD532', problem: 'wrong_hours_or_address' }) });

    // Act
    const { status, body } = await api('chloe', `/api/portal/areas/${manchester}`);

    // Assess
    const overview = body as AreaOverview;
    expect(status).toBe(200);
    expect(overview.area).toEqual({ code: manchester, name: 'Manchester' });
    expect(overview.listings.length).toBeGreaterThan(50);
    expect(overview.listings.every((listing) => listing.localAuthorityCode === manchester)).toBe(true);
    expect(overview.counts.reduce((sum, count) => sum + count.count, 0)).toBe(overview.listings.length);
    expect(overview.openReports.map((report) => [report.outletId, report.outletName, report.problem])).toContainEqual(['FD532', 'Boots', 'wrong_hours_or_address']);
    expect(JSON.stringify(overview)).not.toMatch(/contactEmail|history/);
  });
});

describe('kits given out', () => {
  it('totals the area’s kits by month against the commissioner’s estimate', async () => {
    // Prepare
    for (const count of [3, 4]) {
      await api('asha', '/api/portal/outlets/FD532/supplies', {
        method: 'POST',
        headers: { 'idempotency-key': randomUUID() },
        json: { date: today(), kitType: 'nasal', count, supply: 'first' },
      });
    }
    const estimate = await api('chloe', `/api/portal/areas/${manchester}/estimate`, {
      method: 'PUT',
      json: { peopleUsingOpiates: 7, source: 'Test estimate', year: 2024 },
    });

    // Act
    const { body } = await api('chloe', `/api/portal/areas/${manchester}/supplies`);

    // Assess
    const supplies = body as AreaSupplies;
    expect(estimate.status).toBe(200);
    expect(supplies.months).toContainEqual({ month: today().slice(0, 7), kitType: 'nasal', first: 7, resupply: 0, resupplyReasons: {} });
    expect(supplies.totals.kits).toBe(7);
    expect(supplies.estimate).toMatchObject({ peopleUsingOpiates: 7, source: 'Test estimate', year: 2024, setBy: 'Chloe Davies (chloe.davies@example.org)' });
    expect(supplies.kitsPerPerson).toBe(1);
  });
});

describe('batches', () => {
  it('shows batches expiring within 60 days across the area, and finds a recalled batch number wherever it is', async () => {
    // Prepare
    const soon = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const later = new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10);
    for (const [outlet, expiresOn] of [['FD532', soon], ['FEX27', later]] as const) {
      await api('asha', `/api/portal/outlets/${outlet}/batches`, {
        method: 'POST',
        headers: { 'idempotency-key': randomUUID() },
        json: { batchNumber: 'NX-RECALL-1', kitType: 'nasal', quantity: 5, expiresOn },
      });
    }

    // Act
    const expiring = (await api('chloe', `/api/portal/areas/${manchester}/batches`)).body as AreaBatches;
    const recalled = (await api('chloe', `/api/portal/areas/${manchester}/batches?number=nx%20recall%201`)).body as AreaBatches;

    // Assess
    expect(expiring.batches.map((batch) => [batch.outletId, batch.outletName, batch.expiry])).toEqual([['FD532', 'Boots', 'expiring_soon']]);
    expect(recalled.batches.map((batch) => batch.outletId).sort()).toEqual(['FD532', 'FEX27']);
  });
});

describe('coverage', () => {
  it('measures Trafford from its full postcodes and Manchester from its postcode districts, three times a week', async () => {
    // Act
    const traffordCoverage = (await api('dami', `/api/portal/areas/${trafford}/coverage`)).body as AreaCoverage;
    const manchesterCoverage = (await api('chloe', `/api/portal/areas/${manchester}/coverage`)).body as AreaCoverage;

    // Assess
    expect(traffordCoverage.placesSource).toBe('postcodes');
    expect(traffordCoverage.results.map((result) => result.moment.key)).toEqual(['weekday_day', 'weekday_night', 'sunday']);
    expect(traffordCoverage.results[0]?.places).toBe(11_264);
    expect(traffordCoverage.results[0]?.worst).toHaveLength(50);
    expect(manchesterCoverage.placesSource).toBe('postcode_districts');
    expect(manchesterCoverage.results[0]?.places).toBeGreaterThan(10);
    // By day more outlets are open than at night, so nobody is further away by day.
    const [day, night] = traffordCoverage.results;
    expect(day!.openOutlets).toBeGreaterThan(night!.openOutlets);
    expect(day!.medianKm!).toBeLessThanOrEqual(night!.medianKm!);
  });

  it('gives every place of the area and its distance at each moment as a CSV', async () => {
    // Act
    const { status, headers, text } = await api('chloe', `/api/portal/areas/${manchester}/coverage.csv`);

    // Assess
    const [header, ...rows] = text.trim().split('\r\n');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(header).toMatch(/^place,latitude,longitude,Wednesday 12:00 \(\d{4}-\d{2}-\d{2}\) km,Wednesday 12:00 nearest,/);
    expect(rows.length).toBeGreaterThan(10);
  });
});

describe('uploads', () => {
  const upload = (rows: string[]) => ['external_id,name,address_1,town,postcode,latitude,longitude,local_authority', ...rows].join('\n');
  const manchesterRow = 'AREA-TEST-1,Area Test Service,1 Test Street,Manchester,M1 1AE,53.4794,-2.2453,E08000003';
  const traffordRow = 'AREA-TEST-2,Elsewhere Service,2 Test Street,Stretford,M32 0AA,53.4466,-2.3223,E08000009';

  it('reports a dry run without writing, applies once for repeats of a key, and refuses rows outside the commissioner’s area', async () => {
    // Prepare
    const content = upload([manchesterRow, traffordRow]);
    const key = randomUUID();

    // Act
    const dry = (await api('chloe', `/api/portal/areas/${manchester}/imports`, { method: 'POST', json: { fileName: 'services.csv', content, dryRun: true } })).body as ImportReport;
    const listedAfterDryRun = await fetch(`${finder.url}/api/outlets/AREA-TEST-1`);
    const applied = await api('chloe', `/api/portal/areas/${manchester}/imports`, { method: 'POST', headers: { 'idempotency-key': key }, json: { fileName: 'services.csv', content, dryRun: false } });
    const repeated = await api('chloe', `/api/portal/areas/${manchester}/imports`, { method: 'POST', headers: { 'idempotency-key': key }, json: { fileName: 'services.csv', content, dryRun: false } });

    // Assess
    expect(dry.counts).toEqual({ new: 1, changed: 0, unchanged: 0, invalid: 1 });
    expect(dry.rows[1]?.problems[0]?.message).toMatch(/not in your area/);
    expect(listedAfterDryRun.status).toBe(404);
    expect(applied.status).toBe(201);
    expect(repeated.body).toEqual(applied.body);
    const listed = await (await fetch(`${finder.url}/api/outlets/AREA-TEST-1`)).json();
    expect(listed).toMatchObject({ name: 'Area Test Service', assuredAt: null, freshness: 'current' });
  });
});
