/**
 * The finder's metrics as CloudWatch would read them: the real server and Lambda entries with
 * `METRICS_OUTPUT=emf`, every EMF line printed to stdout caught and read. Searches, their results and
 * reads, reports and writes by kind are counted; nothing from the request (postcode, point, address
 * of the client) is ever in a line; a refused write counts nothing.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// Before any import: the functions read their configuration once.
vi.hoisted(() => {
  process.env.METRICS_OUTPUT = 'emf';
});

import { metricNames, metricNamespace, metricService } from '../../functions/shared/metric-names.js';
import { summaryLine } from '../../functions/shared/metrics.js';
import { type SmallFinder, smallOutletId, smallPostcodes, startSmallFinder } from '../support/small-finder.js';

type Emf = Record<string, unknown> & { _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] } };

let small: SmallFinder;
let printed: string[] = [];

beforeAll(async () => {
  small = await startSmallFinder({ outlets: 20 });
});
afterAll(async () => {
  await small?.finder.close();
});
beforeEach(() => {
  printed = [];
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = String(chunk);
    if (text.includes('"_aws"')) {
      printed.push(text);
      return true;
    }
    return write(chunk, ...(rest as [])) as boolean;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** The EMF lines printed since the test began. */
const emfLines = (): Emf[] => printed.flatMap((chunk) => chunk.split('\n').filter((line) => line.trim() !== '')).map((line) => JSON.parse(line) as Emf);
const metricsOf = (line: Emf) => line._aws.CloudWatchMetrics.flatMap((directive) => directive.Metrics.map((metric) => metric.Name));
const post = (body: unknown) =>
  fetch(`${small.finder.url}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('metrics in Embedded Metric Format', () => {
  it('count a search, the outlets it returned and the items it read, in the finder\'s namespace, with no dimension but the service', async () => {
    // Prepare
    const { postcode } = smallPostcodes[1] as (typeof smallPostcodes)[number];

    // Act
    const response = await fetch(`${small.finder.url}/api/outlets?postcode=${encodeURIComponent(postcode)}&limit=5`);
    const { results } = (await response.json()) as { results: unknown[] };

    // Assess
    expect(response.status).toBe(200);
    const lines = emfLines();
    expect(lines).toHaveLength(1);
    const [line] = lines as [Emf];
    expect(line._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: metricNamespace,
        Dimensions: [['service']],
        Metrics: expect.arrayContaining([
          { Name: metricNames.searches, Unit: 'Count' },
          { Name: metricNames.searchResults, Unit: 'Count' },
          { Name: metricNames.searchItemsRead, Unit: 'Count' },
        ]),
      },
    ]);
    expect(line).toMatchObject({ service: metricService, [metricNames.searches]: 1, [metricNames.searchResults]: results.length });
    expect(line[metricNames.searchItemsRead]).toBeGreaterThanOrEqual(results.length);
  });

  it('count a report, and the write by its kind on a line of its own', async () => {
    // Act
    const response = await post({ outletId: smallOutletId, problem: 'no_kits' });

    // Assess
    expect(response.status).toBe(201);
    const [counts, write] = emfLines() as [Emf, Emf];
    expect(emfLines()).toHaveLength(2);
    expect(metricsOf(counts)).toEqual([metricNames.reports]);
    expect(counts._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['service']]);
    expect(metricsOf(write)).toEqual([metricNames.writes]);
    expect(write._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['service', 'kind']]);
    expect(write).toMatchObject({ kind: 'createReport', [metricNames.writes]: 1 });
  });

  it('count no write for a CORS preflight, which changes nothing', async () => {
    // Act
    const response = await fetch(`${small.finder.url}/api/hsds/services`, {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'GET' },
    });

    // Assess
    expect(response.status).toBe(204);
    expect(emfLines().filter((line) => metricsOf(line).includes(metricNames.writes))).toEqual([]);
  });

  it('count nothing for a write that was refused', async () => {
    // Act
    const response = await post({ outletId: smallOutletId, problem: 'not_a_problem' });

    // Assess
    expect(response.status).toBe(422);
    expect(emfLines()).toEqual([]);
  });

  it('never hold a postcode, a point or the client\'s address: only the namespace\'s fields, numbers and the write\'s kind', async () => {
    // Prepare
    const { postcode, lat, lng } = smallPostcodes[0] as (typeof smallPostcodes)[number];

    // Act
    await fetch(`${small.finder.url}/api/outlets?postcode=${encodeURIComponent(postcode)}`);
    await fetch(`${small.finder.url}/api/outlets?lat=${lat}&lng=${lng}&radiusKm=5`);
    await post({ outletId: smallOutletId, problem: 'wrong_hours_or_address', details: `Seen from ${postcode}` });

    // Assess
    const lines = emfLines();
    expect(lines.length).toBeGreaterThanOrEqual(4);
    const allowed = new Set(['_aws', 'service', 'kind', ...Object.values(metricNames)]);
    for (const line of lines) {
      for (const [key, value] of Object.entries(line)) {
        expect(allowed).toContain(key);
        if (key !== '_aws' && key !== 'service' && key !== 'kind') expect(typeof value === 'number' || (Array.isArray(value) && value.every((n) => typeof n === 'number'))).toBe(true);
      }
    }
    const text = printed.join('');
    for (const secret of [postcode, postcode.replace(' ', ''), postcode.split(' ')[0] as string, String(lat), String(lng), '127.0.0.1']) expect(text).not.toContain(secret);
  });
});

describe('the local summary', () => {
  it('reads as one short line from the same EMF, summing a count recorded twice', () => {
    // Prepare
    const counts = {
      _aws: { Timestamp: 0, CloudWatchMetrics: [{ Namespace: metricNamespace, Dimensions: [['service']] as [string[]], Metrics: [{ Name: 'Searches', Unit: 'Count' }, { Name: 'SearchResults', Unit: 'Count' }] }] },
      service: metricService,
      Searches: [1, 1],
      SearchResults: 7,
    };
    const write = {
      _aws: { Timestamp: 0, CloudWatchMetrics: [{ Namespace: metricNamespace, Dimensions: [['service', 'kind']] as [string[]], Metrics: [{ Name: 'Writes', Unit: 'Count' }] }] },
      service: metricService,
      kind: 'setStock',
      Writes: 1,
    };

    // Act
    const lines = [summaryLine(counts as never), summaryLine(write as never)];

    // Assess
    expect(lines).toEqual(['metrics Searches=2 SearchResults=7', 'metrics Writes[kind=setStock]=1']);
  });
});
