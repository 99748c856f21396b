import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../functions/shared/match-route.js';
import { startFinder } from '../../local/finder-server.js';
import { pathForLog } from '../../local/request-log.js';

const logged = (method: string, path: string, status: number) => pathForLog(matchRoute(method, path), path, status);

describe('pathForLog', () => {
  it('names an API route by its pattern, never by the ids or places in the path', () => {
    expect(logged('GET', '/api/outlets/M15%204AB', 404)).toBe('/api/outlets/{id}');
    expect(logged('GET', '/api/portal/areas/E08000003/coverage.csv', 200)).toBe('/api/portal/areas/{code}/coverage.csv');
  });

  it('logs the path of a page or file the server found, and no other path', () => {
    expect(logged('GET', '/outlet/', 200)).toBe('/outlet/');
    expect(logged('GET', '/find/M16%200RA', 404)).toBe('(path not logged)');
    expect(logged('GET', '/api/nowhere/53.471273,-2.293914', 404)).toBe('(path not logged)');
    expect(logged('DELETE', '/api/outlets/M15%204AB', 405)).toBe('(path not logged)');
  });
});

describe('request lines of searches by postcode or town', () => {
  it('hold no text typed in the "Postcode or town" field, found or not, in the API or a shared page link', async () => {
    // Prepare: what people type, and could be an address or a postcode.
    const lines: string[] = [];
    const siteDir = fileURLToPath(new URL('../fixtures/site/', import.meta.url));
    // No demo data: the lines are the same whether anything is found, and an empty table starts in a moment.
    const finder = await startFinder({ port: 0, siteDir, clientLimits: false, seed: false, log: (line) => lines.push(line) });
    const typed = ['12 Acacia Avenue', 'M15 4AB', 'Acacia Avenue', 'Altrincham', 'Newport'];
    try {
      // Act
      const statuses: number[] = [];
      for (const text of typed) {
        for (const path of [`/api/outlets?place=${encodeURIComponent(text)}&limit=1&radiusKm=1`, `/?place=${encodeURIComponent(text)}`]) {
          const response = await fetch(`${finder.url}${path}`);
          await response.arrayBuffer();
          statuses.push(response.status);
        }
      }

      // Assess: a line for each request, naming the route or page, never the text.
      expect(statuses.filter((status) => status >= 500)).toEqual([]);
      const searches = lines.filter((line) => line.startsWith('GET /api/outlets '));
      expect(searches).toHaveLength(typed.length);
      const text = lines.join('\n');
      for (const value of [...typed, 'M154AB', 'Acacia', 'M15%204AB', 'place=']) expect(text).not.toContain(value);
    } finally {
      await finder.close();
    }
  });
});
