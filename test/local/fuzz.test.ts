/**
 * The API fuzzed through the local server (not only the adapter): random and malformed paths,
 * query strings, headers, methods and bodies on every route of the route table, signed-in routes
 * with no token, a bad one and valid ones. Every request gets an answer, never a 5xx; every error
 * under the API's prefix is JSON in the documented shape; and a write that was refused (4xx)
 * changed nothing in the table, proved by comparing the whole (small) table after each one.
 *
 * Seeded: `FUZZ_SEED=<seed> npx vitest run test/local/fuzz.test.ts` replays a run, and a failure
 * names its seed; CI runs one fixed seed; `FUZZ_RUNS=4000` makes a longer run.
 */
import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../functions/contract/error.js';
import { apiPrefix } from '../../functions/contract/web-policy.js';
import { routes } from '../../functions/routes.js';
import { type SmallFinder, smallAreaCode, smallCabinetId, smallOutletId, startSmallFinder } from '../support/small-finder.js';

/** Fixed under CI or FUZZ_SEED (test/support/env.ts), otherwise new on each run. */
const seed = fc.readConfigureGlobal().seed ?? Math.floor(Math.random() * 2 ** 31);
/** 600 in the suite; `FUZZ_RUNS` asks for a longer run. */
const numRuns = Number(process.env.FUZZ_RUNS ?? 600);

let small: SmallFinder;
let snapshot: string;
const hits = new Map<string, number>();
const statuses = new Map<number, number>();

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | null;
  /** The route the path was made from, or `stray`. */
  target: string;
}

/** Sends the request as it is (no URL normalising, unlike `fetch`); rejects if the connection closes without an answer. */
function send(url: string, fuzz: FuzzRequest): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { hostname, port, method: fuzz.method, path: fuzz.path, headers: { ...fuzz.headers, ...(fuzz.body ? { 'content-length': String(fuzz.body.length) } : {}) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      },
    );
    request.setTimeout(15_000, () => request.destroy(new Error('no answer within 15 s')));
    request.on('error', reject);
    request.end(fuzz.body ?? undefined);
  });
}

/** Printable ASCII, which is all a header value may hold. */
const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 60 });

/** A path parameter: a real id, an unknown one, or something hostile, percent-encoded or raw. */
const parameter = (known: string) =>
  fc.oneof(
    fc.constant(known),
    fc.constantFrom('FD532', smallCabinetId, smallAreaCode, 'E08000009', 'nope', '0', '-1', 'a'.repeat(300), 'A'.repeat(2100), '%F0%9F%92%8A'.repeat(400), 'coverage.csv'),
    fc.constantFrom('%zz', '%', '..', '%2e%2e', '..%2f..%2fetc%2fpasswd', 'a%2Fb', '%00', '%C0%AF', '%E2%80%AE', '%F0%9F%92%8A', '{id}', '$', '*'),
    fc.string({ maxLength: 40 }).filter((text) => text.length > 0).map(encodeURIComponent),
    fc.string({ unit: 'grapheme', maxLength: 12 }).filter((text) => text.length > 0).map(encodeURIComponent),
  );

/** Query strings: the names the routes read, with odd values, and some that are not pairs at all. */
const queryNames = ['lat', 'lng', 'postcode', 'place', 'limit', 'radiusKm', 'kit', 'type', 'openNow', 'openLate', 'noId', 'walkIn', 'from', 'to', 'before', 'number', 'queue', 't', 'cursor', 'x'];
const queryValue = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.double().map(String),
  fc.integer().map(String),
  fc.constantFrom('', 'true', 'false', 'nasal', 'injectable', 'pharmacy', 'prison', 'M15 4AB', 'm154ab', 'M15', 'Altrincham', 'newport', 'St. Helens', '53.4808', '-2.2426', '2026-01-01', '2026-13-45', 'open', 'decided', 'NaN', 'Infinity', '1e309'),
);
const query = fc.oneof(
  fc.constant(''),
  fc.array(fc.tuple(fc.constantFrom(...queryNames), queryValue), { maxLength: 6 }).map((pairs) => `?${new URLSearchParams(pairs)}`),
  fc.constantFrom('?', '?%', '?%zz=1', '?lat=%zz', '?&&=&=', '?lat=1&lat=2&lat=3', '?postcode=%00', `?${'a=1&'.repeat(200)}`),
);

