import { describe, expect, it } from 'vitest';
import { routeGroups } from '../../functions/routes.js';
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

  it('takes each group\'s table access from the route table, not from its methods', () => {
    // Prepare
    const groups = allRouteGroups();

    // Act
    const access = Object.fromEntries(groups.map((group) => [group, tableAccessOf(group)]));

    // Assess
    expect(access).toEqual({ 'public-api': 'read', 'public-reports': 'append' });
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
