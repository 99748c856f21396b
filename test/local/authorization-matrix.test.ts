/**
 * Every route that is not public, called by every kind of caller, through the local server (which
 * checks tokens as API Gateway's JWT authorizer does) and the real portal Lambda, on the demo data:
 * each cell answers as expected, and no refused call changes anything in the table. And the open
 * data routes and files, public, called by the same callers: a token of any kind changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDataFiles } from '../../functions/contract/open-data.js';
import { hsdsServiceId } from '../../functions/core/hsds-service-at-location.js';
import { routes } from '../../functions/routes.js';
import { demoUsers, subjectOf } from '../../local/demo-users.js';
import { type RunningFinder, startFinder } from '../../local/finder-server.js';
import { forgeAccessToken, forgedTokens, tokenFor } from '../support/tokens.js';

const siteDir = fileURLToPath(new URL('../fixtures/site/', import.meta.url));

/** The listing every outlet route is called on: a Manchester pharmacy, Asha's. */
const outletId = 'FD532';
/** The cabinet route's listing: an emergency cabinet in Manchester, also Asha's (made in `beforeAll`). */
const cabinetId = 'MATRIXCAB1';
/** A Manchester postcode, loaded here: the demo's postcode data is Trafford's. */
const manchesterPostcode = { postcode: 'M2 5DB', lat: 53.47931, lng: -2.24469, localAuthorityCode: 'E08000003' };
const commissionerElsewhere = 'elsewhere.commissioner@example.org';

type Caller =
  | 'no token'
  | 'expired'
  | 'wrong issuer'
  | 'wrong audience'
  | 'bad signature'
  | 'ID token'
  | 'staff of another outlet'
  | 'staff of this outlet'
  | 'commissioner of another area'
  | 'commissioner of this area'
  | 'administrator';

type Outcome = 'answered 401' | 'answered 403' | 'allowed';

const notSignedIn: Caller[] = ['no token', 'expired', 'wrong issuer', 'wrong audience', 'bad signature', 'ID token'];

/**
 * What each caller may do on a route with each access level. The registration routes are called on
 * a registration in Manchester, the area of "this area".
 */
function expected(access: string, caller: Caller): Outcome {
  if (notSignedIn.includes(caller)) return 'answered 401';
  if (access === 'signed_in' || caller === 'administrator') return 'allowed';
  if (access === 'area_read' || access === 'area_write') return caller === 'commissioner of this area' ? 'allowed' : 'answered 403';
  if (access === 'moderator') return caller.startsWith('commissioner of') ? 'allowed' : 'answered 403';
  if (access === 'area_moderator') return caller === 'commissioner of this area' ? 'allowed' : 'answered 403';
  if (caller === 'staff of this outlet') return 'allowed';
  if ((access === 'outlet_read' || access === 'outlet_or_area') && caller === 'commissioner of this area') return 'allowed';
  return 'answered 403';
}

/** The local authority every area route is called on: Manchester, the outlet's. */
const areaCode = 'E08000003';

/** A one-row upload in the finder's template, in Manchester, placed by its coordinates. */
const upload = [
  'external_id,name,address_1,town,postcode,latitude,longitude,local_authority',
  'MATRIX-1,Matrix Test Service,1 Test Street,Manchester,M1 1AE,53.4794,-2.2453,E08000003',
].join('\n');

let finder: RunningFinder;
const tokens = new Map<Caller, string | undefined>();
let reportId = '';
let etag = '';
let scanTable: () => Promise<unknown[]>;
/** The registration refused calls are made on; each allowed decision gets a fresh one, since a decision changes it. */
let registration = { id: '', etag: '' };