/** Bodies: JSON that may or may not fit, JSON with the fields the routes read, not JSON, bytes. */
const fieldNames = ['outletId', 'problem', 'details', 'status', 'note', 'alert', 'date', 'kitType', 'count', 'supply', 'batchNumber', 'quantity', 'expiresOn', 'peopleUsingOpiates', 'source', 'year', 'fileName', 'content', 'dryRun', 'kind', 'name', 'postcode', 'decision', 'message', 'token', 'action', '__proto__', 'constructor'];
const fieldValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('FD532', 'no_kits', 'in_stock', 'out', 'ready', 'nasal', 'first', 'approve', 'M15 4AB', '2026-11-30', 5, -1, 1e21, null, true, 'x'.repeat(10_000)),
);
const body = fc.oneof(
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: fc.dictionary(fc.constantFrom(...fieldNames), fieldValue, { maxKeys: 6 }).map((value) => Buffer.from(JSON.stringify(value))) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => Buffer.from(JSON.stringify(value) ?? 'null')) },
  { weight: 1, arbitrary: fc.constantFrom('{', '{"outletId":', '[1,2', 'null', '""', 'undefined', '{"a":1}{"b":2}', '\u0000', `${'['.repeat(5000)}`).map((text) => Buffer.from(text)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((text) => Buffer.from(text)) },
);

/** A body each write route accepts, so a mutation of one field reaches past the first checks. */
const validBodies: Record<string, Record<string, unknown>> = {
  createReport: { outletId: smallOutletId, problem: 'no_kits' },
  editPortalOutlet: { alert: 'Fuzz' },
  setStock: { status: 'running_low' },
  recordSupply: { date: new Date().toISOString().slice(0, 10), kitType: 'nasal', count: 1, supply: 'first' },
  addBatch: { batchNumber: 'NX 1', kitType: 'nasal', quantity: 10, expiresOn: '2027-06-30' },
  updateReport: { status: 'dealt_with' },
  setAreaEstimate: { peopleUsingOpiates: 5000, source: 'Fuzz', year: 2024 },
  importAreaListings: { fileName: 'fuzz.csv', content: 'external_id,name,address_1,town,postcode,latitude,longitude,local_authority\nF-1,Fuzz,1 St,Manchester,M1 1AE,53.4794,-2.2453,E08000003', dryRun: true },
  setCabinetStatus: { status: 'ready' },
  checkRegistration: { kind: 'cabinet', organisation: 'Fuzz', name: 'Fuzz cabinet', addressLine1: 'Albert Square', town: 'Manchester', postcode: 'M2 5DB', kitTypes: ['nasal'], locationDescription: 'Door', contactName: 'Fuzz', contactEmail: 'fuzz@example.org' },
  decideRegistration: { decision: 'ask_for_changes', message: 'Fuzz' },
  answerListingAction: { token: 'x.y.z', outletId: smallOutletId, action: 'in_stock' },
};
validBodies.createRegistration = validBodies.checkRegistration ?? {};
validBodies.resubmitRegistration = validBodies.checkRegistration ?? {};

/** Whether to send the route's valid body, and one field to change in it (or none). */
const nearValid = fc.option(fc.option(fc.tuple(fc.constantFrom(...fieldNames), fieldValue), { nil: undefined }), { nil: undefined, freq: 2 });

const contentType = fc.option(
  fc.oneof(
    fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/jsonx', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream'),
    headerText,
  ),
  { nil: undefined },
);

/** A path from the route table with every `{name}` filled in. */
const routePath = fc.constantFrom(...routes).chain((route) => {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
  const known: Record<string, string> = { id: route.path.includes('registrations') ? 'nope' : route.handler === 'setCabinetStatus' ? smallCabinetId : smallOutletId, code: smallAreaCode, reportId: 'REPORT' };
  return fc.tuple(fc.constant(route), fc.tuple(...names.map((name) => parameter(known[name] ?? 'x'))));
});

