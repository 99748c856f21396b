import { describe, expect, it } from 'vitest';
import { type Route, routeGroups } from '../../functions/routes.js';
import { allRouteGroups, constructIdOf, tableAccessOf } from '../../infra/route-plan.js';

describe('route plan', () => {
  it('lists every route group', () => {
    // Prepare
    const expected = Object.keys(routeGroups);

    // Act
    const groups = allRouteGroups();

    // Assess
    expect(groups).toEqual(expected);
  });

  it('gives a group that only answers GET read access', () => {
    // Prepare
    const routes: Route[] = [{ method: 'GET', path: '/outlets', group: 'public-api', handler: 'findOutlets', access: 'public' }];

    // Act
    const access = tableAccessOf('public-api', routes);

    // Assess
    expect(access).toBe('read');
  });

  it('gives a group with any other method read and write access', () => {
    // Prepare
    const routes: Route[] = [
      { method: 'GET', path: '/outlets', group: 'public-api', handler: 'findOutlets', access: 'public' },
      { method: 'POST', path: '/reports', group: 'public-api', handler: 'report', access: 'public' },
    ];

    // Act
    const access = tableAccessOf('public-api', routes);

    // Assess
    expect(access).toBe('readWrite');
  });

  it('names constructs after their group', () => {
    // Prepare
    const group = 'public-api' as const;

    // Act
    const id = constructIdOf(group);

    // Assess
    expect(id).toBe('PublicApi');
  });
});
