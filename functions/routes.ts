/**
 * The one route table. The CDK stack builds the HTTP API from it (one Lambda per group) and the
 * local server serves the same handlers from it. Data only: no handler code is imported here, so
 * infrastructure code can read it without loading the runtime.
 */

import { apiPrefix } from './contract/web-policy.js';

/**
 * Who may call a route. Every level but `public` needs a verified token (the HTTP API's JWT
 * authorizer on AWS, the local server's check locally); the group entry then decides from the
 * caller's roles (token groups) and memberships (DynamoDB), see `core/access.ts`.
 * - `public`: anyone, no token.
 * - `signed_in`: anyone signed in.
 * - `outlet_read`: the staff of the outlet named by the path's `{id}`, the commissioner of its
 *   local authority, or an administrator.
 * - `outlet_write`: the staff of the outlet named by `{id}`, or an administrator. Commissioners
 *   read an outlet's records but do not write the outlet's own facts (stock, kits given out).
 * - `outlet_or_area`: as `outlet_read`, for the few writes an outlet and its commissioner share
 *   (dealing with a problem report from the public; confirming a listing the commissioner has
 *   checked with the outlet, such as an imported one, which starts unconfirmed).
 * - `area_read`: the commissioner of the local authority named by the path's `{code}`, or an
 *   administrator. An outlet's staff do not see their area's other listings.
 * - `area_write`: the same people, changing what belongs to the area (its estimate, its imports).
 * - `moderator`: a commissioner of at least one local authority, or an administrator: the
 *   registration queue, which answers each with their own areas' registrations (all, for an
 *   administrator).
 * - `area_moderator`: the commissioner of the local authority of the registration named by `{id}`,
 *   or an administrator. A registration whose local authority is not known is for administrators.
 */
export type Access =
  | 'public'
  | 'signed_in'
  | 'outlet_read'
  | 'outlet_write'
  | 'outlet_or_area'
  | 'area_read'
  | 'area_write'
  | 'moderator'
  | 'area_moderator';

/**
 * How much of the table a group's function may touch; the stack turns each into the exact DynamoDB
 * actions (`infra/constructs/api-function.ts`).
 * - `read`: GetItem, BatchGetItem and Query, on the table and its indexes.
 * - `append`: GetItem and PutItem on the table: read a listing and add a new item, never change or
 *   delete one; and UpdateItem of one attribute only, a listing's count of "no kits" reports.
 * - `write`: `read` on the table (not its indexes) plus PutItem, UpdateItem and DeleteItem: the
 *   portal's conditional writes, counters and idempotency records.
 * - `manage`: `write`, and Query on the indexes: an area's dashboard reads the area and search
 *   indexes and imports listings.
 */
export type TableAccess = 'read' | 'append' | 'write' | 'manage';

/** What the stack needs to know about one group. */
export interface RouteGroupDefinition {
  /** Shown in the console next to the generated function name. */
  description: string;
  /** Declared, not inferred from the methods: least privilege is a decision, written down here. */
  tableAccess: TableAccess;
  /**
   * Whether the group's function is told where people sign in (the `AUTH_*` settings of
   * `shared/config.ts`): the portal's, which answers `GET /api/sign-in`.
   * @default false
   */
  signIn?: boolean;
  /**
   * Whether the group's function holds the keys of readiness reminders' links (the stack's secret
   * on AWS, `LINK_KEYS` locally): only the group that checks them.
   * @default false
   */
  linkKeys?: boolean;
  /**
   * The function's memory and time limit, where the group's work needs more than the defaults
   * (`ApiFunction`: 512 MB, 10 s).
   */
  resources?: { memoryMb: number; timeoutSeconds: number };
  /**
   * Whether the group's function sends email (through Amazon SES, from the stack's sender) and
   * links to the site in it: the portal's, which tells registrants what was decided.
   * @default false
   */
  sendsEmail?: boolean;
  /**
   * Whether the group's function makes portal accounts (Cognito's AdminCreateUser, AdminGetUser and
   * AdminAddUserToGroup on the user pool): the portal's, when a registration is approved.
   * @default false
   */
  managesAccounts?: boolean;
  /**
   * The function's reserved concurrency on AWS: at most this many copies run at once, and they are
   * set aside from the account's pool. Declared on the groups that write, so that a flood of
   * reports or registrations queues behind its own cap instead of taking the concurrency searches
   * need. Per-route throttles (`Route.throttle`) still apply in front of it. The stack leaves it
   * off where the account cannot set any aside (`-c reservedConcurrency=false`: new accounts start
   * with a concurrency limit of 10, and Lambda keeps 100 unreserved).
   * @default none: the function shares the account's unreserved pool
   */
  reservedConcurrency?: number;
}