/** Paths that are no route: under the API's prefix and not, and malformed request targets. */
const strayPath = fc.oneof(
  fc.array(fc.oneof(fc.constantFrom('outlets', 'portal', 'areas', 'reports', 'me', 'api', '', '.', '..', '%zz', 'registrations'), fc.webSegment()), { maxLength: 5 }).map((segments) => `${apiPrefix}/${segments.join('/')}`),
  fc.constantFrom('//', '///', '//[', '//a:99999/', '//%', '/\\', '/api//outlets', '/api/outlets/', '/api/outlets/%zz', '/api/outlets/a/b', '/api/reports/x', '/_astro/..%2findex.html', '/%2e%2e/%2e%2e/etc/passwd', '/_local/outbox.json', '/_local/jobs/readiness', '/index.html', '/?postcode=M15+4AB'),
);

/** Headers that shape the connection itself, which the client sets. */
const connectionHeaders = ['host', 'content-length', 'transfer-encoding', 'connection', 'expect', 'upgrade', 'te', 'trailer', 'keep-alive'];

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

const fuzzRequest = (tokens: SmallFinder['tokens']): fc.Arbitrary<FuzzRequest> =>
  fc
    .record({
      target: fc.oneof({ weight: 5, arbitrary: routePath }, { weight: 1, arbitrary: strayPath }),
      query,
      // Mostly the route's own method (undefined), sometimes another.
      method: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...methods) }),
      authorization: fc.constantFrom<string | undefined>(undefined, `Bearer ${tokens.staff}`, `Bearer ${tokens.commissioner}`, `Bearer ${tokens.admin}`, 'Bearer not.a.token', 'Basic YTpi', `Bearer ${tokens.admin}x`),
      contentType,
      idempotencyKey: fc.option(fc.oneof(fc.uuid(), headerText), { nil: undefined }),
      ifMatch: fc.option(fc.oneof(fc.constantFrom('*', '"1"', 'W/"1"', '""'), headerText), { nil: undefined }),
      registrationToken: fc.option(headerText, { nil: undefined }),
      forwardedFor: fc.option(fc.constantFrom('203.0.113.7', '2001:db8::1, 10.0.0.1', 'garbage'), { nil: undefined }),
      // Any other header, as a client might send: names a server must not trip on.
      extraHeaders: fc
        .dictionary(
          fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,24}$/), fc.constantFrom('accept', 'accept-encoding', 'cookie', 'origin', 'referer', 'range', 'if-none-match', 'x-http-method-override', 'forwarded', 'x-real-ip')),
          headerText,
          { maxKeys: 3 },
        )
        .map((headers) => Object.fromEntries(Object.entries(headers).filter(([name]) => !connectionHeaders.includes(name)))),
      body,
      nearValid,
    })
    .map((draw) => {
      const [path, route, method] =
        typeof draw.target === 'string'
          ? [draw.target, 'stray', draw.method ?? 'GET']
          : (() => {
              const [route, values] = draw.target;
              let index = 0;
              const filled = route.path.replace(/\{\w+\}/g, () => values[index++] ?? '');
              return [filled, `${route.method} ${route.path}`, draw.method ?? route.method] as const;
            })();
      const headers: Record<string, string> = { ...draw.extraHeaders };
      if (draw.authorization) headers.authorization = draw.authorization;
      if (draw.contentType !== undefined) headers['content-type'] = draw.contentType;
      if (draw.idempotencyKey !== undefined) headers['idempotency-key'] = draw.idempotencyKey;
      if (draw.ifMatch !== undefined) headers['if-match'] = draw.ifMatch;
      if (draw.registrationToken !== undefined) headers['x-registration-token'] = draw.registrationToken;
      if (draw.forwardedFor !== undefined) headers['x-forwarded-for'] = draw.forwardedFor;
      let sentBody = draw.body;
      const handler = typeof draw.target === 'string' ? undefined : draw.target[0].handler;
      const valid = handler === undefined ? undefined : validBodies[handler];
      if (draw.nearValid !== undefined && valid) {
        const [field, value] = draw.nearValid ?? [];
        sentBody = Buffer.from(JSON.stringify(field === undefined ? valid : { ...valid, [field]: value }));
        headers['content-type'] = 'application/json';
      }
      return { method, path: `${path}${draw.query}`, headers, body: method === 'GET' || method === 'HEAD' ? null : sentBody, target: route };
    });

