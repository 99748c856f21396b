/**
 * The demo accounts of the local sign-in service: made-up people, with `example.org` addresses, who
 * stand for each kind of portal user. Their outlets are real pharmacies of the demo data
 * (`data/gm-pharmacies-2025q1.geojson`, by ODS code), so the portal shows real listings.
 *
 * Their groups live here (as Cognito keeps groups in the user pool); their outlets and areas are
 * written to DynamoDB as memberships when the demo is loaded (`seed-demo.ts`), as the portal's
 * administrators will grant them on AWS.
 */
import type { Role } from '../functions/contract/me.js';
import { uuidV5 } from '../functions/core/name-based-uuid.js';

/** Namespace of the demo users' subjects (a random UUID, fixed once). */
const demoUserNamespace = '5f0c7d2e-8a41-4b6f-9c3d-2e7a1b9f4c60';

/** A local authority someone commissions for. */
export interface DemoArea {
  /** ONS (GSS) code. */
  code: string;
  name: string;
}

export interface DemoUser {
  /** A short handle for scripts and tests: `npm run token -- --user asha`. */
  user: string;
  email: string;
  /** Display name, as the portal shows it in change history. */
  name: string;
  /** Cognito groups: what the person may do. */
  groups: Role[];
  /** ODS codes of the outlets they are staff of. */
  outlets: string[];
  areas: DemoArea[];
}

const manchester: DemoArea = { code: 'E08000003', name: 'Manchester' };
const trafford: DemoArea = { code: 'E08000009', name: 'Trafford' };

/**
 * - `asha`: staff of two Boots pharmacies in Manchester (Piccadilly, and Piccadilly Station).
 * - `ben`: staff of one pharmacy in Stretford, Trafford: outside Chloe's area.
 * - `chloe`: commissions naloxone for Manchester.
 * - `dami`: an administrator.
 * - `tariq`: commissions naloxone for Trafford. The demo's postcode data is Trafford's, so a
 *   registration with a full postcode there (M15 4AB, M32 0XX…) goes to him; one elsewhere in
 *   Manchester is known only by its district and goes to the administrators.
 */
export const demoUsers: readonly DemoUser[] = [
  { user: 'asha', email: 'asha.patel@example.org', name: 'Asha Patel', groups: ['outlet_staff'], outlets: ['FD532', 'FEX27'], areas: [] },
  { user: 'ben', email: 'ben.okafor@example.org', name: 'Ben Okafor', groups: ['outlet_staff'], outlets: ['FN831'], areas: [] },
  { user: 'chloe', email: 'chloe.davies@example.org', name: 'Chloe Davies', groups: ['commissioner'], outlets: [], areas: [manchester] },
  { user: 'dami', email: 'dami.adeyemi@example.org', name: 'Dami Adeyemi', groups: ['admin'], outlets: [], areas: [] },
  { user: 'tariq', email: 'tariq.hussain@example.org', name: 'Tariq Hussain', groups: ['commissioner'], outlets: [], areas: [trafford] },
];

/** The `sub` of a person with this email address: the same on every machine and every start. */
export function subjectOf(email: string): string {
  return uuidV5(demoUserNamespace, `user:${email.trim().toLowerCase()}`);
}

/** The demo user with this email address (any case); undefined if the address has no account. */
export function demoUserWithEmail(email: string): DemoUser | undefined {
  const wanted = email.trim().toLowerCase();
  return demoUsers.find((user) => user.email === wanted);
}

/** A demo user by handle, email address (any case) or subject; undefined if there is none. */
export function findDemoUser(key: string): DemoUser | undefined {
  const wanted = key.trim().toLowerCase();
  return demoUsers.find((user) => user.user === wanted || user.email === wanted || subjectOf(user.email) === wanted);
}
