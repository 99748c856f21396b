import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../../functions/shared/match-route.js';

describe('matchRoute', () => {
  it('matches a literal path to its route', () => {
    const match = matchRoute('GET', '/api/outlets');

    expect(match).toMatchObject({ route: { path: '/api/outlets', handler: 'findOutlets' }, pathParameters: {} });
  });

  it('matches a path parameter and decodes it', () => {
    const match = matchRoute('GET', '/api/outlets/FM%36664');

    expect(match).toMatchObject({ route: { path: '/api/outlets/{id}' }, pathParameters: { id: 'FM6664' } });
  });

  it('says the method is not allowed when only the path matches', () => {
    expect(matchRoute('DELETE', '/api/outlets')).toEqual({ allow: ['GET'] });
    expect(matchRoute('DELETE', '/api/portal/outlets/FM123')).toEqual({ allow: ['GET', 'PATCH'] });
  });

  it('matches nothing for site pages and for empty or extra segments', () => {
    expect(matchRoute('GET', '/')).toBeNull();
    expect(matchRoute('GET', '/outlet/')).toBeNull();
    expect(matchRoute('GET', '/api/outlets/')).toBeNull();
    expect(matchRoute('GET', '/api/outlets/a/b')).toBeNull();
  });

  it('matches nothing when a parameter is not valid percent-encoding', () => {
    expect(matchRoute('GET', '/api/outlets/%E0%A4%A')).toBeNull();
  });
});
