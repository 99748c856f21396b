/**
 * The local stand-in for the open data job and CloudFront's cache, against the embedded DynamoDB:
 * files built on the first request, kept for the job's interval, rebuilt after it with the
 * listings as they are then, and one build shared by requests that arrive together.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDataFiles, openDataFilesSchedule, openDataGeoJsonSchema } from '../../functions/contract/open-data.js';
import { ensureTable } from '../../functions/data/create-table.js';
import { putOutlet } from '../../functions/data/outlets.js';
import { localOpenDataFiles } from '../../local/open-data-files.js';
import { buildOutlet } from '../fixtures/outlets.js';

let clock = Date.parse('2026-07-01T12:00:00Z');
/** When on, every reading of the clock moves it on a millisecond: separate builds would say different times. */
let ticking = false;
let server: Server;
let base = '';

beforeAll(async () => {
  await ensureTable();
  await putOutlet(buildOutlet({ id: 'KEEP-1', name: 'First Pharmacy' }));
  const files = localOpenDataFiles({ now: () => (ticking ? clock++ : clock) });
  server = createServer((request, response) => {
    void files.serve(request.method ?? 'GET', request.url ?? '/', response).then((served) => {
      if (!served) response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const names = async () => {
  const text = await (await fetch(`${base}${openDataFiles.geojson.path}`)).text();
  const collection = openDataGeoJsonSchema.parse(JSON.parse(text));
  return { builtAt: collection.metadata.generated_at, names: collection.features.map((feature) => feature.properties.name).sort() };
};

describe('the local open data files', () => {
  it('are built on the first request, kept for the job\'s interval, then rebuilt with the listings as they are', async () => {
    // Act
    const first = await names();
    await putOutlet(buildOutlet({ id: 'KEEP-2', name: 'Second Pharmacy' }));
    clock += openDataFilesSchedule.rebuildMinutes * 60_000 - 1;
    const justBefore = await names();
    clock += 1;
    const after = await names();

    // Assess
    expect(first).toEqual({ builtAt: '2026-07-01T12:00:00.000Z', names: ['First Pharmacy'] });
    expect(justBefore).toEqual(first);
    expect(after).toEqual({ builtAt: '2026-07-01T12:15:00.000Z', names: ['First Pharmacy', 'Second Pharmacy'] });
  });

  it('share one build among requests that arrive together', async () => {
    // Prepare
    clock += openDataFilesSchedule.rebuildMinutes * 60_000;
    ticking = true;

    // Act
    const answers = await Promise.all(Array.from({ length: 5 }, () => names()));

    // Assess
    ticking = false;
    expect(new Set(answers.map((answer) => answer.builtAt)).size).toBe(1);
  });

  it('leave every other path to the server', async () => {
    // Act
    const response = await fetch(`${base}/api/open-data/other.csv`);

    // Assess
    expect(response.status).toBe(404);
  });
});