/** Sends a registration in Manchester; its id and `ETag` as its commissioner reads it. */
async function newRegistration(): Promise<{ id: string; etag: string }> {
  const sent = await fetch(`${finder.url}/api/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      kind: 'cabinet',
      organisation: 'Matrix Trust',
      name: `Matrix cabinet ${randomUUID()}`,
      addressLine1: 'Albert Square',
      town: 'Manchester',
      postcode: manchesterPostcode.postcode,
      kitTypes: ['nasal'],
      locationDescription: 'By the door',
      contactName: 'Matrix Guardian',
      contactEmail: 'matrix.guardian@example.org',
    }),
  });
  const { id } = (await sent.json()) as { id: string };
  const read = await fetch(`${finder.url}/api/portal/registrations/${id}`, { headers: { authorization: `Bearer ${tokens.get('administrator')}` } });
  return { id, etag: read.headers.get('etag') ?? '' };
}

/** A request that is valid for its route, so an allowed call succeeds and a refused one is refused only for who made it. */
async function requestFor(route: (typeof routes)[number], allowed: boolean): Promise<{ path: string; init: RequestInit }> {
  const decided = route.handler === 'decideRegistration' && allowed ? await newRegistration() : registration;
  const id = route.path.includes('/registrations/') ? decided.id : route.handler === 'setCabinetStatus' ? cabinetId : outletId;
  const path = route.path.replace('{id}', id).replace('{reportId}', reportId).replace('{code}', areaCode);
  const json = (body: unknown, headers: Record<string, string> = {}) => ({
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
  const key = { 'idempotency-key': randomUUID() };
  const bodies: Record<string, RequestInit> = {
    editPortalOutlet: json({ alert: `Changed ${randomUUID()}` }, { 'if-match': etag }),
    setStock: json({ status: 'in_stock' }),
    confirmListing: { headers: key },
    recordSupply: json({ date: new Date().toISOString().slice(0, 10), kitType: 'nasal', count: 1, supply: 'first' }, key),
    addBatch: json({ batchNumber: 'NX 24-001', kitType: 'nasal', quantity: 10, expiresOn: '2027-06-30' }, key),
    updateReport: json({ status: 'dealt_with' }),
    setCabinetStatus: json({ status: 'used_awaiting_restock' }),
    decideRegistration: json({ decision: 'ask_for_changes', message: 'Say which door' }, { 'if-match': decided.etag }),
    setAreaEstimate: json({ peopleUsingOpiates: 5000, source: 'Matrix test', year: 2024 }),
    // A dry run: an allowed call reports the row and writes nothing.
    importAreaListings: json({ fileName: 'matrix.csv', content: upload, dryRun: true }, key),
  };
  return { path, init: { method: route.method, ...(bodies[route.handler] ?? {}) } };
}

async function call(route: (typeof routes)[number], caller: Caller): Promise<number> {
  const { path, init } = await requestFor(route, expected(route.access, caller) === 'allowed');
  const token = tokens.get(caller);
  const headers = { ...(init.headers as Record<string, string>), ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const response = await fetch(`${finder.url}${path}`, { ...init, headers });
  // Every answer is JSON but the coverage CSV's.
  const body = (response.headers.get('content-type')?.startsWith('text/csv') ? {} : await response.json()) as { error?: string; etag?: string };
  // The error shape holds for every refusal, whichever layer refused.
  if (response.status >= 400) expect(body.error, `${route.method} ${route.path} as ${caller}`).toMatch(/^[a-z_]+$/);
  if (route.handler === 'editPortalOutlet' && response.status === 200) etag = response.headers.get('etag') ?? etag;
  return response.status;
}

const signedInRoutes = routes.filter((route) => route.access !== 'public');

beforeAll(async () => {
  finder = await startFinder({ port: 0, siteDir });
  // Loaded now: the finder has pointed the data layer at its own engine.
  const { documents, tableName } = await import('../../functions/data/client.js');
  const { ScanCommand } = await import('../../functions/data/dynamodb-documents.js');
  const { grantMembership, putUserProfile } = await import('../../functions/data/memberships.js');
  const { getOutlet, putOutlet } = await import('../../functions/data/outlets.js');
  const { putPostcodes } = await import('../../functions/data/postcodes.js');
  scanTable = async () => {
    const items: unknown[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documents.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey, ConsistentRead: true }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  };

  // A commissioner of Trafford, who has no say over a Manchester pharmacy.
  const elsewhere = subjectOf(commissionerElsewhere);
  await putUserProfile({ subject: elsewhere, email: commissionerElsewhere, name: 'Elsewhere Commissioner' });
  await grantMembership(elsewhere, 'area', 'E08000009', { targetName: 'Trafford' });

  // An emergency cabinet of Asha's beside her pharmacy, and a Manchester postcode to register at.
  const pharmacy = await getOutlet(outletId);
  if (!pharmacy) throw new Error(`No demo outlet ${outletId}`);
  await putOutlet({ ...pharmacy, id: cabinetId, name: 'Matrix cabinet', outletType: 'emergency_box', supplyBasis: 'emergency_box', cabinetStatus: 'ready', odsCode: null });
  const staff = demoUsers.find((user) => user.outlets.includes(outletId));
  if (!staff) throw new Error(`No demo user is staff of ${outletId}`);
  await grantMembership(subjectOf(staff.email), 'outlet', cabinetId);
  await putPostcodes([manchesterPostcode]);

  const provider = finder.identityProvider;
  if (!provider) throw new Error('The finder did not start its sign-in service');
  const forged = await forgedTokens(provider, 'asha');
  const handle = (predicate: (user: (typeof demoUsers)[number]) => boolean) => demoUsers.find(predicate)?.user ?? '';
  tokens.set('no token', undefined);
  tokens.set('expired', forged.expired);
  tokens.set('wrong issuer', forged.wrongIssuer);
  tokens.set('wrong audience', forged.wrongAudience);
  tokens.set('bad signature', forged.badSignature);
  tokens.set('ID token', forged.idToken);
  tokens.set('staff of another outlet', await tokenFor(finder.url, handle((user) => user.groups.includes('outlet_staff') && !user.outlets.includes(outletId))));
  tokens.set('staff of this outlet', await tokenFor(finder.url, handle((user) => user.outlets.includes(outletId))));
  tokens.set('commissioner of this area', await tokenFor(finder.url, handle((user) => user.areas.some((area) => area.code === 'E08000003'))));
  tokens.set('administrator', await tokenFor(finder.url, handle((user) => user.groups.includes('admin'))));
  tokens.set(
    'commissioner of another area',
    await forgeAccessToken(provider, { user: 'chloe', claims: { sub: elsewhere, username: elsewhere } }),
  );

  const report = await fetch(`${finder.url}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ outletId, problem: 'no_kits' }),
  });
  reportId = ((await report.json()) as { id: string }).id;
  const listing = await fetch(`${finder.url}/api/portal/outlets/${outletId}`, { headers: { authorization: `Bearer ${tokens.get('administrator')}` } });
  etag = listing.headers.get('etag') ?? '';
  registration = await newRegistration();
}, 120_000);

