/**
 * Abuse and availability, on the synthesised app: the edge firewall in us-east-1 on the
 * distribution (rate rules equal to the route table's per-client limits, AWS managed rules, no
 * logs, an alarm), the origin secret CloudFront sends and every API function checks, no public API
 * address, reserved concurrency on the writing functions, and the user pool's own firewall for
 * managed login.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tooManyRequestsBody } from '../../functions/contract/error.js';
import { originVerifyHeader } from '../../functions/contract/origin-verify.js';
import { managedLoginClientLimits, managedLoginLimitPage } from '../../functions/managed-login-limits.js';
import { openingHoursSchema } from '../../functions/contract/outlet.js';
import { type Route, type RouteGroup, routeGroups, routeKey, routes } from '../../functions/routes.js';
import { pathPatternOf } from '../../infra/client-limit-rules.js';
import { bodySizeLabel } from '../../infra/constructs/edge-firewall.js';
import { allRouteGroups, reservedConcurrencyOf } from '../../infra/route-plan.js';
import { originSecretDescription, type Resource, type SynthesisedApp, synthesiseWithFirewall } from './support/synthesised-stack.js';

let app: SynthesisedApp;
let withoutReservations: SynthesisedApp;

beforeAll(() => {
  app = synthesiseWithFirewall({ alarmEmail: 'ops@finder.example.org' });
  withoutReservations = synthesiseWithFirewall({ reservedConcurrency: false });
}, 120_000);

const resourcesOf = (template: SynthesisedApp['finder'], type: string) => Object.entries(template.findResources(type)) as [string, Resource][];
const onlyOf = (template: SynthesisedApp['finder'], type: string): [string, Resource] => {
  const found = resourcesOf(template, type);
  expect(found).toHaveLength(1);
  return found[0] as [string, Resource];
};
const webAcl = () => onlyOf(app.firewall, 'AWS::WAFv2::WebACL')[1].Properties;
const rules = () => webAcl().Rules as Record<string, any>[];
const distributionConfig = () => onlyOf(app.finder, 'AWS::CloudFront::Distribution')[1].Properties.DistributionConfig;
const originSecretId = () => {
  const found = resourcesOf(app.finder, 'AWS::SecretsManager::Secret').filter(([, secret]) => String(secret.Properties.Description).includes(originSecretDescription));
  expect(found).toHaveLength(1);
  return found[0]?.[0] as string;
};
const groupFunction = (template: SynthesisedApp['finder'], group: RouteGroup) => {
  const found = resourcesOf(template, 'AWS::Lambda::Function').filter(([, fn]) => fn.Properties.Description === routeGroups[group].description);
  expect(found).toHaveLength(1);
  return found[0]?.[1] as Resource;
};

/** The rate-based rule scoped down to a route's method and path, if any. */
const rateRuleOf = (route: Pick<Route, 'method' | 'path'>) =>
  rules().find((rule) => {
    const statements = rule.Statement.RateBasedStatement?.ScopeDownStatement.AndStatement.Statements;
    return statements?.[0].ByteMatchStatement.SearchString === route.method && statements?.[1].RegexMatchStatement.RegexString === pathPatternOf(route.path);
  });

/** The method and path pattern each route statement of a web ACL statement matches. */
const routesMatchedBy = (statement: Record<string, any>): string[] =>
  (statement.OrStatement?.Statements ?? [statement]).map((each: Record<string, any>) => {
    const [method, path] = each.AndStatement.Statements;
    return `${method.ByteMatchStatement.SearchString} ${path.RegexMatchStatement.RegexString}`;
  });

