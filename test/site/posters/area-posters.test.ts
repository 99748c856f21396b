import { describe, expect, it } from 'vitest';
import names from '../../../functions/core/local-authority-names.json' with { type: 'json' };
import { posterAreas } from '../../../site/src/posters/area-posters.js';

/** Combined authorities (E47…) and the Greater London Authority (E61000001) lie over councils with posters of their own. */
const overlying = (code: string) => code.startsWith('E47') || code === 'E61000001';

describe('posterAreas', () => {
  it('gives every council the finder names a poster, with a centre in the UK to search around', () => {
    // Act
    const areas = posterAreas();

    // Assess
    expect(areas.map((area) => area.code).sort()).toEqual(Object.keys(names).filter((code) => !overlying(code)).sort());
    expect(areas.length).toBeGreaterThan(350);
    for (const area of areas) {
      expect(area.name).toBe((names as Record<string, string>)[area.code]);
      // Three decimal places (about 100 m), within the UK's bounding box.
      expect(area.lat).toMatch(/^\d{2}\.\d{3}$/);
      expect(area.lng).toMatch(/^-?\d\.\d{3}$/);
      expect(Number(area.lat)).toBeGreaterThan(49.8);
      expect(Number(area.lat)).toBeLessThan(60.9);
      expect(Number(area.lng)).toBeGreaterThan(-8.7);
      expect(Number(area.lng)).toBeLessThan(1.8);
    }
    expect(areas.find((area) => area.code === 'E08000009')).toMatchObject({ name: 'Trafford', lat: expect.stringMatching(/^53\.4/) });
  });

  it('lists them by name', () => {
    // Act
    const names = posterAreas().map((area) => area.name);

    // Assess
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en-GB')));
  });
});
