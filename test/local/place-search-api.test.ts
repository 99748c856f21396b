/**
 * `GET /api/outlets?place=`: searching by town or area name through the local runtime (HTTP →
 * API Gateway v2 event → the public Lambda entry → embedded DynamoDB with the demo data).
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FindOutletsResponse,
  findOutletsAnswerSchema,
  type PlaceChoicesResponse,
} from '../../functions/contract/find-outlets.js';
import { type RunningFinder, startFinder } from '../../local/finder-server.js';

const siteDir = fileURLToPath(new URL('../fixtures/site/', import.meta.url));
let finder: RunningFinder;

const get = async (path: string) => {
  const response = await fetch(`${finder.url}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  finder = await startFinder({ port: 0, siteDir, clientLimits: false });
});

afterAll(async () => {
  await finder?.close();
});

describe('GET /api/outlets?place=', () => {
  it('searches from the centre of a town, in any case and punctuation, and says where', async () => {
    // Act
    const { status, body } = await get('/api/outlets?place=%20altrincham.%20&limit=3');

    // Assess
    expect(status).toBe(200);
    const response = findOutletsAnswerSchema.parse(body) as FindOutletsResponse;
    expect(response.location).toEqual({ lat: 53.386, lng: -2.34, source: 'place', label: 'Altrincham' });
    // Placed in Trafford by the place list, so the postal services that post there are named.
    expect(response.area).toEqual({ nation: 'england', localAuthorityCode: 'E08000009', localAuthorityName: 'Trafford', knownFrom: 'place' });
    expect(response.results).toHaveLength(3);
    // Altrincham's pharmacies are Trafford's: the nearest is a few km from the centre at most.
    expect(response.results[0]!.distanceKm).toBeLessThan(3);
  });

  it('finds an area within a city and a local authority by name', async () => {
    const hulme = (await get('/api/outlets?place=Hulme&limit=1')).body as FindOutletsResponse;
    const trafford = (await get('/api/outlets?place=TRAFFORD&limit=1')).body as FindOutletsResponse;
    const stHelens = (await get('/api/outlets?place=saint%20helens&limit=1')).body as FindOutletsResponse;

    expect([hulme.location.label, trafford.location.label, stHelens.location.label]).toEqual(['Hulme', 'Trafford', 'St. Helens']);
    expect(hulme.results).toHaveLength(1);
  });

  it('answers a name several places have with the places to choose from, and each choice searches there', async () => {
    // Act
    const { status, body } = await get('/api/outlets?place=newport');

    // Assess
    expect(status).toBe(200);
    const answer = findOutletsAnswerSchema.parse(body) as PlaceChoicesResponse;
    expect(answer.name).toBe('Newport');
    const labels = answer.choices.map((choice) => choice.label);
    expect(labels).toEqual(expect.arrayContaining(['Newport, Isle of Wight', 'Newport, Telford and Wrekin', 'Newport, Wales']));
    expect(body).not.toHaveProperty('results');
    for (const label of labels) {
      const chosen = await get(`/api/outlets?place=${encodeURIComponent(label)}&limit=1&radiusKm=1`);
      expect(chosen.status).toBe(200);
      expect((chosen.body as FindOutletsResponse).location).toMatchObject({ source: 'place', label });
    }
  });

  it('answers a name it does not know with a 422 at the field, and the postcode hint', async () => {
    const { status, body } = await get('/api/outlets?place=Atlantis');

    expect(status).toBe(422);
    expect(body).toMatchObject({
      error: 'validation_failed',
      issues: [{ path: 'place', message: 'We could not find a town or area with that name. Check the spelling, or enter a postcode' }],
    });
  });

  it('searches a postcode given as a place as a postcode, with the postcode messages at the place field', async () => {
    const found = await get('/api/outlets?place=m15%204ab&limit=1');
    const mistyped = await get('/api/outlets?place=M15%204A');
    const unknown = await get('/api/outlets?place=ZZ99%209ZZ');

    expect((found.body as FindOutletsResponse).location).toMatchObject({ source: 'postcode', label: 'M15 4AB' });
    expect([mistyped.status, mistyped.body.issues]).toEqual([400, [{ path: 'place', message: 'Enter a real postcode' }]]);
    expect([unknown.status, unknown.body.issues]).toEqual([422, [{ path: 'place', message: 'We could not find that postcode' }]]);
  });

  it('refuses a place with a postcode or a point, and one too long to be a name', async () => {
    const both = await get('/api/outlets?place=Sale&postcode=M15');
    const withPoint = await get('/api/outlets?place=Sale&lat=53.4&lng=-2.3');
    const long = await get(`/api/outlets?place=${'a'.repeat(61)}`);

    expect([both.status, withPoint.status, long.status]).toEqual([400, 400, 400]);
    expect([both.body.issues, withPoint.body.issues, long.body.issues].map((issues) => (issues as { path: string }[])[0]?.path)).toEqual(['place', 'place', 'place']);
  });
});
