/**
 * The finder's edge firewall (`EdgeFirewall`): a stack of its own because AWS WAF web ACLs for
 * CloudFront must be made in us-east-1, whatever region the finder's data lives in.
 *
 * The finder's stack takes the web ACL's ARN through CDK's cross-region references
 * (`crossRegionReferences: true` on both stacks). CDK renders them here as CloudFormation's
 * `Fn::GetStackOutput` of this stack's output in us-east-1: no custom resource, it synthesises
 * offline, and `cdk deploy --all` deploys this stack first. It is a weak reference (nothing stops
 * this stack being deleted while the distribution uses the ACL), but WAF itself refuses to delete a
 * web ACL a distribution still uses, and the ARN never changes once the ACL is made. The other sound
 * choice, passing the ARN as context after a first deploy, would be two commands that can drift
 * apart.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { routes } from '../functions/routes.js';
import { EdgeFirewall } from './constructs/edge-firewall.js';

/** Where CloudFront's web ACLs must live. */
export const cloudFrontWafRegion = 'us-east-1';

export interface EdgeFirewallStackProps extends StackProps {
  /** Where the firewall's alarm is emailed. @default none (subscribe to the topic later) */
  readonly alarmEmail?: string;
  /** See `EdgeFirewallProps.blockedRequestsAlarmThreshold`. */
  readonly blockedRequestsAlarmThreshold?: number;
}

/** The web ACL the finder's distribution uses, with its alarm, in us-east-1. */
export class EdgeFirewallStack extends Stack {
  /** The web ACL's ARN, for `FinderStackProps.webAclArn`. */
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: EdgeFirewallStackProps) {
    super(scope, id, props);
    if (this.region !== cloudFrontWafRegion) {
      throw new Error(`A web ACL for CloudFront must be made in ${cloudFrontWafRegion}; this stack is in ${this.region}`);
    }
    const firewall = new EdgeFirewall(this, 'Firewall', {
      routes,
      alarmEmail: props.alarmEmail,
      blockedRequestsAlarmThreshold: props.blockedRequestsAlarmThreshold,
    });
    this.webAclArn = firewall.webAclArn;
    new CfnOutput(this, 'WebAclArn', { value: firewall.webAclArn, description: 'The web ACL on the finder\'s CloudFront distribution' });
    new CfnOutput(this, 'AlarmTopicArn', { value: firewall.alarmTopic.topicArn, description: 'Edge firewall alarms (subscribe here if no alarmEmail was given)' });
  }
}
