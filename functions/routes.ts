/**
 * The one route table. The CDK stack builds the HTTP API from it (one Lambda per group) and the
 * local server serves the same handlers from it. Data only: no handler code is imported here, so
 * infrastructure code can read it without loading the runtime.
 */

/** Who may call a route: anyone, a signed-in outlet, or a signed-in commissioner. */
export type Access = 'public' | 'outlet' | 'commissioner';

/**
 * How much of the table a group's function may touch; the stack turns each into the exact DynamoDB
 * actions (`infra/constructs/api-function.ts`).
 * - `read`: GetItem, BatchGetItem and Query, on the table and its indexes.
 * - `append`: GetItem and PutItem on the table: read a listing and add a new item, never change or
 *   delete one.
 */
export type TableAccess = 'read' | 'append';

/** What the stack needs to know about one group. */
export interface RouteGroupDefinition {
  /** Shown in the console next to the generated function name. */
  description: string;
  /** Declared, not inferred from the methods: least privilege is a decision, written down here. */
  tableAccess: TableAccess;
}

/** Each group is one Lambda function, with its entry file in `functions/lambdas/<group>.ts`. */
export const routeGroups = {
  'public-api': { description: 'Public, read-only: find outlets and read a listing', tableAccess: 'read' },
  'public-reports': { description: 'Public: report a problem with a listing', tableAccess: 'append' },
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
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway HTTP API path, with `{name}` parameters. */
  path: string;
  group: RouteGroup;
  /** The handler's name in its group's entry file. */
  handler: string;
  access: Access;
  /** @default the stage's limits, which suit searches */
  throttle?: RouteThrottle;
}

/**
 * Each report is read by a person, and a real one takes a minute to write: a few a second across
 * the whole country is already far more than people send, while a script flooding the queue with
 * made-up reports is stopped long before the stage's limit.
 */
const reportThrottle: RouteThrottle = { rateLimit: 5, burstLimit: 10 };

export const routes = [
  { method: 'GET', path: '/outlets', group: 'public-api', handler: 'findOutlets', access: 'public' },
  { method: 'GET', path: '/outlets/{id}', group: 'public-api', handler: 'getOutlet', access: 'public' },
  { method: 'POST', path: '/reports', group: 'public-reports', handler: 'createReport', access: 'public', throttle: reportThrottle },
] as const satisfies readonly Route[];

export type RouteDefinition = (typeof routes)[number];

/** The API Gateway route key, e.g. `GET /outlets/{id}`. */
export const routeKey = (route: Pick<Route, 'method' | 'path'>): string => `${route.method} ${route.path}`;

/** The names of the handlers a group's entry file must export. */
export type HandlerNamesOf<G extends RouteGroup> = Extract<RouteDefinition, { group: G }>['handler'];

/** The first path segments the API owns (`/outlets`), so the CDN can send them to the API. */
export const apiPathPrefixes = (): string[] =>
  [...new Set(routes.map((route) => `/${route.path.split('/')[1]}`))].sort();