describe('the edge firewall', () => {
  it('is a CloudFront web ACL that lets through what no rule blocks, on the distribution by a reference to the us-east-1 stack', () => {
    // Act
    const acl = webAcl();
    const webAclId = distributionConfig().WebACLId;

    // Assess
    expect(acl).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
    expect(webAclId).toEqual({ 'Fn::GetStackOutput': expect.objectContaining({ StackName: 'FinderTestEdgeFirewall', Region: 'us-east-1' }) });
    expect(app.firewall.toJSON().Outputs[webAclId['Fn::GetStackOutput'].OutputName].Value).toEqual({
      'Fn::GetAtt': [onlyOf(app.firewall, 'AWS::WAFv2::WebACL')[0], 'Arn'],
    });
  });

  it('has one rate-based rule per client address for each route with a per-client limit, with the route table’s count and window', () => {
    // Prepare
    const limited = routes.filter((route) => 'clientLimit' in route);

    // Act
    const rateRules = rules().filter((rule) => rule.Statement.RateBasedStatement);

    // Assess
    expect(rateRules).toHaveLength(limited.length);
    for (const route of limited) {
      const rule = rateRuleOf(route);
      expect(rule, routeKey(route)).toBeDefined();
      expect(rule?.Statement.RateBasedStatement).toMatchObject({
        AggregateKeyType: 'IP',
        Limit: route.clientLimit.requests,
        EvaluationWindowSec: route.clientLimit.windowSeconds,
      });
      expect(rule?.Action.Block.CustomResponse).toEqual({
        ResponseCode: 429,
        CustomResponseBodyKey: 'too-many-requests',
        ResponseHeaders: [{ Name: 'retry-after', Value: String(route.clientLimit.windowSeconds) }],
      });
    }
    expect(webAcl().CustomResponseBodies['too-many-requests']).toEqual({ ContentType: 'APPLICATION_JSON', Content: JSON.stringify(tooManyRequestsBody) });
  });

  it('limits searches and the sign-in settings per client, searches far above the writes and sign-in', () => {
    // Prepare
    const limitOf = (handler: string) => {
      const route = routes.find((each) => each.handler === handler);
      const { Limit, EvaluationWindowSec } = (route && rateRuleOf(route)?.Statement.RateBasedStatement) ?? {};
      return (Limit as number) / (EvaluationWindowSec as number);
    };

    // Act
    const perSecond = Object.fromEntries(['findOutlets', 'getSignInSettings', 'createReport', 'createRegistration'].map((handler) => [handler, limitOf(handler)]));

    // Assess
    for (const low of ['getSignInSettings', 'createReport', 'createRegistration']) expect(perSecond.findOutlets).toBeGreaterThan(10 * (perSecond[low] ?? Infinity));
  });

  it('runs AWS’s known bad inputs and common rule sets, the common set’s 8 KB body rule counting only, then blocking every large body but the routes marked largeBody', () => {
    // Prepare
    const largeBodyRoutes = routes.filter((route) => 'largeBody' in route).map((route) => `${route.method} ${pathPatternOf(route.path)}`);
    const byName = (name: string) => rules().find((rule) => rule.Name === name);

    // Act
    const knownBad = byName('AWSManagedRulesKnownBadInputsRuleSet');
    const common = byName('AWSManagedRulesCommonRuleSet');
    const bodySize = byName('body-size-but-large-body-routes');

    // Assess
    expect(knownBad).toMatchObject({ OverrideAction: { None: {} }, Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS' } } });
    expect(knownBad?.Statement.ManagedRuleGroupStatement.RuleActionOverrides).toBeUndefined();
    expect(common).toMatchObject({
      OverrideAction: { None: {} },
      Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }] } },
    });
    expect(bodySize?.Priority).toBeGreaterThan(common?.Priority);
    expect(bodySize?.Action).toEqual({ Block: { CustomResponse: { ResponseCode: 413, CustomResponseBodyKey: 'payload-too-large' } } });
    const [label, notLarge] = bodySize?.Statement.AndStatement.Statements ?? [];
    expect(label).toEqual({ LabelMatchStatement: { Scope: 'LABEL', Key: bodySizeLabel } });
    expect(routesMatchedBy(notLarge.NotStatement.Statement).sort()).toEqual(largeBodyRoutes.sort());
    expect(Math.max(...rules().map((rule) => rule.Priority))).toBe(bodySize?.Priority);
  });

  it('lets large bodies through to the import and to every route that takes opening hours, which can pass 8 KB within the contract', () => {
    // Prepare
    const session = { opensAt: '09:00', closesAt: '10:00' };
    const hours = openingHoursSchema.parse({
      weekly: [],
      exceptions: Array.from({ length: 100 }, (_, day) => ({
        date: new Date(Date.UTC(2027, 0, 1 + day)).toISOString().slice(0, 10),
        closed: false,
        sessions: Array.from({ length: 6 }, () => session),
        note: 'n'.repeat(200),
      })),
    });
    const takesHours = ['editPortalOutlet', 'checkRegistration', 'createRegistration', 'resubmitRegistration', 'importAreaListings'];

    // Act
    const marked = routes.filter((route) => 'largeBody' in route).map((route) => route.handler);

    // Assess
    expect(Buffer.byteLength(JSON.stringify({ hours }))).toBeGreaterThan(8 * 1024);
    expect(marked.sort()).toEqual(takesHours.sort());
  });

  it('keeps no logs nor sampled requests, which would hold client addresses, and publishes its metrics', () => {
    // Act
    const visibility = [webAcl().VisibilityConfig, ...rules().map((rule) => rule.VisibilityConfig)];

    // Assess
    expect(resourcesOf(app.firewall, 'AWS::WAFv2::LoggingConfiguration')).toHaveLength(0);
    for (const config of visibility) expect(config).toMatchObject({ SampledRequestsEnabled: false, CloudWatchMetricsEnabled: true });
  });

  it('raises an alarm on a spike of blocked requests, to a topic in us-east-1 emailed to the alarm address', () => {
    // Prepare
    const [topicId] = onlyOf(app.firewall, 'AWS::SNS::Topic');

    // Act
    const [, alarm] = onlyOf(app.firewall, 'AWS::CloudWatch::Alarm');
    const [, subscription] = onlyOf(app.firewall, 'AWS::SNS::Subscription');

    // Assess
    expect(alarm.Properties).toMatchObject({
      Namespace: 'AWS/WAFV2',
      MetricName: 'BlockedRequests',
      Statistic: 'Sum',
      Period: 300,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: topicId }],
    });
    expect(alarm.Properties.Dimensions).toEqual(
      expect.arrayContaining([
        { Name: 'WebACL', Value: webAcl().VisibilityConfig.MetricName },
        { Name: 'Rule', Value: 'ALL' },
      ]),
    );
    expect(subscription.Properties).toMatchObject({ Protocol: 'email', Endpoint: 'ops@finder.example.org', TopicArn: { Ref: topicId } });
    expect(resourcesOf(withoutReservations.firewall, 'AWS::SNS::Subscription')).toHaveLength(0);
  });
});

