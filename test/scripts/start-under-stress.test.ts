/**
 * `npm start` as a real process under stress, on one data folder (loaded once, then reused):
 * - crash safety: killed with SIGKILL in the middle of a stream of writes, then started again on
 *   the same folder, it has every write it acknowledged;
 * - privacy: every route, error and crash path driven with full postcodes, precise points, a
 *   street address and a forwarded client address, and none of them is in anything the process
 *   printed (the server's lines, the handlers' structured logs, crash dumps).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.js';
import { tokenFor } from '../support/tokens.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
let dataDir: string;
const outletId = 'FD532';
/** Yesterday: a day kits can be recorded for, whenever the test runs. */
const kitDay = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
const areaCode = 'E08000003';

interface RunningProcess {
  child: ChildProcess;
  url: string;
  /** Everything printed so far, stdout and stderr together. */
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `scripts/start.ts` on the shared folder and a free port; resolves once it serves. */
async function startProcess(logLevel = 'INFO'): Promise<RunningProcess> {
  const child = spawn(
    process.execPath,
    // tsx as a loader in this one process, not its CLI (which runs the script in a child of its
    // own): SIGKILL must reach the process that holds the data.
    ['--import', 'tsx', join(root, 'scripts/start.ts'), '--no-build', '--port', '0', '--auth-port', '0', '--data-dir', dataDir],
    { cwd: root, env: { ...process.env, LOG_LEVEL: logLevel }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /running at (http:\S+)/.exec(output)?.[1];
      if (found && output.includes('Press Ctrl-C to stop')) resolve(found);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`The finder exited (${code}) before serving:\n${output}`)));
  });
  return { child, url, output: () => output, exited };
}

