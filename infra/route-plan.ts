/**
 * What the infrastructure reads from the route table: which groups exist, how much of the table
 * each may touch and which are told where people sign in. Pure, so it is tested without
 * synthesising anything.
 */
import { Duration } from 'aws-cdk-lib';
import { placeNamesFile } from '../functions/core/place-names.js';
import { type RouteGroup, type RouteGroupDefinition, routeGroups, routes, type TableAccess } from '../functions/routes.js';

/** Every route group, in the route table's order. */
export const allRouteGroups = (): RouteGroup[] => Object.keys(routeGroups) as RouteGroup[];

const definitionOf = (group: RouteGroup): RouteGroupDefinition => routeGroups[group];

/** How much of the table a group may touch, as the route table declares it. */
export const tableAccessOf = (group: RouteGroup): TableAccess => definitionOf(group).tableAccess;

/**
 * Whether a group's function gets the sign-in settings (`ApiFunction.bindSignIn`), as the route
 * table declares it: read from the declaration, not guessed from the group's routes, so that a
 * public group never holds settings it does not use.
 */
export const needsSignInOf = (group: RouteGroup): boolean => definitionOf(group).signIn === true;

/** Whether a group's function holds the reminder links' keys (`ApiFunction.bindLinkKeys`), as the route table declares it. */
export const needsLinkKeysOf = (group: RouteGroup): boolean => definitionOf(group).linkKeys === true;

/**
 * A construct id per group (`public-api` → `PublicApi`). Derived from the group's name so that
 * logical ids stay stable across deploys as long as the group keeps its name.
 */
export const constructIdOf = (group: RouteGroup): string =>
  group
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');

/** The memory and time limit a group declares, as `ApiFunction` props; none when it takes the defaults. */
export function resourcesOf(group: RouteGroup): { memorySize?: number; timeout?: Duration } {
  const { resources } = definitionOf(group);
  return resources ? { memorySize: resources.memoryMb, timeout: Duration.seconds(resources.timeoutSeconds) } : {};
}

/** Whether a group's function sends email and links to the site (`ApiFunction.bindEmail`), as the route table declares it. */
export const sendsEmailOf = (group: RouteGroup): boolean => definitionOf(group).sendsEmail === true;

/** Whether a group's function makes portal accounts (`ApiFunction.bindAccounts`), as the route table declares it. */
export const managesAccountsOf = (group: RouteGroup): boolean => definitionOf(group).managesAccounts === true;

/** The reserved concurrency a group declares, if any (`RouteGroupDefinition.reservedConcurrency`). */
export const reservedConcurrencyOf = (group: RouteGroup): number | undefined => definitionOf(group).reservedConcurrency;

/**
 * The data files a group's function reads from beside its bundle (`ApiFunctionProps.filesBesideBundle`):
 * the town and area names for the group that answers searches (`findOutlets`), and nothing for the rest.
 */
export const filesBesideBundleOf = (group: RouteGroup): readonly string[] =>
  routes.some((route) => route.group === group && route.handler === 'findOutlets') ? [placeNamesFile] : [];
