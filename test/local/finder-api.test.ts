/**
 * The API end to end on the local runtime: HTTP request → API Gateway v2 event → real Lambda entry
 * → embedded DynamoDB loaded with the demo data.
 */
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FindOutletsResponse, type OutletDetail, upcomingHoursChangesDays } from '../../functions/contract/find-outlets.js';
import { englandAndWalesBankHolidays } from '../../functions/core/bank-holidays.js';
import { type RunningFinder, startFinder } from '../../local/finder-server.js';
import { readDemoOutlets } from '../../local/demo-outlets.js';
import { buildOutlet } from '../fixtures/outlets.js';

const siteDir = fileURLToPath(new URL('../fixtures/site/', import.meta.url));
let finder: RunningFinder;

const get = async (path: string) => {
  const response = await fetch(`${finder.url}${path}`);
  return { status: response.status, headers: response.headers, body: await response.json() };
};

/** Great-circle distance, written out here so the test does not trust the code it checks. */
const haversineKm = (a: { lat: number; lng: number }, b: { lat: number; lng: number }) => {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
};

beforeAll(async () => {
  // Many reports come from this one machine here: the per-client limit has its own test.
  finder = await startFinder({ port: 0, siteDir, clientLimits: false });
});

afterAll(async () => {
  await finder?.close();
});

describe('GET /api/outlets', () => {
  it('returns the five pharmacies nearest to Manchester city centre, nearest first', async () => {
    // Prepare
    const centre = { lat: 53.4808, lng: -2.2426 };
    const demo = (await readDemoOutlets(new Date())).map(({ outlet }) => outlet);
    const expected = demo
      .map((outlet) => ({ id: outlet.id, distanceKm: haversineKm(centre, outlet.location) }))
      .sort((a, b) => a.distanceKm - b.distanceKm || a.id.localeCompare(b.id))
      .slice(0, 5);

    // Act
    const { status, body } = await get('/api/outlets?lat=53.4808&lng=-2.2426&limit=5');

    // Assess
    expect(status).toBe(200);
    const response = body as FindOutletsResponse;
    expect(response.results.map((result) => result.id)).toEqual(expected.map((outlet) => outlet.id));
    for (const [index, result] of response.results.entries()) {
      expect(result.distanceKm).toBeCloseTo(expected[index]?.distanceKm ?? -1, 1);
      expect(result.address.town).toBe('Manchester');
      expect(result.demo).toBe(true);
    }
    expect(response.location).toEqual({ lat: 53.481, lng: -2.243, source: 'coordinates', label: null });
    // How far it looked: at least as far as the fifth result, given to 10 m and never rounded up.
    expect(response.searchedRadiusKm).toBe(Math.floor(response.searchedRadiusKm * 100) / 100);
    expect(response.searchedRadiusKm).toBeGreaterThanOrEqual(Math.floor((expected[4]?.distanceKm ?? Infinity) * 100) / 100);
  });

  it('finds outlets near a full Trafford postcode in any case and spacing', async () => {
    const { status, body } = await get('/api/outlets?postcode=m154ab&limit=3');

    expect(status).toBe(200);
    expect((body as FindOutletsResponse).location).toMatchObject({ source: 'postcode', label: 'M15 4AB' });
    expect((body as FindOutletsResponse).results).toHaveLength(3);
  });

  it('falls back to the outward code centroid for a postcode outside the table, and says so', async () => {
    const { status, body } = await get('/api/outlets?postcode=M1%201AE&limit=3');

    expect(status).toBe(200);
    expect((body as FindOutletsResponse).location).toMatchObject({ source: 'outward_code', label: 'M1' });
  });

  it('keeps only outlets that pass every filter', async () => {
    const { body } = await get('/api/outlets?lat=53.4808&lng=-2.2426&limit=10&kit=injectable&noId=true');

    const results = (body as FindOutletsResponse).results;
    expect(results).toHaveLength(10);
    expect(results.every((result) => result.kitTypes.includes('injectable') && result.eligibility.noIdNeeded)).toBe(true);
  });

  it('answers a bad postcode and an unknown one with different field messages', async () => {
    const bad = await get('/api/outlets?postcode=HELLO');
    const unknown = await get('/api/outlets?postcode=ZZ99%209ZZ');

    expect(bad.status).toBe(400);
    expect(bad.body.issues[0]).toMatchObject({ path: 'postcode' });
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    expect(unknown.status).toBeLessThan(500);
    expect(unknown.body.issues).toEqual([{ path: 'postcode', message: 'We could not find that postcode' }]);
    expect(bad.body.issues[0].message).not.toBe(unknown.body.issues[0].message);
  });

  it('answers bad coordinates with a 400 naming each field', async () => {
    const { status, body } = await get('/api/outlets?lat=91&lng=abc&limit=500');

    expect(status).toBe(400);
    expect(body.issues.map((issue: { path: string }) => issue.path)).toEqual(['lat', 'lng', 'limit']);
  });

  it('never answers 5xx, whatever the query string', async () => {
    const value = fc.oneof(fc.string(), fc.double().map(String), fc.constantFrom('', 'true', 'nasal', 'M15 4AB', 'M15', '53.48'));
    const name = fc.constantFrom('lat', 'lng', 'postcode', 'limit', 'radiusKm', 'kit', 'type', 'openNow', 'openLate', 'noId', 'walkIn', 'other');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(name, value), { maxLength: 6 }), async (pairs) => {
        const query = new URLSearchParams(pairs).toString();
        const response = await fetch(`${finder.url}/api/outlets?${query}`);
        await response.arrayBuffer();
        return response.status < 500;
      }),
      { numRuns: 150 },
    );
  });

  it('tells caches never to keep a search', async () => {
    const { headers } = await get('/api/outlets?lat=53.4808&lng=-2.2426&limit=1');

    expect(headers.get('cache-control')).toBe('no-store');
    expect(headers.get('set-cookie')).toBeNull();
  });
});

