import { describe, expect, it } from 'vitest';
import {
  type LocationLookup,
  locationForLog,
  resolveSearch,
  resolveSearchLocation,
} from '../../../functions/core/resolve-search-location.js';
import { buildPlaceIndex } from '../../../functions/core/place-names.js';
import { DomainError } from '../../../functions/shared/errors.js';

/** Plain lookups over two known places; records what was asked. */
function lookupOf(postcodes: Record<string, { lat: number; lng: number }>, outwardCodes: Record<string, { lat: number; lng: number }>) {
  const asked: string[] = [];
  const lookup: LocationLookup = {
    postcode: async (postcode) => {
      asked.push(`postcode:${postcode}`);
      return postcodes[postcode] ?? null;
    },
    outwardCode: async (outward) => {
      asked.push(`outward:${outward}`);
      return outwardCodes[outward] ?? null;
    },
  };
  return { lookup, asked };
}

const known = () =>
  lookupOf({ 'M15 4AB': { lat: 53.465578, lng: -2.26046 } }, { M15: { lat: 53.4663, lng: -2.25267 } });

async function errorOf(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DomainError)) throw new Error(`Expected a DomainError, got ${String(error)}`);
  return error;
}

describe('resolveSearchLocation', () => {
  it('rounds coordinates to 3 decimal places without looking anything up', async () => {
    // Prepare
    const { lookup, asked } = known();

    // Act
    const location = await resolveSearchLocation({ lat: 53.4655789, lng: -2.2604612 }, lookup);

    // Assess
    expect(location).toEqual({ lat: 53.466, lng: -2.26, source: 'coordinates', label: null });
    expect(asked).toEqual([]);
  });

  it('never returns a negative zero', async () => {
    // Act
    const location = await resolveSearchLocation({ lat: 51.4779, lng: -0.0001 }, known().lookup);

    // Assess
    expect(Object.is(location.lng, 0)).toBe(true);
  });

  it('locates a full postcode typed in any case and spacing, labelled normalised', async () => {
    // Prepare
    const { lookup, asked } = known();

    // Act
    const location = await resolveSearchLocation({ postcode: ' m154ab ' }, lookup);

    // Assess
    expect(location).toEqual({ lat: 53.466, lng: -2.26, source: 'postcode', label: 'M15 4AB' });
    expect(asked).toEqual(['postcode:M15 4AB']);
  });

  it('falls back to the district centroid when the full postcode is unknown', async () => {
    // Prepare
    const { lookup, asked } = known();

    // Act
    const location = await resolveSearchLocation({ postcode: 'M15 4ZZ' }, lookup);

    // Assess
    expect(location).toEqual({ lat: 53.466, lng: -2.253, source: 'outward_code', label: 'M15' });
    expect(asked).toEqual(['postcode:M15 4ZZ', 'outward:M15']);
  });

  it('locates an outward code by its centroid without a postcode lookup', async () => {
    // Prepare
    const { lookup, asked } = known();

    // Act
    const location = await resolveSearchLocation({ postcode: 'm15' }, lookup);

    // Assess
    expect(location).toEqual({ lat: 53.466, lng: -2.253, source: 'outward_code', label: 'M15' });
    expect(asked).toEqual(['outward:M15']);
  });

  it('answers 400 with the field message for something that is not a postcode', async () => {
    // Prepare
    const { lookup, asked } = known();

    // Act
    const error = await errorOf(resolveSearchLocation({ postcode: 'M15 4A' }, lookup));

    // Assess
    expect(error.code).toBe('bad_request');
    expect(error.issues).toEqual([{ path: 'postcode', message: 'Enter a real postcode' }]);
    expect(asked).toEqual([]);
  });

  it('answers 422 when neither the postcode nor its district is known', async () => {
    // Prepare
    const { lookup, asked } = known();

    // Act
    const error = await errorOf(resolveSearchLocation({ postcode: 'SW1A 1AA' }, lookup));

    // Assess
    expect(error.code).toBe('validation_failed');
    expect(error.issues).toEqual([{ path: 'postcode', message: 'We could not find that postcode' }]);
    expect(asked).toEqual(['postcode:SW1A 1AA', 'outward:SW1A']);
  });

  it('answers 422 for an unknown outward code', async () => {
    // Act
    const error = await errorOf(resolveSearchLocation({ postcode: 'ZZ9' }, known().lookup));

    // Assess
    expect(error.code).toBe('validation_failed');
    expect(error.issues).toEqual([{ path: 'postcode', message: 'We could not find that postcode' }]);
  });

  it('answers 400 when the query has neither a point nor a postcode', async () => {
    // Act
    const error = await errorOf(resolveSearchLocation({ lat: 53.4 }, known().lookup));

    // Assess
    expect(error.code).toBe('bad_request');
    expect(error.issues).toEqual([{ path: 'postcode', message: 'Enter a postcode or a town, or use your location' }]);
  });
});

