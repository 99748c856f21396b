/**
 * Finding towns and areas by name: the index over a small list, and the list the finder ships.
 */
import { describe, expect, it } from 'vitest';
import generated from '../../../functions/core/place-names.generated.json' with { type: 'json' };
import {
  buildPlaceIndex,
  decodePlaceNames,
  normalisePlaceName,
  type PlaceNameData,
  placeIndex,
} from '../../../functions/core/place-names.js';

/** Three real places called Newport, one Altrincham, and St. Helens with its authority's other names. */
const small: PlaceNameData = {
  qualifiers: ['Isle of Wight', 'North West', 'Trafford', 'Wales'],
  places: [
    ['Altrincham', 2, 53386, -2340],
    ['Newport', 0, 50694, -1310],
    ['Newport', 3, 51600, -3018],
    ['St. Helens', 1, 53455, -2730, ['St Helens Council']],
  ],
};

describe('normalisePlaceName', () => {
  it('ignores case, accents, punctuation, apostrophes and spacing, and reads "saint" as "st"', () => {
    expect(
      ['St. Helens', '  st   helens ', 'Saint Helens', 'ST-HELENS'].map(normalisePlaceName),
    ).toEqual(['st helens', 'st helens', 'st helens', 'st helens']);
    expect(normalisePlaceName("Bishop's Stortford")).toBe(normalisePlaceName('bishops stortford'));
    expect(normalisePlaceName('Ynys Môn')).toBe('ynys mon');
    expect(normalisePlaceName('Brighton & Hove')).toBe('brighton and hove');
  });
});

describe('buildPlaceIndex', () => {
  const index = buildPlaceIndex(small);

  it('finds a place one name has, at its centre, labelled with its own spelling', () => {
    expect(index.match('altrincham')).toEqual({
      kind: 'found',
      place: { name: 'Altrincham', qualifier: 'Trafford', lat: 53.386, lng: -2.34 },
      label: 'Altrincham',
    });
    expect(index.match('saint helens')).toMatchObject({ kind: 'found', label: 'St. Helens' });
    expect(index.match('St Helens Council')).toMatchObject({ kind: 'found', label: 'St. Helens' });
  });

  it('offers every place a shared name has, told apart and in order', () => {
    const match = index.match('NEWPORT');

    expect(match.kind).toBe('choices');
    expect(match.kind === 'choices' && match.choices.map((choice) => choice.label)).toEqual(['Newport, Isle of Wight', 'Newport, Wales']);
  });

  it('finds exactly the place a choice names, and keeps saying which it is', () => {
    expect(index.match('Newport, Isle of Wight')).toMatchObject({ kind: 'found', place: { lat: 50.694 }, label: 'Newport, Isle of Wight' });
    expect(index.match('newport wales')).toMatchObject({ kind: 'found', place: { lat: 51.6 }, label: 'Newport, Wales' });
  });

  it('knows no name it was not given', () => {
    expect(index.match('Atlantis')).toEqual({ kind: 'unknown' });
    expect(index.match('')).toEqual({ kind: 'unknown' });
    expect(index.match('Newport, Atlantis')).toEqual({ kind: 'unknown' });
  });
});

describe('the shipped place list', () => {
  const shipped = placeIndex();

  it('finds towns and areas from the postcode districts and the local authorities', () => {
    // Prepare: Hulme and Altrincham are districts' towns and areas, Trafford only an authority.
    const names = ['Stockport', 'Hulme', 'Altrincham', 'Trafford', 'st helens', 'City of Edinburgh'];

    // Act
    const found = names.map((name) => shipped.match(name));

    // Assess
    expect(found.map((match) => (match.kind === 'found' ? match.label : match.kind))).toEqual([
      'Stockport',
      'Hulme',
      'Altrincham',
      'Trafford',
      'St. Helens',
      'Edinburgh',
    ]);
    // Altrincham's centre is within its district, WA14 (53.387, -2.357).
    const match = found[2];
    const altrincham = match?.kind === 'found' ? match.place : null;
    expect(Math.abs(altrincham!.lat - 53.387)).toBeLessThan(0.05);
    expect(Math.abs(altrincham!.lng + 2.357)).toBeLessThan(0.05);
  });

  it('offers the Newports by the authority or nation they are in', () => {
    const match = shipped.match('Newport');

    const labels = match.kind === 'choices' ? match.choices.map((choice) => choice.label) : [];
    expect(labels).toEqual(expect.arrayContaining(['Newport, Isle of Wight', 'Newport, Telford and Wrekin', 'Newport, Wales']));
    expect(labels.length).toBeGreaterThanOrEqual(4);
  });

  it('offers no choice that leads anywhere but to its own place', () => {
    // Prepare: every name the list holds that more than one place has.
    const names = new Set(decodePlaceNames(generated.places).places.map(([name]) => name));
    const offered = [...names].flatMap((name) => {
      const match = shipped.match(name);
      return match.kind === 'choices' ? match.choices : [];
    });

    // Act
    const wrong = offered.filter(({ place, label }) => {
      const chosen = shipped.match(label);
      return chosen.kind !== 'found' || chosen.place !== place || chosen.label !== label;
    });

    // Assess
    expect(offered.length).toBeGreaterThan(800);
    expect(wrong.map(({ label }) => label)).toEqual([]);
  });

  it('keeps one post town one place even across postcode areas (London)', () => {
    expect(shipped.match('London')).toMatchObject({ kind: 'found', label: 'London' });
  });
});
