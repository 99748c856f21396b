import { describe, expect, it } from 'vitest';
import { routeGroups, routes } from '../../functions/routes.js';
import { allRouteGroups, constructIdOf, needsSignInOf, tableAccessOf } from '../../infra/route-plan.js';

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
    expect(access).toEqual({ 'public-api': 'read', 'public-reports': 'append', portal: 'write', area: 'manage', 'open-data': 'read' });
  });

  it('tells only the portal where people sign in, as the route table declares', () => {
    // Prepare
    const groups = allRouteGroups();

    // Act
    const signIn = Object.fromEntries(groups.map((group) => [group, needsSignInOf(group)]));

    // Assess
    expect(signIn).toEqual({ 'public-api': false, 'public-reports': false, portal: true, area: false, 'open-data': false });
  });

  it('tells the group that answers GET /api/sign-in where people sign in, which it reads at cold start', () => {
    // Prepare
    const signInRoute = routes.find((route) => route.handler === 'getSignInSettings');

    // Act
    const told = signInRoute ? needsSignInOf(signInRoute.group) : undefined;

    // Assess
    expect(signInRoute?.path).toBe('/api/sign-in');
    expect(told).toBe(true);
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
