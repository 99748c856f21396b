/**
 * The user pool's own web ACL (AWS WAF, regional, in the finder's region). Portal users sign in at
 * Cognito's managed login, and the site trades codes for tokens at Cognito's token endpoint: neither
 * is behind CloudFront, so the edge firewall (`edge-firewall.ts`) never sees them. Without this,
 * one client could spend the account's Cognito request quotas and stop every portal user in the
 * country signing in, or guess codes and passwords as fast as Cognito answers.
 *
 * Rules, in order:
 * 1. form posts and token requests per client address (`managedLoginClientLimits.posts`);
 * 2. every request per client address (`managedLoginClientLimits.requests`);
 *    both answer 429 with a short page saying how long to wait (the local sign-in service answers
 *    the same under `npm start`);
 * 3. AWS's Known bad inputs rule set. Not the Common rule set: its body and user-agent rules are
 *    written for web applications, and managed login is Cognito's own.
 *
 * The association covers the pool's managed login, its OAuth endpoints and its public API
 * (`cognito-idp`'s unauthenticated calls, such as InitiateAuth); administrators' signed calls too.
 * No logging and no sampled requests, as at the edge: both keep client addresses.
 */
import { Duration } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { managedLoginClientLimits, managedLoginLimitPage } from '../../functions/managed-login-limits.js';
import { methodMatchStatement } from '../client-limit-rules.js';
import { accountUniqueName } from './account-unique-name.js';

/** The key of the custom response body a blocked sign-in request answers with. */
const tooManySignInRequestsKey = 'too-many-sign-in-requests';

export interface SignInFirewallProps {
  readonly userPool: IUserPool;
}

export class SignInFirewall extends Construct {
  readonly webAcl: CfnWebACL;
  /** Requests the web ACL blocked, summed over five minutes (for the alarm). */
  readonly blockedRequests: Metric;

  constructor(scope: Construct, id: string, props: SignInFirewallProps) {
    super(scope, id);
    const metricName = accountUniqueName(this, 'SignInWebAcl', 128);
    const visibility = (name: string): CfnWebACL.VisibilityConfigProperty => ({ cloudWatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: false });
    const { posts, requests } = managedLoginClientLimits;
    const tooMany = (windowSeconds: number): CfnWebACL.RuleActionProperty => ({
      block: {
        customResponse: {
          responseCode: 429,
          customResponseBodyKey: tooManySignInRequestsKey,
          responseHeaders: [{ name: 'retry-after', value: String(windowSeconds) }],
        },
      },
    });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      description: 'Naloxone finder: per-client limits on portal sign-in at Cognito managed login, and AWS known bad inputs',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(metricName),
      customResponseBodies: {
        [tooManySignInRequestsKey]: { contentType: 'TEXT_HTML', content: managedLoginLimitPage },
      },
      rules: [
        {
          name: 'sign-in-posts-per-client',
          priority: 0,
          action: tooMany(posts.windowSeconds),
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: posts.requests,
              evaluationWindowSec: posts.windowSeconds,
              scopeDownStatement: methodMatchStatement('POST'),
            },
          },
          visibilityConfig: visibility('sign-in-posts-per-client'),
        },
        {
          name: 'sign-in-requests-per-client',
          priority: 1,
          action: tooMany(requests.windowSeconds),
          statement: { rateBasedStatement: { aggregateKeyType: 'IP', limit: requests.requests, evaluationWindowSec: requests.windowSeconds } },
          visibilityConfig: visibility('sign-in-requests-per-client'),
        },
        {
          name: 'AWSManagedRulesKnownBadInputsRuleSet',
          priority: 2,
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesKnownBadInputsRuleSet' } },
          visibilityConfig: visibility('AWSManagedRulesKnownBadInputsRuleSet'),
        },
      ],
    });
    new CfnWebACLAssociation(this, 'UserPoolAssociation', { resourceArn: props.userPool.userPoolArn, webAclArn: this.webAcl.attrArn });

    this.blockedRequests = new Metric({
      namespace: 'AWS/WAFV2',
      metricName: 'BlockedRequests',
      dimensionsMap: { WebACL: metricName, Region: this.webAcl.stack.region, Rule: 'ALL' },
      statistic: 'Sum',
      period: Duration.minutes(5),
    });
  }
}
