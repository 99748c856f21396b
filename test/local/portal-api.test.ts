/**
 * The portal API end to end on the local runtime, signed in for real: safe writes under
 * concurrency, idempotent counting, and what the public sees after an outlet's change.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindOutletsResponse, OutletDetail } from '../../functions/contract/find-outlets.js';
import type { HistoryResponse, PortalOutlet } from '../../functions/contract/portal-outlet.js';
import type { SuppliesResponse } from '../../functions/contract/supplies.js';
import { type RunningFinder, startFinder } from '../../local/finder-server.js';
import { tokenFor } from '../support/tokens.js';

const siteDir = fileURLToPath(new URL('../fixtures/site/', import.meta.url));
let finder: RunningFinder;
let asha = '';

/** Asha's two Manchester pharmacies: one for the edits, one for the counts. */
const edited = 'FD532';
const counted = 'FEX27';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

async function api(path: string, init: RequestInit & { json?: unknown } = {}) {
  const { json, ...rest } = init;
  const headers: Record<string, string> = { authorization: `Bearer ${asha}`, ...(rest.headers as Record<string, string>) };
  if (json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${finder.url}${path}`, { ...rest, headers, ...(json === undefined ? {} : { body: JSON.stringify(json) }) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

const listing = async (id: string) => (await api(`/api/portal/outlets/${id}`)).body as unknown as PortalOutlet;

beforeAll(async () => {
  finder = await startFinder({ port: 0, siteDir });
  asha = await tokenFor(finder.url, 'asha');
}, 120_000);

afterAll(async () => {
  await finder?.close();
});

describe('editing a listing', () => {
  it('lets exactly one of 50 edits of the same version through and answers the other 49 with 412 and the listing as it is now', async () => {
    // Prepare
    const { etag } = await listing(edited);

    // Act
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, n) => api(`/api/portal/outlets/${edited}`, { method: 'PATCH', headers: { 'if-match': etag }, json: { alert: `Edit ${n}` } })),
    );

    // Assess
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 412)).toHaveLength(49);
    const winner = answers.find((answer) => answer.status === 200);
    const after = await listing(edited);
    expect(after.outlet.alert).toBe((winner?.body as unknown as PortalOutlet).outlet.alert);
    expect(after.etag).toBe(winner?.headers.get('etag'));
    for (const loser of answers.filter((answer) => answer.status === 412)) {
      expect(loser.body).toMatchObject({ error: 'precondition_failed', current: { outlet: { id: edited } } });
    }
    const history = (await api(`/api/portal/outlets/${edited}/history`)).body as unknown as HistoryResponse;
    expect(history.entries.filter((entry) => entry.changes.some((change) => change.field === 'alert'))).toHaveLength(1);
  });

  it('requires If-Match, refuses fields an outlet cannot change, and changes nothing when it refuses', async () => {
    // Prepare
    const before = await listing(edited);

    // Act
    const noIfMatch = await api(`/api/portal/outlets/${edited}`, { method: 'PATCH', json: { alert: 'No header' } });
    const address = await api(`/api/portal/outlets/${edited}`, { method: 'PATCH', headers: { 'if-match': before.etag }, json: { name: 'Renamed' } });
    const weak = await api(`/api/portal/outlets/${edited}`, { method: 'PATCH', headers: { 'if-match': `W/${before.etag}` }, json: { alert: 'Weak' } });

    // Assess
    expect([noIfMatch.status, address.status, weak.status]).toEqual([428, 422, 400]);
    expect(address.body.issues).toEqual([{ path: 'name', message: 'This cannot be changed here' }]);
    expect(await listing(edited)).toEqual(before);
  });

  it('shows the public a temporary closure with its alert and reopening day, still in search results', async () => {
    // Prepare
    const { etag } = await listing(edited);
    const reopens = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

    // Act
    const closed = await api(`/api/portal/outlets/${edited}`, {
      method: 'PATCH',
      headers: { 'if-match': etag },
      json: { status: 'temporarily_closed', reopensOn: reopens, alert: 'Closed for a refit' },
    });
    const search = (await (await fetch(`${finder.url}/api/outlets?lat=53.4794&lng=-2.2453&limit=50&radiusKm=2`)).json()) as FindOutletsResponse;

    // Assess
    expect(closed.status).toBe(200);
    const found = search.results.find((result) => result.id === edited);
    expect(found).toMatchObject({ status: 'temporarily_closed', reopensOn: reopens, alert: 'Closed for a refit', openState: { status: 'closed' } });
    expect(found?.openState.summary).toMatch(/^Temporarily closed – reopens /);
  });
});

describe('one-tap stock and confirmation', () => {
  it('shows the public the new stock and "confirmed today" on the next search and on the listing', async () => {
    // Act
    const set = await api(`/api/portal/outlets/${counted}/stock`, { method: 'PUT', json: { status: 'running_low' } });
    const search = (await (await fetch(`${finder.url}/api/outlets?lat=53.4773&lng=-2.2309&limit=50&radiusKm=2`)).json()) as FindOutletsResponse;
    const page = (await (await fetch(`${finder.url}/api/outlets/${counted}`)).json()) as OutletDetail;

    // Assess
    expect(set.status).toBe(200);
    expect(search.results.find((result) => result.id === counted)).toMatchObject({ stock: { status: 'running_low', ageDays: 0 }, assuredAgeDays: 0 });
    expect(page).toMatchObject({ stock: { status: 'running_low' }, stockAgeDays: 0, assuredAgeDays: 0 });
  });

  it('clears the public’s "recently reported out of stock" when the outlet says it has stock', async () => {
    // Prepare
    const report = () =>
      fetch(`${finder.url}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outletId: counted, problem: 'no_kits' }) });
    await report();
    await report();
    const publicListing = async () => (await (await fetch(`${finder.url}/api/outlets/${counted}`)).json()) as OutletDetail;
    const reported = await publicListing();

    // Act
    await api(`/api/portal/outlets/${counted}/stock`, { method: 'PUT', json: { status: 'in_stock' } });

    // Assess
    expect(reported.recentlyReportedOutOfStock).toBe(true);
    expect((await publicListing()).recentlyReportedOutOfStock).toBe(false);
  });

  it('confirms once for repeats of one Idempotency-Key, and needs the header', async () => {
    // Prepare
    const key = randomUUID();

    // Act
    const first = await api(`/api/portal/outlets/${counted}/confirmations`, { method: 'POST', headers: { 'idempotency-key': key } });
    const repeat = await api(`/api/portal/outlets/${counted}/confirmations`, { method: 'POST', headers: { 'idempotency-key': key } });
    const withoutKey = await api(`/api/portal/outlets/${counted}/confirmations`, { method: 'POST' });

    // Assess
    expect([first.status, repeat.status, withoutKey.status]).toEqual([201, 201, 428]);
    expect(repeat.body).toEqual(first.body);
    const history = (await api(`/api/portal/outlets/${counted}/history`)).body as unknown as HistoryResponse;
    expect(history.entries.filter((entry) => entry.action === 'confirm')).toHaveLength(1);
  });
});

