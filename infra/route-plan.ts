/**
 * What the infrastructure reads from the route table: which groups exist and how much of the
 * table each may touch. Pure, so it is tested without synthesising anything.
 */
import { type RouteGroup, routeGroups, type TableAccess } from '../functions/routes.js';

/** Every route group, in the route table's order. */
export const allRouteGroups = (): RouteGroup[] => Object.keys(routeGroups) as RouteGroup[];

/** How much of the table a group may touch, as the route table declares it. */
export const tableAccessOf = (group: RouteGroup): TableAccess => routeGroups[group].tableAccess;

/**
 * A construct id per group (`public-api` → `PublicApi`). Derived from the group's name so that
 * logical ids stay stable across deploys as long as the group keeps its name.
 */
export const constructIdOf = (group: RouteGroup): string =>
  group
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
