/**
 * One Lambda serves one route group: this turns the group's handlers into the function's handler,
 * choosing by the event's route key, from the route table.
 */
import { type HandlerNamesOf, type RouteGroup, routeKey, routes } from '../routes.js';
import { notFound } from './errors.js';
import { type ApiHandler, handled } from './http.js';

/** The handler of one Lambda: `handlers` must name exactly the group's handlers in the route table. */
export function groupHandler<G extends RouteGroup>(group: G, handlers: Record<HandlerNamesOf<G>, ApiHandler>): ApiHandler {
  const byRouteKey = new Map<string, ApiHandler>();
  for (const route of routes) {
    if (route.group !== group) continue;
    const handler = (handlers as Record<string, ApiHandler | undefined>)[route.handler];
    if (!handler) throw new Error(`Group ${group} has no handler ${route.handler}`);
    byRouteKey.set(routeKey(route), handled(route.handler, handler));
  }
  return handled(group, async (event) => {
    const handler = byRouteKey.get(event.routeKey);
    if (!handler) throw notFound('There is no such page');
    return handler(event);
  });
}
