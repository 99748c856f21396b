/**
 * What the infrastructure reads from the route table: which groups exist, which routes each serves
 * and how much of the table each may touch. Pure, so it is tested without synthesising anything.
 */
import { type Route, type RouteGroup, routeGroups, routes } from '../functions/routes.js';
import type { TableAccess } from './constructs/api-function.js';

/** Every route group, in the route table's order. */
export const allRouteGroups = (): RouteGroup[] => Object.keys(routeGroups) as RouteGroup[];

/** The routes one group serves. */
export const routesOf = (group: RouteGroup, table: readonly Route[] = routes): Route[] =>
  table.filter((route) => route.group === group);

/**
 * Least privilege from the route table itself: a group that only answers GET can only read, so a
 * bug in a public handler cannot change a listing.
 */
export const tableAccessOf = (group: RouteGroup, table: readonly Route[] = routes): TableAccess =>
  routesOf(group, table).every((route) => route.method === 'GET') ? 'read' : 'readWrite';

/**
 * A construct id per group (`public-api` → `PublicApi`). Derived from the group's name so that
 * logical ids stay stable across deploys as long as the group keeps its name.
 */
export const constructIdOf = (group: RouteGroup): string =>
  group
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
