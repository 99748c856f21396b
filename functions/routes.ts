/**
 * The one route table. The CDK stack builds the HTTP API from it (one Lambda per group) and the
 * local server serves the same handlers from it. Data only: no handler code is imported here, so
 * infrastructure code can read it without loading the runtime.
 */

/** Who may call a route: anyone, a signed-in outlet, or a signed-in commissioner. */
export type Access = 'public' | 'outlet' | 'commissioner';

/** Each group is one Lambda function, with its entry file in `functions/lambdas/<group>.ts`. */
export const routeGroups = {
  'public-api': { description: 'Public, read-only: find outlets and read a listing' },
  'public-reports': { description: 'Public: report a problem with a listing' },
} as const;
export type RouteGroup = keyof typeof routeGroups;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway HTTP API path, with `{name}` parameters. */
  path: string;
  group: RouteGroup;
  /** The handler's name in its group's entry file. */
  handler: string;
  access: Access;
}

export const routes = [
  { method: 'GET', path: '/outlets', group: 'public-api', handler: 'findOutlets', access: 'public' },
  { method: 'GET', path: '/outlets/{id}', group: 'public-api', handler: 'getOutlet', access: 'public' },
  { method: 'POST', path: '/reports', group: 'public-reports', handler: 'createReport', access: 'public' },
] as const satisfies readonly Route[];

export type RouteDefinition = (typeof routes)[number];

/** The API Gateway route key, e.g. `GET /outlets/{id}`. */
export const routeKey = (route: Pick<Route, 'method' | 'path'>): string => `${route.method} ${route.path}`;

/** The names of the handlers a group's entry file must export. */
export type HandlerNamesOf<G extends RouteGroup> = Extract<RouteDefinition, { group: G }>['handler'];

/** The first path segments the API owns (`/outlets`), so the CDN can send them to the API. */
export const apiPathPrefixes = (): string[] =>
  [...new Set(routes.map((route) => `/${route.path.split('/')[1]}`))].sort();