describe('kits given out', () => {
  const record = (count: number) => ({ date: today(), kitType: 'injectable', count, supply: 'resupply', resupplyReason: 'used_on_someone' });
  const totals = async () => {
    const { body } = await api(`/api/portal/outlets/${counted}/supplies`);
    const month = (body as unknown as SuppliesResponse).months.find((row) => row.kitType === 'injectable' && row.month === today().slice(0, 7));
    return month?.resupply ?? 0;
  };

  it('sums 100 records sent at once with distinct keys exactly', async () => {
    // Prepare
    const before = await totals();

    // Act
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, n) =>
        api(`/api/portal/outlets/${counted}/supplies`, { method: 'POST', headers: { 'idempotency-key': randomUUID() }, json: record((n % 4) + 1) }),
      ),
    );

    // Assess
    expect(answers.every((answer) => answer.status === 201)).toBe(true);
    expect((await totals()) - before).toBe(Array.from({ length: 100 }, (_, n) => (n % 4) + 1).reduce((sum, count) => sum + count, 0));
  });

  it('records once for 20 retries of one key, whether sent one after another or all at once', async () => {
    // Prepare
    const before = await totals();
    const sequentialKey = randomUUID();
    const togetherKey = randomUUID();
    const send = (key: string) =>
      api(`/api/portal/outlets/${counted}/supplies`, { method: 'POST', headers: { 'idempotency-key': key }, json: record(3) });

    // Act
    const sequential = [];
    for (let attempt = 0; attempt < 20; attempt += 1) sequential.push(await send(sequentialKey));
    const together = await Promise.all(Array.from({ length: 20 }, () => send(togetherKey)));

    // Assess
    expect(new Set(sequential.map((answer) => answer.status))).toEqual(new Set([201]));
    // A repeat that arrives while the first is still running is told so (409), never counted.
    expect(together.every((answer) => answer.status === 201 || answer.status === 409)).toBe(true);
    expect((await totals()) - before).toBe(6);
  });

  it('refuses the same key with a different body (422) and a record without a key (428), counting neither', async () => {
    // Prepare
    const key = randomUUID();
    await api(`/api/portal/outlets/${counted}/supplies`, { method: 'POST', headers: { 'idempotency-key': key }, json: record(1) });
    const before = await totals();

    // Act
    const reused = await api(`/api/portal/outlets/${counted}/supplies`, { method: 'POST', headers: { 'idempotency-key': key }, json: record(5) });
    const keyless = await api(`/api/portal/outlets/${counted}/supplies`, { method: 'POST', json: record(5) });

    // Assess
    expect([reused.status, reused.body.error, keyless.status]).toEqual([422, 'idempotency_key_reused', 428]);
    expect(await totals()).toBe(before);
  });

  it('names each field that breaks the contract', async () => {
    // Act
    const { status, body } = await api(`/api/portal/outlets/${counted}/supplies`, {
      method: 'POST',
      headers: { 'idempotency-key': randomUUID() },
      json: { date: '2026-02-30', kitType: 'spray', count: 0, supply: 'resupply' },
    });

    // Assess
    expect(status).toBe(422);
    expect((body.issues as { path: string }[]).map((issue) => issue.path).sort()).toEqual(['count', 'date', 'kitType', 'resupplyReason']);
  });
});

describe('problem reports', () => {
  it('shows the outlet the public’s reports, newest first, and lets it mark one dealt with', async () => {
    // Prepare
    for (const problem of ['no_kits', 'wrong_hours_or_address']) {
      await fetch(`${finder.url}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outletId: counted, problem }) });
    }

    // Act
    const before = (await api(`/api/portal/outlets/${counted}/reports`)).body as { reports: { id: string; problem: string }[]; open: number };
    const newest = before.reports[0]?.id ?? '';
    const dealt = await api(`/api/portal/outlets/${counted}/reports/${newest}`, { method: 'PATCH', json: { status: 'dealt_with', note: 'Hours corrected' } });
    const after = (await api(`/api/portal/outlets/${counted}/reports`)).body as { open: number };

    // Assess
    expect(before.reports.map((report) => report.problem).slice(0, 2)).toEqual(['wrong_hours_or_address', 'no_kits']);
    expect(dealt.status).toBe(200);
    expect(dealt.body).toMatchObject({ status: 'dealt_with', note: 'Hours corrected', dealtWithBy: 'Asha Patel (asha.patel@example.org)' });
    expect(after.open).toBe(before.open - 1);
  });
});
