/**
 * The item-size arithmetic the postcode benchmark's cost estimate rests on, against worked
 * examples of DynamoDB's rules.
 */
import { describe, expect, it } from 'vitest';
import { itemBytes, projectedItem, writeUnits } from '../../bench/dynamodb-item-size.js';

describe('itemBytes', () => {
  it('adds the names’ UTF-8 lengths to the values’ sizes', () => {
    // "pk" (2) + "POSTCODE#M154AB" (15); "lat" (3) + 53.465578 (8 significant digits: 4 + 1)
    expect(itemBytes({ pk: 'POSTCODE#M154AB', lat: 53.465578 })).toBe(2 + 15 + 3 + 5);
    // Multi-byte characters count as their bytes; leading and trailing zeros are not significant.
    expect(itemBytes({ é: 'ü' })).toBe(2 + 2);
    expect(itemBytes({ n: 1200 })).toBe(1 + 2);
    expect(itemBytes({ b: true, z: null })).toBe(2 + 2);
  });

  it('keeps only the keys and projected attributes in an index entry', () => {
    const item = { pk: 'a', sk: 'b', areaKey: 'c', areaSort: 'd', lat: 1, secret: 'x' };

    expect(projectedItem(item, ['pk', 'sk', 'areaKey', 'areaSort'], ['lat'])).toEqual({ pk: 'a', sk: 'b', areaKey: 'c', areaSort: 'd', lat: 1 });
  });
});

describe('writeUnits', () => {
  it('bills one unit per started kilobyte, at least one', () => {
    expect([writeUnits(0), writeUnits(126), writeUnits(1024), writeUnits(1025)]).toEqual([1, 1, 1, 2]);
  });
});