afterAll(async () => {
  await finder?.close();
});

describe('the authorization matrix', () => {
  it('refuses every call it should, and a refused call changes nothing in the table', async () => {
    // Prepare
    const before = await scanTable();
    const cells: { cell: string; want: string; got: string }[] = [];

    // Act
    for (const route of signedInRoutes) {
      for (const caller of tokens.keys()) {
        const want = expected(route.access, caller);
        if (want === 'allowed') continue;
        cells.push({ cell: `${route.method} ${route.path} as ${caller}`, want, got: `answered ${await call(route, caller)}` });
      }
    }

    // Assess
    expect(cells.filter(({ want, got }) => want !== got)).toEqual([]);
    expect(cells.length).toBeGreaterThan(signedInRoutes.length * 6);
    expect(await scanTable()).toEqual(before);
  });

  it('allows every call it should, with a 2xx', async () => {
    // Act
    const outcomes: string[] = [];
    for (const route of signedInRoutes) {
      for (const caller of tokens.keys()) {
        if (expected(route.access, caller) !== 'allowed') continue;
        outcomes.push(`${route.method} ${route.path} as ${caller}: ${await call(route, caller)}`);
      }
    }

    // Assess
    for (const outcome of outcomes) expect(outcome).toMatch(/: 20[01]$/);
    expect(outcomes.length).toBeGreaterThanOrEqual(signedInRoutes.length * 2);
  });
});

describe('the open data routes and files', () => {
  it('answer every caller alike, with or without a token of any kind, and change nothing', async () => {
    // Prepare
    const openData = routes.filter((route) => route.group === 'open-data');
    const targets = [
      ...openData.map((route) => ({ method: route.method as string, path: route.path.replace('{id}', hsdsServiceId(outletId)), want: route.method === 'OPTIONS' ? 204 : 200 })),
      ...Object.values(openDataFiles).map((file) => ({ method: 'GET', path: file.path, want: 200 })),
    ];
    const before = await scanTable();

    // Act
    const cells: { cell: string; want: number; got: number }[] = [];
    for (const { method, path, want } of targets) {
      for (const [caller, token] of tokens) {
        const response = await fetch(`${finder.url}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
        await response.arrayBuffer();
        cells.push({ cell: `${method} ${path} as ${caller}`, want, got: response.status });
      }
    }

    // Assess
    expect(openData.map((route) => route.access)).toEqual(openData.map(() => 'public'));
    expect(cells.filter(({ want, got }) => want !== got)).toEqual([]);
    expect(cells).toHaveLength(targets.length * tokens.size);
    expect(targets.length).toBeGreaterThanOrEqual(10);
    expect(await scanTable()).toEqual(before);
  });
});
