import { describe, expect, it } from 'vitest';
import { findOutletsQuerySchema } from '../../../functions/contract/find-outlets.js';

const issuesOf = (input: Record<string, string>) => {
  const result = findOutletsQuerySchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
};

describe('findOutletsQuerySchema', () => {
  it('accepts a point and fills in the defaults', () => {
    const query = findOutletsQuerySchema.parse({ lat: '53.4808', lng: '-2.2426' });

    expect(query).toEqual({ lat: 53.4808, lng: -2.2426, limit: 10, radiusKm: 25 });
  });

  it('accepts a postcode with filters given as checkbox values', () => {
    const query = findOutletsQuerySchema.parse({ postcode: ' m15 4ab ', kit: 'nasal', openNow: 'on', noId: 'true', walkIn: '0' });

    expect(query).toMatchObject({ postcode: 'm15 4ab', kit: 'nasal', openNow: true, noId: true, walkIn: false });
  });

  it('asks for a place when none is given', () => {
    expect(issuesOf({})).toEqual([{ path: 'postcode', message: 'Enter a postcode or a town, or use your location' }]);
  });

  it('takes a town or area name as `place`, alone', () => {
    expect(findOutletsQuerySchema.parse({ place: ' Altrincham ' })).toMatchObject({ place: 'Altrincham' });
    expect(issuesOf({ place: 'x'.repeat(61) })).toEqual([
      { path: 'place', message: 'Enter a town or area name of 60 characters or fewer, or a postcode' },
    ]);
    expect(issuesOf({ place: 'Altrincham', postcode: 'M1 1AA' })).toEqual([{ path: 'place', message: 'Search by postcode or by town, not both' }]);
    expect(issuesOf({ place: 'Altrincham', lat: '53.4', lng: '-2.2' })).toEqual([{ path: 'place', message: 'Search by town or by location, not both' }]);
  });

  it('names each bad field', () => {
    expect(issuesOf({ lat: 'north', lng: '200', limit: '0' })).toEqual([
      { path: 'lat', message: 'Latitude must be a number' },
      { path: 'lng', message: 'Longitude must be between -180 and 180' },
      { path: 'limit', message: 'Limit must be between 1 and 50' },
    ]);
  });

  it('rejects half a point and a point with a postcode', () => {
    expect(issuesOf({ lat: '53.4' })).toEqual([{ path: 'lng', message: 'Enter a longitude with the latitude' }]);
    expect(issuesOf({ lat: '53.4', lng: '-2.2', postcode: 'M1 1AA' })).toEqual([
      { path: 'postcode', message: 'Search by postcode or by location, not both' },
    ]);
  });

  it('rejects a radius over 100 km, an unknown kit and a limit that is not whole', () => {
    expect(issuesOf({ postcode: 'M1', radiusKm: '101', kit: 'pills', limit: '2.5' }).map((issue) => issue.path)).toEqual([
      'limit',
      'radiusKm',
      'kit',
    ]);
  });

  it('rejects infinite numbers', () => {
    expect(issuesOf({ lat: 'Infinity', lng: '-2' })).toEqual([{ path: 'lat', message: 'Latitude must be a number' }]);
  });

  it('treats empty fields as not given, as an HTML form sends them', () => {
    expect(issuesOf({ lat: '53.4', lng: '', postcode: '' })).toEqual([
      { path: 'lng', message: 'Enter a longitude with the latitude' },
    ]);
    expect(findOutletsQuerySchema.parse({ postcode: 'M1', kit: '', openNow: '' })).toEqual({ postcode: 'M1', limit: 10, radiusKm: 25 });
  });

  it('refuses points outside the UK, which would also make a search plan thousands of cells', () => {
    expect(issuesOf({ lat: '90', lng: '180' })).toEqual([{ path: 'lat', message: 'We can only search for places in the UK' }]);
    expect(issuesOf({ lat: '48.85', lng: '2.35' })).toEqual([{ path: 'lat', message: 'We can only search for places in the UK' }]);
    expect(issuesOf({ lat: '60.15', lng: '-1.15' })).toEqual([]);
  });

  it('explains a kit or place type it does not know in plain words', () => {
    expect(issuesOf({ postcode: 'M1', kit: 'pills', type: 'shop' })).toEqual([
      { path: 'kit', message: 'Choose nasal spray or injection' },
      { path: 'type', message: 'Choose a type of place from the list' },
    ]);
  });
});
