/**
 * Who is calling and what they may do. Pure: the verified token's claims and the caller's
 * membership records come in, an actor and a decision come out.
 *
 * Two independent sources must agree before an outlet or an area is the caller's: the token's
 * groups (managed in Cognito) give the role, and the membership records (in DynamoDB, read on
 * every request) name the outlets and local authorities. A staff membership without the
 * `outlet_staff` group, or the group without a membership, gives nothing.
 */
import * as z from 'zod';
import { type Role, roleSchema } from '../contract/me.js';
import type { Access } from '../routes.js';

/** What the verified token says about the caller. */
export interface Identity {
  /** The token's `sub`: stable for the person, never reused. */
  subject: string;
  roles: Role[];
}

/** What the membership records say about the caller. */
export interface Memberships {
  outlets: string[];
  /** Local authority (ONS) codes. */
  areas: string[];
  /** How the caller is named in change history: their name or email, from their profile record. */
  label: string | null;
  /** Names of the areas, as recorded with the memberships. */
  areaNames?: Record<string, string>;
}

/** The caller, as handlers see them. */
export interface Actor {
  subject: string;
  /** Shown in change history. Falls back to "Signed-in user" when there is no profile. */
  label: string;
  roles: Role[];
  /** Outlets the caller is staff of (only with the `outlet_staff` role). */
  outlets: string[];
  /** Local authorities the caller commissions for (only with the `commissioner` role). */
  areas: string[];
  /** Names of those local authorities, where the memberships record them. */
  areaNames: Record<string, string>;
}

/**
 * Claim values as API Gateway's JWT authorizer hands them over: every value a string, and an
 * array written as `[a b c]`. The local server passes claims in the same form.
 */
const claimList = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  const inner = /^\[(.*)\]$/s.exec(value.trim())?.[1] ?? value;
  return inner.split(/[\s,]+/).filter(Boolean);
};

const claimsSchema = z.object({
  sub: z.string().min(1),
  /** Cognito marks its access tokens; an ID token sent in their place is refused. */
  token_use: z.literal('access'),
  'cognito:groups': z.unknown().optional(),
});

/**
 * The identity in verified claims, or null when they are not an access token with a subject.
 * Unknown groups are ignored: a group added in Cognito grants nothing until the code knows it.
 */
export function identityFromClaims(claims: Record<string, unknown> | undefined): Identity | null {
  const parsed = claimsSchema.safeParse(claims ?? {});
  if (!parsed.success) return null;
  const roles = claimList(parsed.data['cognito:groups']).flatMap((group) => {
    const role = roleSchema.safeParse(group);
    return role.success ? [role.data] : [];
  });
  return { subject: parsed.data.sub, roles: [...new Set(roles)].sort() };
}

/** The actor: memberships count only where the token's groups give the matching role. */
export function actorOf(identity: Identity, memberships: Memberships): Actor {
  return {
    subject: identity.subject,
    label: memberships.label ?? 'Signed-in user',
    roles: identity.roles,
    outlets: identity.roles.includes('outlet_staff') ? [...memberships.outlets].sort() : [],
    areas: identity.roles.includes('commissioner') ? [...memberships.areas].sort() : [],
    areaNames: identity.roles.includes('commissioner') ? { ...memberships.areaNames } : {},
  };
}

/**
 * The outcome of an access check; `needs_outlet_area` (`needs_registration_area`) asks the caller to
 * look up the outlet's (the registration's) local authority and decide again.
 */
export type AccessDecision = 'allowed' | 'unauthorised' | 'forbidden' | 'needs_outlet_area' | 'needs_registration_area';

/**
 * What a route is about: the path's outlet, and its local authority once looked up (null if it has
 * none or does not exist); or a registration's local authority once looked up (null if it is not
 * known or the registration does not exist).
 */
export interface AccessTarget {
  outletId?: string;
  outletArea?: string | null;
  /** The local authority an area route is about (the path's `{code}`). */
  areaCode?: string;
  /** A registration's local authority, once looked up. */
  registrationArea?: string | null;
}

/** Whether `actor` may call a route with `access` on `target`. */
export function decideAccess(access: Access, actor: Actor | null, target: AccessTarget = {}): AccessDecision {
  if (access === 'public') return 'allowed';
  if (!actor) return 'unauthorised';
  if (access === 'signed_in' || actor.roles.includes('admin')) return 'allowed';
  if (access === 'area_read') return target.areaCode !== undefined && actor.areas.includes(target.areaCode) ? 'allowed' : 'forbidden';
  if (access === 'area_write') return target.areaCode !== undefined && actor.areas.includes(target.areaCode) ? 'allowed' : 'forbidden';
  if (access === 'moderator') return actor.areas.length > 0 ? 'allowed' : 'forbidden';
  if (access === 'area_moderator') {
    if (actor.areas.length === 0) return 'forbidden';
    if (target.registrationArea === undefined) return 'needs_registration_area';
    return target.registrationArea !== null && actor.areas.includes(target.registrationArea) ? 'allowed' : 'forbidden';
  }
  const { outletId } = target;
  if (outletId === undefined) return 'forbidden';
  if (actor.outlets.includes(outletId)) return 'allowed';
  if (access === 'outlet_write' || actor.areas.length === 0) return 'forbidden';
  // `outlet_read` and `outlet_or_area`: the commissioner of the outlet's area.
  if (target.outletArea === undefined) return 'needs_outlet_area';
  return target.outletArea !== null && actor.areas.includes(target.outletArea) ? 'allowed' : 'forbidden';
}
