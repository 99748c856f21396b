import { describe, expect, it } from 'vitest';
import { routeGroups, routes } from '../../functions/routes.js';
import { allRouteGroups, constructIdOf, managesAccountsOf, needsLinkKeysOf, needsSignInOf, sendsEmailOf, tableAccessOf } from '../../infra/route-plan.js';

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
    expect(access).toEqual({ 'public-api': 'read', 'public-reports': 'append', area: 'manage', portal: 'write', 'public-registrations': 'write', 'listing-actions': 'write', 'open-data': 'read' });
  });

  it('tells only the portal where people sign in, as the route table declares', () => {
    // Prepare
    const groups = allRouteGroups();

    // Act
    const signIn = Object.fromEntries(groups.map((group) => [group, needsSignInOf(group)]));

    // Assess
    expect(signIn).toEqual({ 'public-api': false, 'public-reports': false, area: false, portal: true, 'public-registrations': false, 'listing-actions': false, 'open-data': false });
  });

  it('lets only the portal, which decides on registrations, send email and make accounts', () => {
    // Prepare
    const groups = allRouteGroups();

    // Act
    const powers = Object.fromEntries(groups.map((group) => [group, [sendsEmailOf(group), managesAccountsOf(group)]]));

    // Assess
    expect(powers).toEqual({ 'public-api': [false, false], 'public-reports': [false, false], area: [false, false], portal: [true, true], 'public-registrations': [false, false], 'listing-actions': [false, false], 'open-data': [false, false] });
    expect(routes.filter((route) => route.handler === 'decideRegistration').map((route) => route.group)).toEqual(['portal']);
  });

  it('gives the reminder links\' keys only to the group that checks the links, as the route table declares', () => {
    // Prepare
    const groups = allRouteGroups();

    // Act
    const keys = Object.fromEntries(groups.map((group) => [group, needsLinkKeysOf(group)]));

    // Assess
    expect(keys).toEqual({ 'public-api': false, 'public-reports': false, area: false, portal: false, 'public-registrations': false, 'listing-actions': true, 'open-data': false });
    expect(routes.filter((route) => route.group === 'listing-actions').map((route) => route.handler)).toEqual(['previewListingAction', 'answerListingAction']);
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
