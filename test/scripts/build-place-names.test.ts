/**
 * The place list the functions carry is what `npm run build:place-names` makes from `data/`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { authoritiesPath, districtsPath, encodePlaceNames, namesInField, outputPath, placeNameData } from '../../scripts/build-place-names.js';

describe('build-place-names', () => {
  it('made the committed file from the data files as they are (run `npm run build:place-names` after changing them)', () => {
    // Act
    const data = placeNameData(readFileSync(districtsPath, 'utf8'), readFileSync(authoritiesPath, 'utf8'));

    // Assess
    expect(encodePlaceNames(data)).toBe(readFileSync(outputPath, 'utf8'));
    // Keeps the public function's bundle small: see bench/REPORT.md, "Place names".
    expect(readFileSync(outputPath).byteLength).toBeLessThan(120 * 1024);
  });

  it('reads the names out of a district’s free-text towns and areas', () => {
    expect(namesInField('Altrincham, Bowdon, Broadheath')).toEqual(['Altrincham', 'Bowdon', 'Broadheath']);
    expect(namesInField('Western Newport, including Bassaleg, Duffryn')).toEqual(['Western Newport', 'Bassaleg', 'Duffryn']);
    expect(namesInField('North-western Newport, including: Abercarn, Crumlin')).toEqual(['North-western Newport', 'Abercarn', 'Crumlin']);
    expect(namesInField('Cambridge (West), Middleton/Milton Keynes Village')).toEqual(['Cambridge', 'Middleton', 'Milton Keynes Village']);
    expect(namesInField('Tower 42, Large user and PO Box, Department for Work and Pensions')).toEqual([]);
  });
});