/** Each group is one Lambda function, with its entry file in `functions/lambdas/<group>.ts`. */
export const routeGroups = {
  'public-api': { description: 'Public, read-only: find outlets and read a listing', tableAccess: 'read' },
  // A report takes well under a second, so 5 at once carry far more than the route's 5 a second.
  'public-reports': { description: 'Public: report a problem with a listing', tableAccess: 'append', reservedConcurrency: 5 },
  area: {
    description: 'Signed in: local authorities monitor supply, coverage and listings, and import listings',
    tableAccess: 'manage',
    // Coverage measures every postcode of an area three times; an upload may hold 5,000 rows.
    // API Gateway answers no later than 30 s, so the function stops before then.
    resources: { memoryMb: 1769, timeoutSeconds: 28 },
    // A coverage or an import can run for most of 28 s; 152 local authorities rarely run ten at once.
    reservedConcurrency: 10,
  },
  portal: {
    description: 'Signed in: outlets keep their listings, stock and records; commissioners decide on registrations',
    tableAccess: 'write',
    signIn: true,
    sendsEmail: true,
    managesAccounts: true,
    // Every outlet's staff and commissioner share it; a busy morning is tens of people, not hundreds.
    reservedConcurrency: 20,
  },
  // Writes: a registration is sent again after changes (an update), and its Idempotency-Key record
  // is kept with Powertools (put, update, delete).
  'public-registrations': {
    description: 'Public: register an outlet or an emergency cabinet, and change it when asked',
    tableAccess: 'write',
    reservedConcurrency: 5,
  },
  // Public, but it changes listings (as the portal's one tap does) on the strength of a signed link.
  'listing-actions': {
    description: 'Public: answer a readiness reminder by one of its signed one-tap links',
    tableAccess: 'write',
    linkKeys: true,
    reservedConcurrency: 5,
  },
  'open-data': { description: 'Public open data: published listings as Open Referral UK (HSDS 3.0)', tableAccess: 'read' },
} as const satisfies Record<string, RouteGroupDefinition>;
export type RouteGroup = keyof typeof routeGroups;

/** A route's own limit, below the API stage's default; API Gateway applies it across all callers. */
export interface RouteThrottle {
  /** Steady requests per second. */
  rateLimit: number;
  /** Requests allowed at once above the steady rate. */
  burstLimit: number;
}

export interface Route {
  /** `OPTIONS` only for the CORS preflight of a route that declares `crossOrigin`. */
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
  /** API Gateway HTTP API path, with `{name}` parameters; always under `apiPrefix`. */
  path: string;
  group: RouteGroup;
  /** The handler's name in its group's entry file. */
  handler: string;
  access: Access;
  /** @default the stage's limits, which suit searches */
  throttle?: RouteThrottle;
  /**
   * How many requests one client (one address) may make in a window. The local server enforces
   * it in memory, keyed by a salted hash of the address (never the address itself); on AWS it is a
   * WAF rate-based rule. @default no per-client limit
   */
  clientLimit?: ClientLimit;
  /**
   * `any`: pages of any site may read the answers (`Access-Control-Allow-Origin: *` on every answer,
   * errors included, see `shared/cross-origin.ts`). Only for public data that needs no credentials.
   * Declared here, per route, rather than as the HTTP API's CORS setting, which would cover every
   * route, the portal's included, and make API Gateway drop the functions' own CORS headers.
   * @default same origin only
   */
  crossOrigin?: 'any';
  /**
   * Whether the route takes request bodies over 8 KB. On AWS the WAF's managed Common rule set
   * blocks larger bodies (its `SizeRestrictions_BODY` rule); the web ACL lets these routes' through
   * (`infra/constructs/edge-firewall.ts`). The commissioners' listing import (an upload may hold
   * 5,000 rows), and every route that takes a listing's opening hours: with the 100 dated exceptions
   * the contract allows, hours alone can pass 8 KB. @default false
   */
  largeBody?: true;
}

/**
 * A per-client limit: at most `requests` in any `windowSeconds`. On AWS each becomes a WAF
 * rate-based rule (`infra/client-limit-rules.ts`), which only takes windows of 60, 120, 300 or 600
 * seconds and at least 10 requests: the stack refuses any other, so a limit here is never quietly
 * changed on its way to AWS.
 */
export interface ClientLimit {
  requests: number;
  windowSeconds: 60 | 120 | 300 | 600;
}

/**
 * Each report is read by a person, and a real one takes a minute to write: a few a second across
 * the whole country is already far more than people send, while a script flooding the queue with
 * made-up reports is stopped long before the stage's limit.
 */