describe('GET /api/outlets/{id}', () => {
  it('returns one listing with its hours and whether it is open', async () => {
    const { status, body } = await get('/api/outlets/FM664');

    expect(status).toBe(200);
    const outlet = body as OutletDetail;
    expect(outlet).toMatchObject({ id: 'FM664', name: 'A1 Pharmacy', address: { postcode: 'BL3 1SX' }, demo: true });
    expect(outlet.hours.weekly.length).toBeGreaterThan(0);
    expect(['open', 'closed', 'unknown']).toContain(outlet.openState.status);
  });

  it('lists the bank holidays of the coming weeks with the hours that apply', async () => {
    // Prepare: the shipped calendar's dates from today (London) over the look-ahead.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    const last = new Date(Date.parse(`${today}T00:00:00Z`) + (upcomingHoursChangesDays - 1) * 86_400_000).toISOString().slice(0, 10);
    const expected = [...englandAndWalesBankHolidays.keys()].filter((date) => date >= today && date <= last).sort();

    // Act
    const { body } = await get('/api/outlets/FM664');

    // Assess: A1 Pharmacy has no exceptions, and its bank holiday hours are not known.
    const changes = (body as OutletDetail).upcomingHoursChanges;
    expect(changes.map((change) => change.date)).toEqual(expected);
    for (const change of changes) expect(change).toMatchObject({ reason: 'bank_holiday', text: expect.stringMatching(/call ahead/i) });
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const unknown = await get('/api/outlets/NOPE1');
    const malformed = await get('/api/outlets/a.b');

    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: 'not_found', message: 'We could not find that outlet', issues: [] });
    expect(malformed.status).toBe(400);
    expect(malformed.body.issues[0]).toMatchObject({ path: 'id' });
  });
});