beforeAll(async () => {
  small = await startSmallFinder({ outlets: 30 });
  snapshot = JSON.stringify(await small.scanTable());
}, 120_000);

afterAll(async () => {
  await small?.finder.close();
});

describe('the API fuzzed through the local server', () => {
  it('answers every request without a 5xx, in the error shape, and a refused write changes nothing', async () => {
    const started = performance.now();
    let sent = 0;

    await fc.assert(
      fc.asyncProperty(fuzzRequest(small.tokens), async (fuzz) => {
        sent += 1;
        const described = `${fuzz.method} ${fuzz.path} (${fuzz.target}) headers ${JSON.stringify(Object.keys(fuzz.headers))}`;
        const answer = await send(small.finder.url, fuzz).catch((error: Error) => {
          throw new Error(`${described}: no answer (${error.message}); seed ${seed}`);
        });
        hits.set(fuzz.target, (hits.get(fuzz.target) ?? 0) + 1);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status >= 500) throw new Error(`${described}: answered ${answer.status} ${answer.body.toString().slice(0, 300)}; seed ${seed}`);

        // The path as the server routes it: dot segments resolved, as every HTTP stack does.
        const pathname = new URL(`http://localhost${fuzz.path.startsWith('/') ? fuzz.path : `/${fuzz.path}`}`).pathname;
        if (answer.status >= 400 && fuzz.method !== 'HEAD' && (pathname === apiPrefix || pathname.startsWith(`${apiPrefix}/`))) {
          const parsed = errorBodySchema.safeParse((() => {
            try {
              return JSON.parse(answer.body.toString());
            } catch {
              return undefined;
            }
          })());
          if (!parsed.success || !String(answer.headers['content-type']).startsWith('application/json')) {
            throw new Error(`${described}: ${answer.status} is not in the error shape: ${answer.headers['content-type']} ${answer.body.toString().slice(0, 200)}; seed ${seed}`);
          }
        }

        if (fuzz.method !== 'GET' && fuzz.method !== 'HEAD') {
          const now = JSON.stringify(await small.scanTable());
          if (answer.status >= 400 && now !== snapshot) {
            throw new Error(`${described}: refused with ${answer.status} but the table changed; seed ${seed}`);
          }
          snapshot = now;
        }
        return true;
      }),
      { seed, numRuns, endOnFailure: true },
    );

    const seconds = (performance.now() - started) / 1000;
    console.log(`Fuzzed ${sent} requests with seed ${seed} in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
    // Every route of the table was tried, and stray paths too.
    for (const route of routes) expect(hits.get(`${route.method} ${route.path}`) ?? 0, `${route.method} ${route.path}`).toBeGreaterThan(0);
    expect(hits.get('stray') ?? 0).toBeGreaterThan(0);
    expect(sent).toBe(numRuns);
  }, 120_000);

  it('answers an id too long to be a key with a 4xx, even where access is decided from the id before the handler reads it', async () => {
    // Found by the fuzzing (seeds 1397286199 and 521125900): the access lookups read the outlet or
    // registration by its id before the handler checks the path, and DynamoDB refuses a key over
    // 2,048 bytes, which answered 500.
    const long = 'A'.repeat(2100);
    const calls = [
      { path: `/api/portal/outlets/${long}`, token: small.tokens.staff },
      { path: `/api/portal/outlets/${long}/batches`, token: small.tokens.commissioner },
      { path: `/api/portal/outlets/${long}/stock`, token: small.tokens.staff, method: 'PUT' },
      { path: `/api/portal/registrations/${long}`, token: small.tokens.commissioner },
      { path: `/api/portal/registrations/${long}/decisions`, token: small.tokens.commissioner, method: 'POST' },
    ];

    const answers = await Promise.all(
      calls.map(async ({ path, token, method = 'GET' }) => {
        const response = await fetch(`${small.finder.url}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          ...(method === 'GET' ? {} : { body: '{}' }),
        });
        return { status: response.status, body: errorBodySchema.safeParse(await response.json()).success };
      }),
    );

    for (const answer of answers) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.body).toBe(true);
    }
  });
});