const reportThrottle: RouteThrottle = { rateLimit: 5, burstLimit: 10 };

/** A person reports a place or two; ten in ten minutes from one address is a script. */
const reportClientLimit: ClientLimit = { requests: 10, windowSeconds: 600 };

/** Registrations are rarer still than reports, and each is read by a person: the same low limits. */
const registrationThrottle: RouteThrottle = reportThrottle;
const registrationClientLimit: ClientLimit = reportClientLimit;
/** Each press of a reminder's button is a person; a burst of them is not. */
const linkActionThrottle: RouteThrottle = { rateLimit: 5, burstLimit: 10 };

/** An outlet's contact answers one email with one press; more than twenty from one address in ten minutes is a script. */
const linkActionClientLimit: ClientLimit = { requests: 20, windowSeconds: 600 };

/**
 * Finding outlets and reading a listing: a person searches a few times and opens a few listings a
 * minute. One address can be a whole mobile network's NAT, a hostel's or a drug service's wifi, so
 * the limit is generous: 600 in five minutes (2 a second, held for five minutes) is a script
 * copying the listings, and it leaves one address at most 1/25 of the stage's 50 a second.
 */
const searchClientLimit: ClientLimit = { requests: 600, windowSeconds: 300 };

/**
 * The portal's sign-in settings, read once each time someone starts to sign in; the sign-in itself
 * happens at Cognito's managed login, outside this API (its limits: `managed-login-limits.ts`).
 * Thirty starts in ten minutes from one address is a script (an office of commissioners behind one
 * address still fits).
 */
const signInClientLimit: ClientLimit = { requests: 30, windowSeconds: 600 };

const api = <P extends string>(path: P) => `${apiPrefix}${path}` as const;

/**
 * An open data route (a public GET that any site may read) with its CORS preflight: an OPTIONS
 * route on the same path, answered by the group's `answerPreflight`. Declared as a pair, so the
 * HTTP API built from this table never has one without the other.
 */
const openDataRoute = <P extends string, H extends string>(path: P, handler: H) =>
  [
    { method: 'GET', path: api(path), group: 'open-data', handler, access: 'public', crossOrigin: 'any' },
    { method: 'OPTIONS', path: api(path), group: 'open-data', handler: 'answerPreflight', access: 'public', crossOrigin: 'any' },
  ] as const;