describe('freshness', () => {
  it('marks a listing unconfirmed for 90 days, and leaves one unconfirmed for 180 out of searches but not off its page', async () => {
    // Prepare: three pharmacies beside each other, confirmed 10, 100 and 200 days ago.
    const { putOutlet } = await import('../../functions/data/outlets.js');
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    const place = { lat: 53.7, lng: -2.0 };
    for (const [id, days] of [['FRESH1', 10], ['STALE1', 100], ['GONE1', 200]] as const) {
      await putOutlet(buildOutlet({ id, odsCode: null, location: { lat: place.lat + days / 1e6, lng: place.lng }, assuredAt: daysAgo(days), listedAt: daysAgo(400) }));
    }

    // Act
    const search = (await get(`/api/outlets?lat=${place.lat}&lng=${place.lng}&radiusKm=1`)).body as FindOutletsResponse;
    const gone = await get('/api/outlets/GONE1');

    // Assess
    expect(search.results.map((result) => [result.id, result.freshness])).toEqual([
      ['FRESH1', 'current'],
      ['STALE1', 'may_be_out_of_date'],
    ]);
    expect([gone.status, (gone.body as OutletDetail).freshness]).toEqual([200, 'out_of_date']);
  });
});

describe('the local server', () => {
  it('answers 405 for a method a route does not take', async () => {
    const response = await fetch(`${finder.url}/api/outlets`, { method: 'DELETE' });

    expect(response.status).toBe(405);
  });

  it('serves the site and its 404 page beside the API', async () => {
    const home = await fetch(`${finder.url}/`);
    const missing = await fetch(`${finder.url}/no-such-page`);
    const escape = await fetch(`${finder.url}/..%2F..%2Fpackage.json`);
    const malformed = await fetch(`${finder.url}/outlets/%ZZ`);

    expect([home.status, await home.text()]).toEqual([200, expect.stringContaining('Fixture site')]);
    expect(missing.status).toBe(404);
    expect(escape.status).toBe(404);
    expect(malformed.status).toBe(400);
  });

  it('answers every malformed request target and stays up', async () => {
    // Prepare: raw requests, since fetch would tidy the targets up.
    const { request } = await import('node:http');
    const statusOf = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const sent = request(`${finder.url}/`, { path, method: 'GET' }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        sent.on('error', reject);
        sent.end();
      });

    // Act
    const statuses = [];
    for (const path of ['//', '///', '//[', '//a:99999/', '//%', '/\\', '/api//outlets']) statuses.push(await statusOf(path));
    const after = await fetch(`${finder.url}/api/outlets/FEJ12`);

    // Assess: an answer every time (a page, or a 4xx), never a 5xx or a dropped connection.
    for (const status of statuses) expect(status).toBeGreaterThanOrEqual(200);
    for (const status of statuses) expect(status).toBeLessThan(500);
    expect(after.status).toBe(200);
  });

  it('answers an unknown path under the API prefix in the API’s JSON error shape, not with a page', async () => {
    // Act
    const response = await fetch(`${finder.url}/api/no-such-thing`);

    // Assess
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'not_found', message: 'There is no such page', issues: [] });
  });

  it('sends each page’s Content-Security-Policy as a header, and only the portal’s reaches the sign-in service', async () => {
    // Prepare
    const signInOrigin = new URL(finder.signIn.tokenEndpoint).origin;

    // Act
    const publicPolicy = (await fetch(`${finder.url}/`)).headers.get('content-security-policy') ?? '';
    const portalPolicy = (await fetch(`${finder.url}/portal/`)).headers.get('content-security-policy') ?? '';

    // Assess
    expect(publicPolicy).toContain("connect-src 'self';");
    expect(publicPolicy).toContain("frame-ancestors 'none'");
    expect(portalPolicy).toContain(`connect-src 'self' ${signInOrigin};`);
  });

  it('lets other sites frame the embeddable finder’s page and no other page', async () => {
    // Act
    const get = (path: string) => fetch(`${finder.url}${path}`);
    const [embed, embedAbout, find] = await Promise.all([get('/embed/'), get('/embed/about/'), get('/')]);

    // Assess
    expect(embed.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(embed.headers.get('x-frame-options')).toBeNull();
    for (const response of [embedAbout, find]) {
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });
});