describe('locationForLog', () => {
  it('keeps no more than the outward code or one decimal place', () => {
    // Act
    const logged = [
      locationForLog({ lat: 53.466, lng: -2.26, source: 'coordinates', label: null }),
      locationForLog({ lat: 53.466, lng: -2.26, source: 'postcode', label: 'M15 4AB' }),
      locationForLog({ lat: 53.466, lng: -2.253, source: 'outward_code', label: 'M15' }),
    ];

    // Assess
    expect(logged).toEqual([
      { source: 'coordinates', area: '53.5,-2.3' },
      { source: 'postcode', area: 'M15' },
      { source: 'outward_code', area: 'M15' },
    ]);
    expect(JSON.stringify(logged)).not.toContain('4AB');
  });
});

describe('resolveSearch', () => {
  const places = () =>
    buildPlaceIndex({
      qualifiers: ['Isle of Wight', 'Trafford', 'Wales'],
      places: [
        ['Altrincham', 1, 53386, -2340],
        ['Newport', 0, 50694, -1310],
        ['Newport', 2, 51600, -3018],
      ],
    });

  it('centres a name one place has on that place, labelled with its name', async () => {
    // Prepare
    const { lookup, asked } = known();

    // Act
    const resolved = await resolveSearch({ place: 'ALTRINCHAM' }, lookup, places);

    // Assess
    expect(resolved).toEqual({
      kind: 'location',
      location: { lat: 53.386, lng: -2.34, source: 'place', label: 'Altrincham' },
      place: expect.objectContaining({ name: 'Altrincham', qualifier: 'Trafford' }),
    });
    expect(asked).toEqual([]);
  });

  it('answers the places to choose from for a shared name', async () => {
    const resolved = await resolveSearch({ place: 'newport' }, known().lookup, places);

    expect(resolved).toEqual({
      kind: 'choices',
      answer: { name: 'Newport', choices: [{ label: 'Newport, Isle of Wight' }, { label: 'Newport, Wales' }] },
    });
  });

  it('answers 422 at the place field for a name it does not know', async () => {
    const error = await errorOf(resolveSearch({ place: 'Atlantis' }, known().lookup, places));

    expect(error.code).toBe('validation_failed');
    expect(error.issues).toEqual([{ path: 'place', message: 'We could not find a town or area with that name. Check the spelling, or enter a postcode' }]);
  });

  it('searches a postcode typed as a place as a postcode, with its errors at the place field', async () => {
    // Act
    const found = await resolveSearch({ place: 'm154ab' }, known().lookup, places);
    const mistyped = await errorOf(resolveSearch({ place: 'M15 4A' }, known().lookup, places));

    // Assess
    expect(found).toEqual({ kind: 'location', location: { lat: 53.466, lng: -2.26, source: 'postcode', label: 'M15 4AB' } });
    expect([mistyped.code, mistyped.issues]).toEqual(['bad_request', [{ path: 'place', message: 'Enter a real postcode' }]]);
  });

  it('resolves a postcode or a point as before when no place is given', async () => {
    expect(await resolveSearch({ postcode: 'M15' }, known().lookup, places)).toEqual({
      kind: 'location',
      location: { lat: 53.466, lng: -2.253, source: 'outward_code', label: 'M15' },
    });
  });
});

describe('locationForLog for a place', () => {
  it('logs the name from the finder’s list, never the text typed', () => {
    expect(locationForLog({ lat: 53.386, lng: -2.34, source: 'place', label: 'Altrincham' })).toEqual({ source: 'place', area: 'Altrincham' });
  });
});
