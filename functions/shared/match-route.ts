/**
 * Matches a request to the route table the way API Gateway HTTP API does: `{name}` matches one
 * path segment, literal segments match exactly. The local server routes every request with it;
 * on AWS, the API's `$default` route (a request no route took) uses it to say why.
 */
import { type RouteDefinition, routes } from '../routes.js';

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

/** A path some routes have, but not with the method asked: the methods it has, for `Allow`. */
export interface MethodNotAllowed {
  allow: string[];
}

/**
 * The route for a method and path; `null` when no route has this path, or the methods the path
 * has when a route has the path but not the method.
 */
export function matchRoute(method: string, path: string): RouteMatch | MethodNotAllowed | null {
  const allow: string[] = [];
  for (const route of routes) {
    const pathParameters = matchPath(route.path, path);
    if (!pathParameters) continue;
    if (route.method === method) return { route, pathParameters };
    if (!allow.includes(route.method)) allow.push(route.method);
  }
  return allow.length > 0 ? { allow } : null;
}