describe('POST /api/reports', () => {
  const post = async (body: unknown, contentType = 'application/json') => {
    const response = await fetch(`${finder.url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };

  it('stores a report against the outlet and answers with a reference', async () => {
    // Prepare: the data layer is loaded only now, so it uses the finder's engine.
    const { listReports } = await import('../../functions/data/reports.js');

    // Act
    const { status, body } = await post({ outletId: 'FM664', problem: 'no_kits', details: '  Asked at the counter on Monday  ' });

    // Assess
    expect(status).toBe(201);
    const stored = await listReports('FM664');
    expect(stored).toEqual([
      {
        id: body.id,
        outletId: 'FM664',
        problem: 'no_kits',
        details: 'Asked at the counter on Monday',
        receivedAt: body.receivedAt,
        status: 'open',
        note: null,
        dealtWithAt: null,
        dealtWithBy: null,
      },
    ]);
  });

  it('answers field messages and stores nothing for a bad report', async () => {
    const { listReports } = await import('../../functions/data/reports.js');

    const missing = await post({ outletId: 'FEJ12' });
    const unknownOutlet = await post({ outletId: 'NOPE1', problem: 'no_kits' });
    const tooLong = await post({ outletId: 'FEJ12', problem: 'other', details: 'x'.repeat(501) });
    const notJson = await post('problem=no_kits', 'application/x-www-form-urlencoded');
    const nullBody = await post('null');
    const noOutlet = await post({ problem: 'no_kits' });
    const loneSurrogate = await post({ outletId: 'FEJ12', problem: 'other', details: 'kits\uD800' });

    expect(missing).toMatchObject({ status: 422, body: { issues: [{ path: 'problem', message: 'Select what went wrong' }] } });
    expect(unknownOutlet).toMatchObject({ status: 422, body: { issues: [{ path: 'outletId', message: 'We could not find that outlet' }] } });
    expect(tooLong).toMatchObject({ status: 422, body: { issues: [{ path: 'details', message: 'Details must be 500 characters or fewer' }] } });
    expect(notJson.status).toBe(415);
    expect(nullBody).toMatchObject({ status: 422, body: { issues: [{ path: '(root)', message: 'Send the report as a JSON object' }] } });
    expect(noOutlet).toMatchObject({ status: 422, body: { issues: [{ path: 'outletId', message: 'Say which place the report is about' }] } });
    expect(loneSurrogate).toMatchObject({ status: 422, body: { issues: [{ path: 'details', message: 'Details contain characters we cannot read' }] } });
    expect(await listReports('FEJ12')).toEqual([]);
    expect(await listReports('NOPE1')).toEqual([]);
  });

  it('refuses a report whose trap field a robot filled in, and stores nothing', async () => {
    // Prepare
    const { listReports } = await import('../../functions/data/reports.js');

    // Act
    const trapped = await post({ outletId: 'FEJ12', problem: 'no_kits', website: 'http://spam.example' });

    // Assess
    expect(trapped).toMatchObject({ status: 422, body: { issues: [{ path: 'website' }] } });
    expect(await listReports('FEJ12')).toEqual([]);
  });

  it('tells the public after two "no kits" reports, and not after one', async () => {
    // Prepare
    const listing = async () => (await get('/api/outlets/FEJ12')).body as OutletDetail;

    // Act
    await post({ outletId: 'FEJ12', problem: 'no_kits' });
    const afterOne = await listing();
    await post({ outletId: 'FEJ12', problem: 'closed_when_listed_open' });
    await post({ outletId: 'FEJ12', problem: 'no_kits' });
    const afterTwo = await listing();

    // Assess
    expect([afterOne.recentlyReportedOutOfStock, afterTwo.recentlyReportedOutOfStock]).toEqual([false, true]);
  });
});
