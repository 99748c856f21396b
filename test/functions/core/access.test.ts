import { describe, expect, it } from 'vitest';
import { type Actor, actorOf, decideAccess, identityFromClaims } from '../../../functions/core/access.js';
import type { Access } from '../../../functions/routes.js';

const actor = (overrides: Partial<Actor> = {}): Actor => ({
  subject: 'someone',
  label: 'Someone',
  roles: [],
  outlets: [],
  areas: [],
  areaNames: {},
  ...overrides,
});

describe('identityFromClaims', () => {
  it('reads groups as API Gateway passes them: one string, "[a b]"', () => {
    // Act
    const identity = identityFromClaims({ sub: 'abc', token_use: 'access', 'cognito:groups': '[outlet_staff commissioner]' });

    // Assess
    expect(identity).toEqual({ subject: 'abc', roles: ['commissioner', 'outlet_staff'] });
  });

  it('reads groups given as an array or as a single name', () => {
    // Act
    const fromArray = identityFromClaims({ sub: 'abc', token_use: 'access', 'cognito:groups': ['admin'] });
    const single = identityFromClaims({ sub: 'abc', token_use: 'access', 'cognito:groups': 'admin' });

    // Assess
    expect([fromArray?.roles, single?.roles]).toEqual([['admin'], ['admin']]);
  });

  it('ignores groups it does not know, and a token without groups has no roles', () => {
    // Act
    const unknown = identityFromClaims({ sub: 'abc', token_use: 'access', 'cognito:groups': '[superuser admin]' });
    const none = identityFromClaims({ sub: 'abc', token_use: 'access' });

    // Assess
    expect([unknown?.roles, none?.roles]).toEqual([['admin'], []]);
  });

  it('refuses an ID token, a token without a subject, and no claims at all', () => {
    // Act
    const idToken = identityFromClaims({ sub: 'abc', token_use: 'id', 'cognito:groups': '[admin]' });
    const noSubject = identityFromClaims({ token_use: 'access' });
    const nothing = identityFromClaims(undefined);

    // Assess
    expect([idToken, noSubject, nothing]).toEqual([null, null, null]);
  });
});

describe('actorOf', () => {
  it('counts outlets only with the outlet_staff role and areas only with the commissioner role', () => {
    // Prepare
    const memberships = { outlets: ['FA1'], areas: ['E08000003'], label: 'Asha (asha@example.org)', areaNames: { E08000003: 'Manchester' } };

    // Act
    const staff = actorOf({ subject: 's', roles: ['outlet_staff'] }, memberships);
    const commissioner = actorOf({ subject: 'c', roles: ['commissioner'] }, memberships);
    const neither = actorOf({ subject: 'n', roles: [] }, memberships);

    // Assess
    expect([staff.outlets, staff.areas]).toEqual([['FA1'], []]);
    expect([commissioner.outlets, commissioner.areas, commissioner.areaNames]).toEqual([[], ['E08000003'], { E08000003: 'Manchester' }]);
    expect([neither.outlets, neither.areas]).toEqual([[], []]);
    expect(staff.label).toBe('Asha (asha@example.org)');
  });

  it('names a person without a profile plainly', () => {
    // Act
    const unnamed = actorOf({ subject: 's', roles: [] }, { outlets: [], areas: [], label: null });

    // Assess
    expect(unnamed.label).toBe('Signed-in user');
  });
});

