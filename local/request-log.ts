/**
 * What the local server's request lines say about a path. A path can hold whatever the client
 * put in it – a postcode, a point, a street – and logs never hold those: an API route is named by
 * its pattern from the route table (`/api/outlets/{id}`), a page or file the server found by its
 * path, and anything else by no path at all.
 */
import type { MethodNotAllowed, RouteMatch } from '../functions/shared/match-route.js';

export function pathForLog(match: RouteMatch | MethodNotAllowed | null, pathname: string, status: number): string {
  if (match && 'route' in match) return match.route.path;
  // Found: a page or file of the built site, or the local outbox, whose paths are the server's own.
  if (match === null && status < 400) return pathname;
  return '(path not logged)';
}