export const routes = [
  { method: 'GET', path: api('/outlets'), group: 'public-api', handler: 'findOutlets', access: 'public', clientLimit: searchClientLimit },
  { method: 'GET', path: api('/outlets/{id}'), group: 'public-api', handler: 'getOutlet', access: 'public', clientLimit: searchClientLimit },
  { method: 'POST', path: api('/reports'), group: 'public-reports', handler: 'createReport', access: 'public', throttle: reportThrottle, clientLimit: reportClientLimit },
  { method: 'GET', path: api('/sign-in'), group: 'portal', handler: 'getSignInSettings', access: 'public', clientLimit: signInClientLimit },
  { method: 'GET', path: api('/me'), group: 'portal', handler: 'getMe', access: 'signed_in' },
  { method: 'GET', path: api('/portal/outlets/{id}'), group: 'portal', handler: 'getPortalOutlet', access: 'outlet_read' },
  { method: 'PATCH', path: api('/portal/outlets/{id}'), group: 'portal', handler: 'editPortalOutlet', access: 'outlet_write', largeBody: true },
  { method: 'PUT', path: api('/portal/outlets/{id}/stock'), group: 'portal', handler: 'setStock', access: 'outlet_write' },
  { method: 'POST', path: api('/portal/outlets/{id}/confirmations'), group: 'portal', handler: 'confirmListing', access: 'outlet_or_area' },
  { method: 'POST', path: api('/portal/outlets/{id}/supplies'), group: 'portal', handler: 'recordSupply', access: 'outlet_write' },
  { method: 'GET', path: api('/portal/outlets/{id}/supplies'), group: 'portal', handler: 'listSupplies', access: 'outlet_read' },
  { method: 'POST', path: api('/portal/outlets/{id}/batches'), group: 'portal', handler: 'addBatch', access: 'outlet_write' },
  { method: 'GET', path: api('/portal/outlets/{id}/batches'), group: 'portal', handler: 'listBatches', access: 'outlet_read' },
  { method: 'GET', path: api('/portal/outlets/{id}/history'), group: 'portal', handler: 'getHistory', access: 'outlet_read' },
  { method: 'GET', path: api('/portal/outlets/{id}/reports'), group: 'portal', handler: 'listOutletReports', access: 'outlet_read' },
  { method: 'PATCH', path: api('/portal/outlets/{id}/reports/{reportId}'), group: 'portal', handler: 'updateReport', access: 'outlet_or_area' },
  { method: 'GET', path: api('/portal/areas/{code}'), group: 'area', handler: 'getAreaOverview', access: 'area_read' },
  { method: 'GET', path: api('/portal/areas/{code}/supplies'), group: 'area', handler: 'getAreaSupplies', access: 'area_read' },
  { method: 'PUT', path: api('/portal/areas/{code}/estimate'), group: 'area', handler: 'setAreaEstimate', access: 'area_write' },
  { method: 'GET', path: api('/portal/areas/{code}/batches'), group: 'area', handler: 'getAreaBatches', access: 'area_read' },
  { method: 'GET', path: api('/portal/areas/{code}/coverage'), group: 'area', handler: 'getAreaCoverage', access: 'area_read' },
  { method: 'GET', path: api('/portal/areas/{code}/coverage.csv'), group: 'area', handler: 'getAreaCoverageCsv', access: 'area_read' },
  { method: 'POST', path: api('/portal/areas/{code}/imports'), group: 'area', handler: 'importAreaListings', access: 'area_write', largeBody: true },
  { method: 'PUT', path: api('/portal/outlets/{id}/cabinet'), group: 'portal', handler: 'setCabinetStatus', access: 'outlet_write' },
  // Registrations: the public registers; the commissioner of the area (or an administrator) decides.
  { method: 'POST', path: api('/registrations/checks'), group: 'public-registrations', handler: 'checkRegistration', access: 'public', throttle: registrationThrottle, clientLimit: registrationClientLimit, largeBody: true },
  { method: 'POST', path: api('/registrations'), group: 'public-registrations', handler: 'createRegistration', access: 'public', throttle: registrationThrottle, clientLimit: registrationClientLimit, largeBody: true },
  // With the single-purpose secret from the emailed link, not a sign-in: see `core/registration-links.ts`.
  { method: 'GET', path: api('/registrations/{id}'), group: 'public-registrations', handler: 'getOwnRegistration', access: 'public', throttle: registrationThrottle, clientLimit: registrationClientLimit },
  { method: 'PUT', path: api('/registrations/{id}'), group: 'public-registrations', handler: 'resubmitRegistration', access: 'public', throttle: registrationThrottle, clientLimit: registrationClientLimit, largeBody: true },
  { method: 'GET', path: api('/portal/registrations'), group: 'portal', handler: 'listRegistrations', access: 'moderator' },
  { method: 'GET', path: api('/portal/registrations/{id}'), group: 'portal', handler: 'getRegistration', access: 'area_moderator' },
  { method: 'POST', path: api('/portal/registrations/{id}/decisions'), group: 'portal', handler: 'decideRegistration', access: 'area_moderator' },
  // Readiness reminders: the listings of an area nobody confirmed in time.
  { method: 'GET', path: api('/portal/areas/{code}/attention'), group: 'area', handler: 'listAreaAttention', access: 'area_read' },
  // Readiness reminders: the links' page and button.
  { method: 'GET', path: api('/listing-actions'), group: 'listing-actions', handler: 'previewListingAction', access: 'public' },
  {
    method: 'POST',
    path: api('/listing-actions'),
    group: 'listing-actions',
    handler: 'answerListingAction',
    access: 'public',
    throttle: linkActionThrottle,
    clientLimit: linkActionClientLimit,
  },
  // Open data, following Open Referral UK (HSDS 3.0): the root endpoint (HSDS's `/`, also at
  // `/api/hsds/` through `apiPathAliases`), services and services at locations.
  ...openDataRoute('/hsds', 'getHsdsRoot'),
  ...openDataRoute('/hsds/services', 'listHsdsServices'),
  ...openDataRoute('/hsds/services/{id}', 'getHsdsService'),
  ...openDataRoute('/hsds/service_at_locations', 'listHsdsServiceAtLocations'),
] as const satisfies readonly Route[];

export type RouteDefinition = (typeof routes)[number];

/** The API Gateway route key, e.g. `GET /outlets/{id}`. */
export const routeKey = (route: Pick<Route, 'method' | 'path'>): string => `${route.method} ${route.path}`;

/** The names of the handlers a group's entry file must export. */
export type HandlerNamesOf<G extends RouteGroup> = Extract<RouteDefinition, { group: G }>['handler'];

/** The names of the handlers of a group's routes with the given access. */
export type HandlerNamesWith<G extends RouteGroup, A extends Access> = Extract<RouteDefinition, { group: G; access: A }>['handler'];
