/**
 * The route table's per-client limits as WAF rate-based rules: one per limited route, with the
 * table's numbers, and refused where WAF could not apply them as written.
 */
import { describe, expect, it } from 'vitest';
import { type Route, routeKey, routes } from '../../functions/routes.js';
import { clientLimitRules, pathPatternOf, wafRateLimits, wafRateRule } from '../../infra/client-limit-rules.js';

describe('pathPatternOf', () => {
  it('matches the route’s path exactly, each parameter standing for one segment', () => {
    // Prepare
    const pattern = new RegExp(pathPatternOf('/api/registrations/{id}'));
    const literal = new RegExp(pathPatternOf('/api/portal/areas/{code}/coverage.csv'));

    // Act
    const answers = ['/api/registrations/R1', '/api/registrations/', '/api/registrations/R1/x', '/api/registrationsX/R1'].map((path) => pattern.test(path));

    // Assess
    expect(answers).toEqual([true, false, false, false]);
    expect([literal.test('/api/portal/areas/E1/coverage.csv'), literal.test('/api/portal/areas/E1/coverageXcsv')]).toEqual([true, false]);
  });
});

describe('clientLimitRules', () => {
  it('gives every route with a per-client limit one rule with the route table’s numbers, and no other route any', () => {
    // Act
    const rules = clientLimitRules(routes);

    // Assess
    const limited = routes.filter((route) => 'clientLimit' in route);
    expect(rules.map((rule) => rule.routeKey)).toEqual(limited.map(routeKey));
    for (const route of limited) {
      const rule = rules.find((each) => each.routeKey === routeKey(route));
      expect(rule?.limit).toEqual(route.clientLimit);
      expect(new RegExp(rule?.pathPattern ?? '^$').test(route.path.replace(/\{[^}]+\}/g, 'X1'))).toBe(true);
    }
    expect(new Set(rules.map((rule) => rule.name)).size).toBe(rules.length);
    for (const { name } of rules) expect(name).toMatch(/^[A-Za-z0-9-]{1,128}$/);
  });

  it('covers searches, reading a listing, the sign-in settings, reports, registrations and reminder answers', () => {
    // Act
    const handlers = clientLimitRules(routes).map((rule) => routes.find((route) => routeKey(route) === rule.routeKey)?.handler);

    // Assess
    expect(handlers).toEqual(
      expect.arrayContaining(['findOutlets', 'getOutlet', 'getSignInSettings', 'createReport', 'createRegistration', 'checkRegistration', 'answerListingAction']),
    );
  });

  it('refuses a limit below WAF’s least count or with a window WAF does not have, naming the route', () => {
    // Prepare
    const route = (clientLimit: unknown): Route =>
      ({ method: 'POST', path: '/api/reports', group: 'public-reports', handler: 'createReport', access: 'public', clientLimit }) as Route;

    // Act
    const tooFew = () => clientLimitRules([route({ requests: wafRateLimits.minimumRequests - 1, windowSeconds: 60 })]);
    const oddWindow = () => clientLimitRules([route({ requests: 10, windowSeconds: 90 })]);

    // Assess
    expect(tooFew).toThrow(/POST \/api\/reports: a WAF rate-based rule counts at least 10 requests, not 9/);
    expect(oddWindow).toThrow(/POST \/api\/reports: a WAF rate-based rule's window is one of 60, 120, 300, 600 s, not 90/);
  });
});

describe('wafRateRule', () => {
  it('counts per client address within the route’s method and URL-decoded path, and answers 429 with Retry-After', () => {
    // Prepare
    const [rule] = clientLimitRules(routes.filter((route) => route.handler === 'createReport'));
    if (!rule) throw new Error('No rule for reports');

    // Act
    const property = wafRateRule(rule, 3);

    // Assess
    expect(property).toMatchObject({
      name: 'client-limit-post-api-reports',
      priority: 3,
      action: { block: { customResponse: { responseCode: 429, responseHeaders: [{ name: 'retry-after', value: String(rule.limit.windowSeconds) }] } } },
      statement: {
        rateBasedStatement: {
          aggregateKeyType: 'IP',
          limit: rule.limit.requests,
          evaluationWindowSec: rule.limit.windowSeconds,
          scopeDownStatement: {
            andStatement: {
              statements: [
                { byteMatchStatement: { fieldToMatch: { method: {} }, positionalConstraint: 'EXACTLY', searchString: 'POST' } },
                { regexMatchStatement: { fieldToMatch: { uriPath: {} }, regexString: '^/api/reports$', textTransformations: [{ priority: 0, type: 'URL_DECODE' }] } },
              ],
            },
          },
        },
      },
      visibilityConfig: { sampledRequestsEnabled: false },
    });
  });
});