describe('decideAccess', () => {
  const staff = actor({ roles: ['outlet_staff'], outlets: ['FA1'] });
  const commissioner = actor({ roles: ['commissioner'], areas: ['E08000003'] });
  const admin = actor({ roles: ['admin'] });

  it.each<[string, Access, Actor | null, string | undefined, string | null | undefined, string]>([
    ['anyone on a public route', 'public', null, undefined, undefined, 'allowed'],
    ['no one signed in on a signed-in route', 'signed_in', null, undefined, undefined, 'unauthorised'],
    ['anyone signed in on a signed-in route', 'signed_in', actor(), undefined, undefined, 'allowed'],
    ['staff of the outlet, writing', 'outlet_write', staff, 'FA1', undefined, 'allowed'],
    ['staff of another outlet, reading', 'outlet_read', staff, 'FA2', undefined, 'forbidden'],
    ['an administrator, writing any outlet', 'outlet_write', admin, 'FA2', undefined, 'allowed'],
    ['a commissioner, before the outlet’s area is known', 'outlet_read', commissioner, 'FA1', undefined, 'needs_outlet_area'],
    ['a commissioner of the outlet’s area, reading', 'outlet_read', commissioner, 'FA1', 'E08000003', 'allowed'],
    ['a commissioner of another area, reading', 'outlet_read', commissioner, 'FA1', 'E08000009', 'forbidden'],
    ['a commissioner, reading an outlet with no area', 'outlet_read', commissioner, 'FA1', null, 'forbidden'],
    ['a commissioner of the outlet’s area, writing', 'outlet_write', commissioner, 'FA1', 'E08000003', 'forbidden'],
  ])('decides %s', (_name, access, who, outletId, outletArea, expected) => {
    // Act
    const decision = decideAccess(access, who, { outletId, ...(outletArea === undefined ? {} : { outletArea }) });

    // Assess
    expect(decision).toBe(expected);
  });
});

describe('decideAccess for registrations', () => {
  const staff = actor({ roles: ['outlet_staff'], outlets: ['FA1'] });
  const commissioner = actor({ roles: ['commissioner'], areas: ['E08000003'] });
  const groupWithoutArea = actor({ roles: ['commissioner'] });
  const admin = actor({ roles: ['admin'] });

  it.each<[string, Access, Actor | null, string | null | undefined, string]>([
    ['no one signed in, on the queue', 'moderator', null, undefined, 'unauthorised'],
    ['a commissioner, on the queue', 'moderator', commissioner, undefined, 'allowed'],
    ['the commissioner group without an area, on the queue', 'moderator', groupWithoutArea, undefined, 'forbidden'],
    ['outlet staff, on the queue', 'moderator', staff, undefined, 'forbidden'],
    ['an administrator, on the queue', 'moderator', admin, undefined, 'allowed'],
    ['a commissioner, before the registration’s area is known', 'area_moderator', commissioner, undefined, 'needs_registration_area'],
    ['the commissioner of the registration’s area', 'area_moderator', commissioner, 'E08000003', 'allowed'],
    ['a commissioner of another area', 'area_moderator', commissioner, 'E08000009', 'forbidden'],
    ['a commissioner, on a registration whose area is not known', 'area_moderator', commissioner, null, 'forbidden'],
    ['outlet staff, on a registration', 'area_moderator', staff, undefined, 'forbidden'],
    ['an administrator, on a registration whose area is not known', 'area_moderator', admin, undefined, 'allowed'],
  ])('decides %s', (_name, access, who, registrationArea, expected) => {
    // Act
    const decision = decideAccess(access, who, registrationArea === undefined ? {} : { registrationArea });

    // Assess
    expect(decision).toBe(expected);
  });
});

describe('decideAccess on an area route', () => {
  const staff = actor({ roles: ['outlet_staff'], outlets: ['FA1'] });
  const commissioner = actor({ roles: ['commissioner'], areas: ['E08000003'] });
  const admin = actor({ roles: ['admin'] });

  it.each<[string, Actor | null, string, string]>([
    ['the area’s commissioner', commissioner, 'E08000003', 'allowed'],
    ['a commissioner of another area', commissioner, 'E08000009', 'forbidden'],
    ['an outlet’s staff, even of an outlet in the area', staff, 'E08000003', 'forbidden'],
    ['an administrator', admin, 'E08000009', 'allowed'],
    ['no one signed in', null, 'E08000003', 'unauthorised'],
  ])('decides %s', (_name, who, areaCode, expected) => {
    // Act
    const decision = decideAccess('area_read', who, { areaCode });

    // Assess
    expect(decision).toBe(expected);
  });

  it('refuses a commissioner when the route names no area', () => {
    // Act
    const decision = decideAccess('area_read', commissioner, {});

    // Assess
    expect(decision).toBe('forbidden');
  });
});
