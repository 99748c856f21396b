/**
 * Reading a postal services file (`npm run import:postal`). The reader's graph holds the contract's
 * zod/mini schemas and no classic zod, so these also prove that its default field messages are
 * zod's English ones, set by the error model, not the locale-less "Invalid input".
 */
import { describe, expect, it } from 'vitest';
import { readPostalServiceFile } from '../../../functions/core/postal-service-import.js';

const service = {
  id: 'gm-postal',
  name: 'Greater Manchester postal naloxone',
  organisation: 'Example Drug Service',
  description: 'A nasal spray kit, posted in a plain envelope.',
  whoCanOrder: 'Anyone aged 18 or over who lives in the area',
  website: 'https://example.org/order',
  kitTypes: ['nasal'],
  serviceArea: { localAuthorities: ['e08000003 '] },
};

describe('readPostalServiceFile', () => {
  it('reads a valid service, with its defaults and its codes normalised', () => {
    // Act
    const [entry] = readPostalServiceFile(JSON.stringify({ services: [service] }));

    // Assess
    expect(entry?.problems).toEqual([]);
    expect(entry?.service).toMatchObject({ phone: null, status: 'active', demo: false, serviceArea: { nations: [], localAuthorities: ['E08000003'] } });
  });

  it('names each field of a bad entry with its own message, the contract’s or zod’s English one', () => {
    // Prepare
    const bad = { ...service, name: 5, website: null, serviceArea: { localAuthorities: ['X1', 'E08000003', 'E08000003'] } };

    // Act
    const [entry] = readPostalServiceFile(JSON.stringify([bad, service]));

    // Assess
    expect(entry?.service).toBeNull();
    expect(entry?.problems).toEqual([
      { field: 'name', message: 'Invalid input: expected string, received number' },
      { field: 'serviceArea.localAuthorities.0', message: 'Enter a local authority’s ONS code, like E08000003' },
      { field: 'serviceArea.localAuthorities', message: 'Give each local authority once' },
    ]);
  });

  it('refuses an entry without a website or a phone, and an id given twice', () => {
    // Act
    const entries = readPostalServiceFile(JSON.stringify([{ ...service, website: null }, service, service]));

    // Assess
    expect(entries.map((entry) => entry.problems)).toEqual([
      [{ field: 'website', message: 'Give a website or a phone number to order from' }],
      [],
      [{ field: 'id', message: 'This id is given twice in the file' }],
    ]);
  });
});
