/**
 * Postal services in the search answer, end to end on the local runtime: HTTP request → API Gateway
 * v2 event → the real Lambda entry → embedded DynamoDB. They come in their own section for the
 * searched place's area, never among the places ranked by distance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FindOutletsResponse, findOutletsResponseSchema } from '../../functions/contract/find-outlets.js';
import { demoPostalService } from '../../local/demo-postal-services.js';
import { type SmallFinder, startSmallFinder } from '../support/small-finder.js';

let small: SmallFinder;

const search = async (query: string) => {
  const response = await fetch(`${small.finder.url}/api/outlets?${query}`);
  const body = (await response.json()) as FindOutletsResponse;
  return { status: response.status, body };
};

beforeAll(async () => {
  small = await startSmallFinder({ outlets: 10 });
  const { savePostalService } = await import('../../functions/data/postal-services.js');
  const { putOutwardCodes, putPostcodes } = await import('../../functions/data/postcodes.js');
  await savePostalService(demoPostalService);
  const base = { organisation: 'Test', description: 'Posts a kit.', whoCanOrder: 'Anyone', phone: '0100 000 0000', website: null, kitTypes: [], status: 'active' as const, demo: true };
  await savePostalService({ ...base, id: 'test-england', name: 'England-wide test service', serviceArea: { nations: ['england'], localAuthorities: [] } });
  await savePostalService({ ...base, id: 'test-scotland', name: 'Scotland-wide test service', serviceArea: { nations: ['scotland'], localAuthorities: [] } });
  // Places with no outlet within 25 km: a Glasgow postcode (with its council) and a Belfast district.
  await putPostcodes([{ postcode: 'G1 1XQ', lat: 55.8609, lng: -4.2514, localAuthorityCode: 'S12000049' }]);
  await putOutwardCodes([{ outward: 'BT1', lat: 54.6007, lng: -5.9289 }]);
});

afterAll(async () => {
  await small?.finder.close();
});

describe('GET /api/outlets: postal services', () => {
  it('answers the services posting to a postcode’s local authority and nation in their own section', async () => {
    // Act
    const { status, body } = await search('postcode=M2%205DB');

    // Assess
    expect(status).toBe(200);
    expect(findOutletsResponseSchema.safeParse(body).success).toBe(true);
    expect(body.area).toEqual({ nation: 'england', localAuthorityCode: 'E08000003', localAuthorityName: 'Manchester', knownFrom: 'postcode' });
    expect(body.postalServices.map((service) => service.id)).toEqual(['test-england', 'example-postal-gm']);
    expect(body.postalServices[1]).toMatchObject({
      name: 'Example postal service – demo, not a real service',
      demo: true,
      areaInWords: 'Bolton, Bury, Manchester, Oldham, Rochdale, Salford, Stockport, Tameside, Trafford and Wigan',
    });
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.every((outlet) => outlet.supplyBasis !== 'postal')).toBe(true);
  });

  it('knows only the nation of a district without its council, and says so', async () => {
    // Act: M15 is in the table without a local authority.
    const { body } = await search('postcode=M15');

    // Assess
    expect(body.area).toEqual({ nation: 'england', localAuthorityCode: null, localAuthorityName: null, knownFrom: 'postcode_area' });
    expect(body.postalServices.map((service) => service.id)).toEqual(['test-england']);
  });

  it('names the services for a place where nothing is near: Scotland by its council, Northern Ireland by its postcode area', async () => {
    // Act
    const glasgow = await search('postcode=g11xq');
    const belfast = await search('postcode=BT1');

    // Assess
    expect(glasgow.body.results).toEqual([]);
    expect(glasgow.body.area).toMatchObject({ nation: 'scotland', localAuthorityCode: 'S12000049', knownFrom: 'postcode' });
    expect(glasgow.body.postalServices.map((service) => service.id)).toEqual(['test-scotland']);
    expect(belfast.body.results).toEqual([]);
    expect(belfast.body.area).toEqual({ nation: 'northern_ireland', localAuthorityCode: null, localAuthorityName: null, knownFrom: 'postcode_area' });
    expect(belfast.body.postalServices).toEqual([]);
  });

  it('places no point from “use my location” in an area, and lists no postal service for it', async () => {
    // Act
    const { body } = await search('lat=53.4808&lng=-2.2426&limit=3');

    // Assess
    expect(body.area).toEqual({ nation: null, localAuthorityCode: null, localAuthorityName: null, knownFrom: 'unknown' });
    expect(body.postalServices).toEqual([]);
    expect(body.results).toHaveLength(3);
  });
});
