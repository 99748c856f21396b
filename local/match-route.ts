/**
 * Matches a request to the route table the way API Gateway HTTP API does: `{name}` matches one
 * path segment, literal segments match exactly.
 */
import { type RouteDefinition, routes } from '../functions/routes.js';

export interface RouteMatch {
  route: RouteDefinition;
  pathParameters: Record<string, string>;
}

function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const parameters: Record<string, string> = {};
  for (const [index, segment] of want.entries()) {
    const actual = got[index] ?? '';
    const name = /^\{(\w+)\}$/.exec(segment)?.[1];
    if (name) {
      if (actual === '') return null;
      try {
        parameters[name] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (segment !== actual) {
      return null;
    }
  }
  return parameters;
}

/**
 * The route for a method and path; `null` when no route has this path, or `'method_not_allowed'`
 * when a route has the path but not the method.
 */
export function matchRoute(method: string, path: string): RouteMatch | 'method_not_allowed' | null {
  let pathKnown = false;
  for (const route of routes) {
    const pathParameters = matchPath(route.path, path);
    if (!pathParameters) continue;
    pathKnown = true;
    if (route.method === method) return { route, pathParameters };
  }
  return pathKnown ? 'method_not_allowed' : null;
}