async function stop(running: RunningProcess | undefined, signal: NodeJS.Signals = 'SIGINT'): Promise<void> {
  if (!running || running.child.exitCode !== null || running.child.signalCode !== null) return;
  running.child.kill(signal);
  await running.exited;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'finder-stress-'));
  // The first start loads the demo (about 20 s); the tests start on the loaded folder.
  const first = await startProcess();
  await stop(first);
}, 120_000);

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('crash safety', () => {
  let running: RunningProcess | undefined;
  afterAll(() => stop(running, 'SIGKILL'));

  it('keeps every acknowledged write after a SIGKILL in the middle of a stream of writes', async () => {
    // Prepare
    running = await startProcess('WARN');
    const token = await tokenFor(running.url, 'asha');
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const url = running.url;
    const acknowledged: { batches: string[]; kits: number; stock: string | null } = { batches: [], kits: 0, stock: null };
    let sent = 0;
    let killed = false;
    let lastSentStock: string | null = null;
    const stockTaps = ['in_stock', 'running_low', 'out'] as const;

    /** One stream: batch, kits given out, stock tap, again, until the process is gone. */
    const stream = async (lane: number) => {
      for (let round = 0; !killed; round += 1) {
        const batchNumber = `CR ${lane}-${round}`;
        const stock = stockTaps[(lane + round) % stockTaps.length] ?? 'in_stock';
        const writes = [
          async () => {
            const response = await fetch(`${url}/api/portal/outlets/${outletId}/batches`, {
              method: 'POST',
              headers: { ...auth, 'idempotency-key': randomUUID() },
              body: JSON.stringify({ batchNumber, kitType: 'nasal', quantity: 5, expiresOn: '2028-01-31' }),
            });
            if (response.status === 201 || response.status === 200) acknowledged.batches.push(batchNumber);
          },
          async () => {
            const response = await fetch(`${url}/api/portal/outlets/${outletId}/supplies`, {
              method: 'POST',
              headers: { ...auth, 'idempotency-key': randomUUID() },
              body: JSON.stringify({ date: kitDay, kitType: 'injectable', count: 1, supply: 'first' }),
            });
            if (response.ok) acknowledged.kits += 1;
          },
          async () => {
            if (lane === 0) lastSentStock = stock;
            const response = await fetch(`${url}/api/portal/outlets/${outletId}/stock`, { method: 'PUT', headers: auth, body: JSON.stringify({ status: stock }) });
            // Only one lane taps stock, so the last acknowledged tap is the one that must stand.
            if (response.ok && lane === 0) acknowledged.stock = stock;
          },
        ];
        for (const write of lane === 0 ? writes : writes.slice(0, 2)) {
          if (killed) return;
          sent += 1;
          await write().catch(() => {});
        }
      }
    };

    // Act: four streams of writes; SIGKILL once 60 are acknowledged, with more in flight.
    const streams = [0, 1, 2, 3].map(stream);
    const started = performance.now();
    while (acknowledged.batches.length + acknowledged.kits < 60 && performance.now() - started < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    running.child.kill('SIGKILL');
    killed = true;
    await running.exited;
    await Promise.all(streams);
    running = await startProcess('WARN');
    // A new token: the sign-in service is on a new port, so a new issuer.
    const again = { authorization: `Bearer ${await tokenFor(running.url, 'asha')}` };

    // Assess
    const read = async (path: string) => {
      const response = await fetch(`${running?.url}${path}`, { headers: again });
      expect(response.status, path).toBe(200);
      return response.json();
    };
    const batches = (await read(`/api/portal/outlets/${outletId}/batches`)) as { batches: { batchNumber: string }[] };
    const stored = new Set(batches.batches.map((batch) => batch.batchNumber));
    expect(acknowledged.batches.length + acknowledged.kits).toBeGreaterThanOrEqual(60);
    expect(acknowledged.batches.filter((batchNumber) => !stored.has(batchNumber))).toEqual([]);
    const supplies = (await read(`/api/portal/outlets/${outletId}/supplies?from=${kitDay}&to=${kitDay}`)) as {
      days: { date: string; kitType: string; first: number }[];
    };
    const kits = supplies.days.filter((day) => day.date === kitDay && day.kitType === 'injectable').reduce((sum, day) => sum + day.first, 0);
    // Acknowledged ones all counted; one still in flight at the kill may be counted too.
    expect(kits).toBeGreaterThanOrEqual(acknowledged.kits);
    expect(kits).toBeLessThanOrEqual(acknowledged.kits + 4);
    // The stock is the last acknowledged tap, or the one still in flight after it.
    const listing = (await read(`/api/portal/outlets/${outletId}`)) as { outlet: { stock: { status: string } } };
    expect(acknowledged.stock).not.toBeNull();
    expect([acknowledged.stock, lastSentStock]).toContain(listing.outlet.stock.status);
    console.log(`Crash safety: ${sent} writes sent, ${acknowledged.batches.length} batches and ${acknowledged.kits} kit records acknowledged before SIGKILL, all there after restart`);
  }, 90_000);
});

describe('privacy of logs', () => {
  // A person's place: a full postcode in the table, one only its district knows, a precise point,
  // a street address, and where their request came from.
  const postcodes = ['M15 4AB', 'M1 1AE', 'M16 0RA'];
  const point = { lat: 53.471273, lng: -2.293914 };
  const address = '12 Acacia Avenue';
  const clientAddresses = ['203.0.113.77', '2001:db8::77'];
  const forwarded = { 'x-forwarded-for': `${clientAddresses[0]}, ${clientAddresses[1]}` };

  /** Every way the logs could hold them: postcodes in any spacing, case or encoding; points from the third decimal. */
  function leaks(text: string): string[] {
    const squashed = text.replace(/%20|\+|\s/g, '').toUpperCase();
    const found = postcodes.filter((postcode) => squashed.includes(postcode.replace(' ', ''))).map((postcode) => `postcode ${postcode}`);
    for (const value of [point.lat, point.lng, 53.465578, -2.26046]) {
      const third = Math.abs(value).toFixed(6).slice(0, -3);
      const rounded = Math.abs(value).toFixed(3);
      for (const digits of new Set([third, rounded])) if (text.includes(digits)) found.push(`coordinate ${digits}`);
    }
    if (text.toUpperCase().includes(address.toUpperCase()) || text.includes('Acacia')) found.push('street address');
    for (const client of clientAddresses) if (text.includes(client)) found.push(`client address ${client}`);
    return found;
  }

  let running: RunningProcess | undefined;
  afterAll(() => stop(running));

  it('keeps postcodes, points, street addresses and client addresses out of everything the process prints', async () => {
    // Prepare: the most talkative logging there is.
    running = await startProcess('DEBUG');
    const url = running.url;
    const before = running.output().length;
    const token = await tokenFor(url, 'dami');
    const person = { postcode: postcodes[0] ?? '', addressLine1: address };
    const json = (body: unknown, headers: Record<string, string> = {}) => ({
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...forwarded, ...headers },
    });
    const registration = {
      kind: 'cabinet',
      organisation: 'Privacy Trust',
      name: 'Privacy Cabinet',
      addressLine1: address,
      town: 'Manchester',
      postcode: postcodes[0],
      kitTypes: ['nasal'],
      locationDescription: `Outside ${address}`,
      contactName: 'Pat Privacy',
      contactEmail: 'pat.privacy@example.org',
    };
    const calls: { path: string; init?: RequestInit }[] = [
      // Searches: found, district only, unknown, malformed, by point, bad point.
      ...postcodes.map((postcode) => ({ path: `/api/outlets?postcode=${encodeURIComponent(postcode)}&limit=3` })),
      { path: `/api/outlets?postcode=${encodeURIComponent(postcodes[0]?.toLowerCase().replace(' ', '') ?? '')}&radiusKm=100&type=prison` },
      { path: '/api/outlets?postcode=ZZ99%209ZZ' },
      { path: `/api/outlets?postcode=${encodeURIComponent(address)}` },
      // The "Postcode or town" field's text as a place: postcodes, an address, a street, real names.
      ...postcodes.map((postcode) => ({ path: `/api/outlets?place=${encodeURIComponent(postcode)}&limit=3` })),
      { path: `/api/outlets?place=${encodeURIComponent(address)}` },
      { path: '/api/outlets?place=Acacia%20Avenue' },
      { path: '/api/outlets?place=Altrincham&limit=3' },
      { path: '/api/outlets?place=Newport' },
      { path: `/api/outlets?lat=${point.lat}&lng=${point.lng}&limit=5&openNow=true` },
      { path: `/api/outlets?lat=${point.lat + 100}&lng=${point.lng}` },
      // Paths that hold them, under the API and not.
      { path: `/api/outlets/${encodeURIComponent(postcodes[0] ?? '')}` },
      { path: `/api/outlets/${point.lat},${point.lng}` },
      { path: `/api/portal/areas/${encodeURIComponent(postcodes[1] ?? '')}` },
      { path: `/find/${encodeURIComponent(postcodes[2] ?? '')}?lat=${point.lat}` },
      { path: `/api/nowhere/${encodeURIComponent(address)}?postcode=${encodeURIComponent(postcodes[0] ?? '')}` },
      // Reports and registrations with the place in free text and fields.
      { path: '/api/reports', init: { method: 'POST', ...json({ outletId, problem: 'other', details: `I live at ${address}, ${postcodes[0]} (${point.lat}, ${point.lng})` }) } },
      { path: '/api/reports', init: { method: 'POST', ...json({ outletId: postcodes[0], problem: 'no_kits' }) } },
      { path: '/api/reports', init: { method: 'POST', ...json({ outletId, problem: 'other', details: `${address} ${postcodes[0]}`.repeat(60) }) } },
      { path: '/api/reports', init: { method: 'POST', headers: { 'content-type': 'text/plain', ...forwarded }, body: `${address} ${postcodes[0]}` } },
      { path: '/api/reports', init: { method: 'POST', ...json({}), body: `{"details":"${address} ${postcodes[0]}"` } },
      { path: '/api/registrations/checks', init: { method: 'POST', ...json(registration) } },
      { path: '/api/registrations/checks', init: { method: 'POST', ...json({ ...registration, postcode: postcodes[2] }) } },
      { path: '/api/registrations', init: { method: 'POST', ...json(registration, { 'idempotency-key': randomUUID() }) } },
      { path: '/api/registrations', init: { method: 'POST', ...json({ ...person, kind: 'outlet' }, { 'idempotency-key': randomUUID() }) } },
      { path: '/api/registrations/nope', init: { method: 'PUT', ...json(registration, { 'x-registration-token': postcodes[0] ?? '' }) } },
      { path: `/api/listing-actions?t=${encodeURIComponent(postcodes[0] ?? '')}` },
      { path: '/api/listing-actions', init: { method: 'POST', ...json({ token: `${address}.${postcodes[0]}.x`, outletId, action: 'in_stock' }) } },
      // Signed in, as an administrator: edits and imports that carry an address and postcode.
      { path: `/api/portal/outlets/${outletId}`, init: { method: 'PATCH', ...json({ alert: `Moved to ${address}, ${postcodes[0]}` }, { authorization: `Bearer ${token}`, 'if-match': '"0"' }) } },
      { path: `/api/portal/outlets/${outletId}/reports/nope`, init: { method: 'PATCH', ...json({ status: 'dealt_with', note: `${address} ${postcodes[0]}` }, { authorization: `Bearer ${token}` }) } },
      {
        path: `/api/portal/areas/${areaCode}/imports`,
        init: {
          method: 'POST',
          ...json(
            {
              fileName: `${postcodes[0]}.csv`,
              content: `external_id,name,address_1,town,postcode,latitude,longitude,local_authority\nP-1,Privacy Place,${address},Manchester,${postcodes[0]},${point.lat},${point.lng},E08000003\nP-2,Bad Row,${address},Manchester,NOT A POSTCODE,${point.lat},999,E08000003`,
              dryRun: true,
            },
            { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
          ),
        },
      },
      { path: `/api/me?postcode=${encodeURIComponent(postcodes[0] ?? '')}`, init: { headers: { authorization: `Bearer ${postcodes[0]}`, ...forwarded } } },
    ];
    // Every route of the table, with the place in its query string, as a stranger and signed in.
    for (const route of routes) {
      const path = route.path.replace('{id}', outletId).replace('{code}', areaCode).replace('{reportId}', 'nope');
      const query = `?postcode=${encodeURIComponent(postcodes[0] ?? '')}&lat=${point.lat}&lng=${point.lng}`;
      for (const authorization of [undefined, `Bearer ${token}`]) {
        calls.push({
          path: `${path}${query}`,
          init: { method: route.method, ...(route.method === 'GET' ? { headers: { ...forwarded, ...(authorization ? { authorization } : {}) } } : json(person, authorization ? { authorization } : {})) },
        });
      }
    }

    // Act
    const statuses: number[] = [];
    for (const call of calls) {
      const response = await fetch(`${url}${call.path}`, { ...call.init, headers: { ...forwarded, ...(call.init?.headers as Record<string, string>) } });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    // Malformed request targets and a request cut off in the middle of its body.
    for (const target of [`//?postcode=${encodeURIComponent(postcodes[0] ?? '')}`, `//%?lat=${point.lat}`, `/api/outlets/%zz?lat=${point.lat}&lng=${point.lng}`, `/\\?postcode=M15+4AB`]) {
      statuses.push(await rawRequest(url, 'GET', target, forwarded));
    }
    await cutOffRequest(url, `/api/reports?postcode=${encodeURIComponent(postcodes[0] ?? '')}&lat=${point.lat}`, `{"details":"${address} ${postcodes[0]}`);
    // The process is still there and answering.
    const after = await fetch(`${url}/api/outlets?lat=53.48&lng=-2.24&limit=1`);
    expect(after.status).toBe(200);
    await stop(running);

    // Assess
    const printed = running.output().slice(before);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(printed).toMatch(/Outlets searched/);
    expect(printed).toMatch(/GET \/api\/outlets 200/);
    const leaking = printed.split('\n').flatMap((line) => leaks(line).map((leak) => `${leak}: ${line.slice(0, 300)}`));
    expect(leaking).toEqual([]);
    expect(leaks(printed)).toEqual([]);
    console.log(`Privacy: ${calls.length + 5} requests, ${printed.split('\n').length} lines printed, none holding a postcode, point, address or client address`);
  }, 90_000);
});

/** A request sent as it is, without URL normalising; its status, or 0 if the connection closed without an answer. */
function rawRequest(url: string, method: string, path: string, headers: Record<string, string>): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const request = httpRequest({ hostname, port, method, path, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', () => resolve(0));
    request.end();
  });
}

/** Sends half a body and closes the connection. */
function cutOffRequest(url: string, path: string, body: string): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const request = httpRequest({ hostname, port, method: 'POST', path, headers: { 'content-type': 'application/json', 'content-length': '100000' } });
    request.on('error', () => resolve());
    request.write(body, () => {
      setTimeout(() => {
        request.destroy();
        setTimeout(resolve, 200);
      }, 100);
    });
  });
}
