import { describe, expect, it } from 'vitest';
import type { ResolvedLocation } from '../../../functions/contract/find-outlets.js';
import { nationOfCode } from '../../../functions/contract/nations.js';
import { coversArea, serviceAreaInWords } from '../../../functions/core/postal-services.js';
import { nationOfPostcodeArea, searchedArea, searchedAreaOfPlace } from '../../../functions/core/searched-area.js';

const at = (source: ResolvedLocation['source'], label: string | null): ResolvedLocation => ({ lat: 53.5, lng: -2.2, source, label });

describe('searchedArea', () => {
  it('takes the council and nation from the postcode’s own item', () => {
    expect(searchedArea(at('postcode', 'M2 5DB'), 'E08000003')).toEqual({
      nation: 'england',
      localAuthorityCode: 'E08000003',
      localAuthorityName: 'Manchester',
      knownFrom: 'postcode',
    });
  });

  it('says a council found from the district’s centroid came from the district', () => {
    expect(searchedArea(at('outward_code', 'M2'), 'E08000003').knownFrom).toBe('district');
  });

  it('knows only the nation of a postcode area wholly in one nation, and nothing of a cross-border one', () => {
    expect(searchedArea(at('outward_code', 'BT7'), null)).toEqual({ nation: 'northern_ireland', localAuthorityCode: null, localAuthorityName: null, knownFrom: 'postcode_area' });
    expect(searchedArea(at('postcode', 'EH1 1AA'), null).nation).toBe('scotland');
    expect(searchedArea(at('outward_code', 'CF10'), null).nation).toBe('wales');
    // TD15 is Berwick-upon-Tweed, in England; TD1 is Galashiels, in Scotland: TD is not guessed.
    expect(searchedArea(at('outward_code', 'TD15'), null)).toMatchObject({ nation: null, knownFrom: 'unknown' });
    expect(nationOfPostcodeArea('CH')).toBeNull();
    expect(nationOfPostcodeArea('SY')).toBeNull();
  });

  it('never places a point from “use my location”', () => {
    expect(searchedArea(at('coordinates', null), null)).toEqual({ nation: null, localAuthorityCode: null, localAuthorityName: null, knownFrom: 'unknown' });
  });

  it('places a town or area found by name under its authority, by its own name, or in its nation only', () => {
    // Altrincham is listed under Trafford; Stockport under its region, but it names an authority itself.
    expect(searchedAreaOfPlace({ name: 'Altrincham', qualifier: 'Trafford' })).toEqual({
      nation: 'england',
      localAuthorityCode: 'E08000009',
      localAuthorityName: 'Trafford',
      knownFrom: 'place',
    });
    expect(searchedAreaOfPlace({ name: 'Stockport', qualifier: 'North West' }).localAuthorityCode).toBe('E08000007');
    expect(searchedAreaOfPlace({ name: 'Saint Helens', qualifier: 'st helens' }).localAuthorityName).toBe('St. Helens');
    expect(searchedAreaOfPlace({ name: 'Partick', qualifier: 'Scotland' })).toEqual({ nation: 'scotland', localAuthorityCode: null, localAuthorityName: null, knownFrom: 'place' });
    expect(searchedAreaOfPlace({ name: 'Hexham', qualifier: 'North East' }).nation).toBe('england');
    expect(searchedAreaOfPlace({ name: 'Somewhere', qualifier: 'Somewhere Else' })).toEqual({ nation: null, localAuthorityCode: null, localAuthorityName: null, knownFrom: 'unknown' });
  });

  it('reads the nation from the first letter of a GSS code', () => {
    expect(['E08000003', 'W06000015', 'S12000036', 'N09000003', 'K02000001'].map(nationOfCode)).toEqual(['england', 'wales', 'scotland', 'northern_ireland', null]);
  });
});

describe('postal service areas', () => {
  const service = { status: 'active' as const, serviceArea: { nations: ['scotland' as const], localAuthorities: ['E08000009'] } };

  it('covers a place by its nation or its council, and never when withdrawn or the area is unknown', () => {
    expect(coversArea(service, { nation: 'scotland', localAuthorityCode: null, localAuthorityName: null, knownFrom: 'postcode_area' })).toBe(true);
    expect(coversArea(service, { nation: 'england', localAuthorityCode: 'E08000009', localAuthorityName: null, knownFrom: 'postcode' })).toBe(true);
    expect(coversArea(service, { nation: 'england', localAuthorityCode: 'E08000003', localAuthorityName: null, knownFrom: 'postcode' })).toBe(false);
    expect(coversArea({ ...service, status: 'inactive' }, { nation: 'scotland', localAuthorityCode: null, localAuthorityName: null, knownFrom: 'postcode_area' })).toBe(false);
    expect(coversArea(service, { nation: null, localAuthorityCode: null, localAuthorityName: null, knownFrom: 'unknown' })).toBe(false);
  });

  it('names the area in words, nations first, councils by name', () => {
    expect(serviceAreaInWords(service.serviceArea)).toBe('Scotland and Trafford');
    expect(serviceAreaInWords({ nations: ['wales'], localAuthorities: [] })).toBe('Wales');
    expect(serviceAreaInWords({ nations: [], localAuthorities: ['E08000009', 'E08000001', 'E08000003'] })).toBe('Bolton, Manchester and Trafford');
  });
});