describe('the sign-in firewall', () => {
  const signInAcl = () => onlyOf(app.finder, 'AWS::WAFv2::WebACL');
  const signInRule = (name: string) => (signInAcl()[1].Properties.Rules as Record<string, any>[]).find((rule) => rule.Name === name);

  it('is a regional web ACL in the finder’s region on the user pool, where managed login and the token endpoint are, outside CloudFront', () => {
    // Act
    const [aclId, acl] = signInAcl();
    const [, association] = onlyOf(app.finder, 'AWS::WAFv2::WebACLAssociation');
    const [poolId] = onlyOf(app.finder, 'AWS::Cognito::UserPool');

    // Assess
    expect(acl.Properties).toMatchObject({ Scope: 'REGIONAL', DefaultAction: { Allow: {} } });
    expect(association.Properties).toEqual({ ResourceArn: { 'Fn::GetAtt': [poolId, 'Arn'] }, WebACLArn: { 'Fn::GetAtt': [aclId, 'Arn'] } });
    expect(resourcesOf(app.finder, 'AWS::WAFv2::LoggingConfiguration')).toHaveLength(0);
    for (const rule of acl.Properties.Rules as Record<string, any>[]) expect(rule.VisibilityConfig).toMatchObject({ SampledRequestsEnabled: false });
  });

  it('limits form posts, then every request, per client address at managed-login-limits.ts’s numbers, answering 429 with the page and Retry-After', () => {
    // Act
    const posts = signInRule('sign-in-posts-per-client');
    const requests = signInRule('sign-in-requests-per-client');
    const known = signInRule('AWSManagedRulesKnownBadInputsRuleSet');

    // Assess
    expect([posts?.Priority, requests?.Priority, known?.Priority]).toEqual([0, 1, 2]);
    expect(posts?.Statement.RateBasedStatement).toMatchObject({
      AggregateKeyType: 'IP',
      Limit: managedLoginClientLimits.posts.requests,
      EvaluationWindowSec: managedLoginClientLimits.posts.windowSeconds,
      ScopeDownStatement: { ByteMatchStatement: { FieldToMatch: { Method: {} }, PositionalConstraint: 'EXACTLY', SearchString: 'POST' } },
    });
    expect(requests?.Statement.RateBasedStatement).toEqual({
      AggregateKeyType: 'IP',
      Limit: managedLoginClientLimits.requests.requests,
      EvaluationWindowSec: managedLoginClientLimits.requests.windowSeconds,
    });
    for (const [rule, limit] of [
      [posts, managedLoginClientLimits.posts],
      [requests, managedLoginClientLimits.requests],
    ] as const) {
      const response = rule?.Action.Block.CustomResponse;
      expect(response).toMatchObject({ ResponseCode: 429, ResponseHeaders: [{ Name: 'retry-after', Value: String(limit.windowSeconds) }] });
      expect(signInAcl()[1].Properties.CustomResponseBodies[response.CustomResponseBodyKey]).toEqual({ ContentType: 'TEXT_HTML', Content: managedLoginLimitPage });
    }
    expect(known?.Statement.ManagedRuleGroupStatement).toEqual({ VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' });
    expect(Buffer.byteLength(managedLoginLimitPage)).toBeLessThanOrEqual(4096);
  });

  it('raises an alarm to the finder’s topic when it blocks 100 requests in five minutes', () => {
    // Act
    const alarms = resourcesOf(app.finder, 'AWS::CloudWatch::Alarm').filter(([, alarm]) => alarm.Properties.Namespace === 'AWS/WAFV2');

    // Assess
    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.[1].Properties).toMatchObject({ MetricName: 'BlockedRequests', Statistic: 'Sum', Period: 300, Threshold: 100, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    expect(alarms[0]?.[1].Properties.Dimensions).toEqual(
      expect.arrayContaining([
        { Name: 'WebACL', Value: signInAcl()[1].Properties.VisibilityConfig.MetricName },
        { Name: 'Region', Value: expect.anything() },
        { Name: 'Rule', Value: 'ALL' },
      ]),
    );
  });
});

describe('the origin secret', () => {
  it('is generated by the stack and sent by CloudFront to the API alone, as a dynamic reference resolved at deploy time', () => {
    // Act
    const origins = distributionConfig().Origins as Record<string, any>[];
    const api = origins.filter((origin) => JSON.stringify(origin.DomainName).includes('execute-api'));
    const others = origins.filter((origin) => !api.includes(origin));

    // Assess
    expect(app.finder.toJSON().Resources[originSecretId()].Properties.GenerateSecretString).toEqual({ ExcludePunctuation: true, PasswordLength: 48 });
    expect(api).toHaveLength(1);
    expect(api[0]?.OriginCustomHeaders).toEqual([
      { HeaderName: originVerifyHeader, HeaderValue: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: originSecretId() }, ':SecretString:::}}']] } },
    ]);
    for (const origin of others) expect(origin.OriginCustomHeaders).toBeUndefined();
  });

  it('is told to every API function, which may read it, and to no other function', () => {
    // Prepare
    const apiFunctions = allRouteGroups().map((group) => groupFunction(app.finder, group));
    const others = resourcesOf(app.finder, 'AWS::Lambda::Function')
      .map(([, fn]) => fn)
      .filter((fn) => !apiFunctions.includes(fn));
    const readsSecret = (fn: Resource) => {
      const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
      return resourcesOf(app.finder, 'AWS::IAM::Policy')
        .filter(([, policy]) => JSON.stringify(policy.Properties.Roles).includes(roleId))
        .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Record<string, any>[])
        .some((statement) => [statement.Action].flat().includes('secretsmanager:GetSecretValue') && JSON.stringify(statement.Resource).includes(JSON.stringify({ Ref: originSecretId() })));
    };

    // Act
    const told = (fn: Resource) => fn.Properties.Environment?.Variables?.ORIGIN_VERIFY_SECRET_ARN;

    // Assess
    expect(others.length).toBeGreaterThan(0);
    for (const fn of apiFunctions) {
      expect(told(fn)).toEqual({ Ref: originSecretId() });
      expect(readsSecret(fn)).toBe(true);
    }
    for (const fn of others) {
      expect(told(fn)).toBeUndefined();
      expect(readsSecret(fn)).toBe(false);
    }
  });
});

