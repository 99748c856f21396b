import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../functions/shared/match-route.js';
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
