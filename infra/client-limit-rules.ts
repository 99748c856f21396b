/**
 * The WAF rate-based rules that apply the route table's per-client limits (`clientLimit`) on AWS,
 * one per limited route, so the numbers live in the route table alone and the local server
 * (`local/client-limits.ts`) applies the same ones. Pure, so it is tested without synthesising.
 *
 * How honestly a route table limit maps onto WAF:
 * - the window and the count carry over exactly: WAF takes windows of 60, 120, 300 or 600 s (the
 *   `ClientLimit` type allows nothing else) and at least 10 requests (`wafRateRule` refuses fewer);
 * - per client address, as locally: WAF on CloudFront sees the viewer's address;
 * - one rule per route, as the local limiter keys its counts by route: the four registration routes
 *   each allow their own 10, not 10 between them;
 * - but WAF is not exact where the local limiter is: it checks each address's count every few
 *   seconds, so a fast burst can pass the limit before the block starts, and the block lasts until
 *   the count in the window falls back under the limit rather than request by request. It stops
 *   floods, not the 11th report. `Retry-After` says the whole window, the longest the wait can be.
 */
import type { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { type ClientLimit, type Route, routeKey } from '../functions/routes.js';

/** What a rate-based rule takes (AWS WAF developer guide, "Rate-based rule high-level settings"). */
export const wafRateLimits = { minimumRequests: 10, windows: [60, 120, 300, 600] } as const;

/** The key of the web ACL's custom response body a rate-based block answers with. */
export const tooManyRequestsBodyKey = 'too-many-requests';

/** One limited route, as the web ACL limits it. */
export interface ClientLimitRule {
  /** The WAF rule's name, also its metric's: `client-limit-<method>-<path>`. */
  readonly name: string;
  /** The route key it limits, e.g. `POST /api/reports`. */
  readonly routeKey: string;
  readonly method: Route['method'];
  /** The route's path as a regular expression, `{name}` parameters standing for one segment. */
  readonly pathPattern: string;
  readonly limit: ClientLimit;
}

/** The regular expression of an API Gateway path: literal text, each `{name}` one path segment. */
export function pathPatternOf(path: string): string {
  const literal = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  return `^${path
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? '[^/]+' : literal(part)))
    .join('')}$`;
}

/** A WAF rule name (and metric name) for a route: letters, digits, hyphens only. */
const ruleNameOf = (route: Pick<Route, 'method' | 'path'>) =>
  `client-limit-${route.method.toLowerCase()}-${route.path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;

/** Every route with a per-client limit, as a rule; throws for a limit WAF cannot apply as written. */
export function clientLimitRules(routes: readonly Route[]): ClientLimitRule[] {
  return routes.flatMap((route) => {
    if (!route.clientLimit) return [];
    const { requests, windowSeconds } = route.clientLimit;
    if (requests < wafRateLimits.minimumRequests || !Number.isInteger(requests)) {
      throw new Error(`${routeKey(route)}: a WAF rate-based rule counts at least ${wafRateLimits.minimumRequests} requests, not ${requests}`);
    }
    if (!(wafRateLimits.windows as readonly number[]).includes(windowSeconds)) {
      throw new Error(`${routeKey(route)}: a WAF rate-based rule's window is one of ${wafRateLimits.windows.join(', ')} s, not ${windowSeconds}`);
    }
    return [{ name: ruleNameOf(route), routeKey: routeKey(route), method: route.method, pathPattern: pathPatternOf(route.path), limit: route.clientLimit }];
  });
}

/**
 * The web ACL rule for one limited route: a rate-based statement per client address, scoped down
 * to the route's method and path, that answers 429 with the API's error body and `Retry-After`.
 *
 * Metrics on, sampled requests off: samples hold the client's address (see `EdgeFirewall` on
 * logging).
 */
export function wafRateRule(rule: ClientLimitRule, priority: number): CfnWebACL.RuleProperty {
  return {
    name: rule.name,
    priority,
    action: {
      block: {
        customResponse: {
          responseCode: 429,
          customResponseBodyKey: tooManyRequestsBodyKey,
          responseHeaders: [{ name: 'retry-after', value: String(rule.limit.windowSeconds) }],
        },
      },
    },
    statement: {
      rateBasedStatement: {
        aggregateKeyType: 'IP',
        limit: rule.limit.requests,
        evaluationWindowSec: rule.limit.windowSeconds,
        scopeDownStatement: routeMatchStatement(rule),
      },
    },
    visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: rule.name, sampledRequestsEnabled: false },
  };
}

/**
 * A statement matching one route: its method exactly, and its path after URL-decoding, so that
 * `/api/report%73` counts as `/api/reports` whether or not API Gateway would route it there.
 */
export function routeMatchStatement(route: { method: Route['method']; pathPattern: string }): CfnWebACL.StatementProperty {
  return {
    andStatement: {
      statements: [
        methodMatchStatement(route.method),
        {
          regexMatchStatement: {
            fieldToMatch: { uriPath: {} },
            regexString: route.pathPattern,
            textTransformations: [{ priority: 0, type: 'URL_DECODE' }],
          },
        },
      ],
    },
  };
}

/** A statement matching requests of one HTTP method, exactly. */
export function methodMatchStatement(method: Route['method']): CfnWebACL.StatementProperty {
  return {
    byteMatchStatement: {
      fieldToMatch: { method: {} },
      positionalConstraint: 'EXACTLY',
      searchString: method,
      textTransformations: [{ priority: 0, type: 'NONE' }],
    },
  };
}