describe('the outputs', () => {
  it('never give the HTTP API’s own address', () => {
    // Prepare
    const [apiId] = onlyOf(app.finder, 'AWS::ApiGatewayV2::Api');

    // Act
    const outputs = JSON.stringify(app.finder.toJSON().Outputs);

    // Assess
    expect(outputs).not.toContain(apiId);
    expect(outputs).not.toContain('execute-api');
  });
});

describe('reserved concurrency', () => {
  it('caps the writing groups at the route table’s numbers and leaves the public reads and open data to the shared pool', () => {
    // Act
    const reserved = Object.fromEntries(allRouteGroups().map((group) => [group, groupFunction(app.finder, group).Properties.ReservedConcurrentExecutions]));

    // Assess
    expect(reserved).toEqual(Object.fromEntries(allRouteGroups().map((group) => [group, reservedConcurrencyOf(group)])));
    for (const group of ['public-reports', 'public-registrations', 'portal', 'area', 'listing-actions'] as const) expect(reserved[group]).toBeGreaterThan(0);
    for (const group of ['public-api', 'open-data'] as const) expect(reserved[group]).toBeUndefined();
  });

  it('is left off altogether when the account cannot reserve any', () => {
    // Act
    const reserved = resourcesOf(withoutReservations.finder, 'AWS::Lambda::Function').map(([, fn]) => fn.Properties.ReservedConcurrentExecutions);

    // Assess
    expect(reserved.every((value) => value === undefined)).toBe(true);
  });
});
