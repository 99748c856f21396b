/**
 * The web ACL in front of the site and the API (AWS WAF on the CloudFront distribution), and the
 * alarm on what it blocks. CloudFront web ACLs live in us-east-1, so this goes in a stack of its
 * own there (`EdgeFirewallStack`).
 *
 * Rules, in order:
 * 1. the route table's per-client limits, one rate-based rule per limited route
 *    (`client-limit-rules.ts`): 429 with the API's error body and `Retry-After`;
 * 2. AWS's Known bad inputs rule set (requests carrying known exploit patterns, Log4j among them);
 * 3. AWS's Common rule set, its `SizeRestrictions_BODY` rule only counting: it blocks every body
 *    over 8 KB, and the commissioners' CSV import sends far more (as can a listing's opening hours);
 * 4. that rule's block again, for every route but those the route table marks `largeBody`
 *    (413 with the API's error body).
 *
 * No WAF logging. Its logs hold each request's client address (`httpRequest.clientIp`), and
 * `redactedFields` can redact a header, the query or the path, never that address; this project
 * keeps no client addresses anywhere. Sampled requests are off for the same reason (AWS keeps them
 * three hours, with the address). What the firewall does is seen in its CloudWatch metrics, per
 * rule (counts, no addresses), and the alarm below.
 */
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { payloadTooLargeBody, tooManyRequestsBody } from '../../functions/contract/error.js';
import type { Route } from '../../functions/routes.js';
import { clientLimitRules, pathPatternOf, routeMatchStatement, tooManyRequestsBodyKey, wafRateRule } from '../client-limit-rules.js';
import { accountUniqueName } from './account-unique-name.js';

/** The label the Common rule set puts on a request whose body is over 8 KB. */
export const bodySizeLabel = 'awswaf:managed:aws:core-rule-set:SizeRestrictions_Body';

/** The key of the custom response body a blocked large body answers with. */
export const payloadTooLargeBodyKey = 'payload-too-large';

/** What the firewall is built from. */
export interface EdgeFirewallProps {
  /** The route table: its per-client limits and the routes that take large bodies. */
  readonly routes: readonly Route[];
  /** Where the alarm is emailed. @default no subscription: the topic is there to subscribe to */
  readonly alarmEmail?: string;
  /**
   * Blocked requests in five minutes that raise the alarm: well above what the limits refuse on
   * an ordinary day (a few scripts), well below a flood. @default 1000
   */
  readonly blockedRequestsAlarmThreshold?: number;
}

/** The web ACL (scope CLOUDFRONT), its alarm and the alarm's topic. */
export class EdgeFirewall extends Construct {
  readonly webAcl: CfnWebACL;
  /** The web ACL's ARN, for the distribution's `webAclId`. */
  readonly webAclArn: string;
  readonly alarm: Alarm;
  readonly alarmTopic: Topic;

  constructor(scope: Construct, id: string, props: EdgeFirewallProps) {
    super(scope, id);

    const limitRules = clientLimitRules(props.routes).map((rule, index) => wafRateRule(rule, index));
    const largeBodyRoutes = props.routes.filter((route) => route.largeBody);
    const first = limitRules.length;
    const metricName = accountUniqueName(this, 'WebAcl', 128);
    const visibility = (name: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName: name,
      sampledRequestsEnabled: false,
    });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'Naloxone finder: per-client limits from the route table, and AWS managed rules',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(metricName),
      customResponseBodies: {
        [tooManyRequestsBodyKey]: { contentType: 'APPLICATION_JSON', content: JSON.stringify(tooManyRequestsBody) },
        [payloadTooLargeBodyKey]: { contentType: 'APPLICATION_JSON', content: JSON.stringify(payloadTooLargeBody) },
      },
      rules: [
        ...limitRules,
        managedRuleGroup('AWSManagedRulesKnownBadInputsRuleSet', first),
        managedRuleGroup('AWSManagedRulesCommonRuleSet', first + 1, ['SizeRestrictions_BODY']),
        {
          name: 'body-size-but-large-body-routes',
          priority: first + 2,
          action: { block: { customResponse: { responseCode: 413, customResponseBodyKey: payloadTooLargeBodyKey } } },
          statement: largeBodyRoutes.length === 0 ? labelled(bodySizeLabel) : { andStatement: { statements: [labelled(bodySizeLabel), { notStatement: { statement: anyRoute(largeBodyRoutes) } }] } },
          visibilityConfig: visibility('body-size-but-large-body-routes'),
        },
      ],
    });
    this.webAclArn = this.webAcl.attrArn;

    this.alarmTopic = new Topic(this, 'AlarmTopic', { displayName: 'Naloxone finder: edge firewall alarms', enforceSSL: true });
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));

    // The web ACL's own metric over all its rules (`Rule: ALL`); CloudFront web ACLs report in us-east-1.
    const blocked = new Metric({
      namespace: 'AWS/WAFV2',
      metricName: 'BlockedRequests',
      dimensionsMap: { WebACL: metricName, Rule: 'ALL' },
      statistic: 'Sum',
      period: Duration.minutes(5),
    });
    this.alarm = new Alarm(this, 'BlockedRequestsAlarm', {
      alarmDescription:
        'The edge firewall blocked more requests than usual in five minutes: a flood or a scan, or a rule refusing real users. ' +
        'See the per-rule BlockedRequests metrics in us-east-1.',
      metric: blocked,
      threshold: props.blockedRequestsAlarmThreshold ?? 1000,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // No requests blocked sends no data point: that is the good case.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.alarm.addAlarmAction(new SnsAction(this.alarmTopic));
  }
}

/** An AWS managed rule group, its own actions kept but for `countOnly` rules, which only count (and label). */
function managedRuleGroup(name: string, priority: number, countOnly: readonly string[] = []): CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    statement: {
      managedRuleGroupStatement: {
        vendorName: 'AWS',
        name,
        ...(countOnly.length > 0 ? { ruleActionOverrides: countOnly.map((rule) => ({ name: rule, actionToUse: { count: {} } })) } : {}),
      },
    },
    visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: false },
  };
}

const labelled = (key: string): CfnWebACL.StatementProperty => ({ labelMatchStatement: { scope: 'LABEL', key } });

/** A statement matching any of `routes` by method and path. */
function anyRoute(routes: readonly Route[]): CfnWebACL.StatementProperty {
  const statements = routes.map((route) => routeMatchStatement({ method: route.method, pathPattern: pathPatternOf(route.path) }));
  return statements.length === 1 ? (statements[0] as CfnWebACL.StatementProperty) : { orStatement: { statements } };
}
