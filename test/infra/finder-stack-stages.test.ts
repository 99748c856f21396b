/**
 * A prod stack with an alarm address and a custom domain: its data is kept and protected, alarms are
 * emailed, backups are also kept monthly for a year, and the site answers on the domain with HSTS
 * preload. The default (dev) stack's side of each: finder-stack-operations.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { portalCallbackPath } from '../../functions/contract/web-policy.js';
import { backupRetention } from '../../infra/constructs/table-backup.js';
import { onlyResource, type Resource, useSynthesisedStack } from './support/synthesised-stack.js';

const alarmEmail = 'on-call@finder.example.org';
const customDomain = {
  domainName: 'naloxone.finder.example.org',
  certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
};
const stack = useSynthesisedStack({ stage: 'prod', alarmEmail, customDomain });
const only = (type: string) => onlyResource(stack, type);
const ofType = (type: string) => Object.values(stack.template.toJSON().Resources as Record<string, Resource>).filter((resource) => resource.Type === type);

describe('a prod stack', () => {
  it('keeps the table, the user pool, its groups and the backup vault when the stack goes, and protects them and itself from deletion', () => {
    // Act
    const [, table] = only('AWS::DynamoDB::Table');
    const [, pool] = only('AWS::Cognito::UserPool');
    const [, vault] = only('AWS::Backup::BackupVault');

    // Assess
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    expect(pool.Properties.DeletionProtection).toBe('ACTIVE');
    for (const resource of [table, pool, vault, ...ofType('AWS::Cognito::UserPoolGroup')]) {
      expect([resource.DeletionPolicy, resource.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    }
    expect(stack.terminationProtection).toBe(true);
  });

  it('emails alarms to the alarm address', () => {
    // Prepare
    const [topicId] = only('AWS::SNS::Topic');

    // Act
    const [, subscription] = only('AWS::SNS::Subscription');

    // Assess
    expect(subscription.Properties).toEqual({ Protocol: 'email', Endpoint: alarmEmail, TopicArn: { Ref: topicId } });
  });

  it('keeps a backup a day for 35 days and one a month for a year', () => {
    // Act
    const [, plan] = only('AWS::Backup::BackupPlan');

    // Assess
    expect(plan.Properties.BackupPlan.BackupPlanRule.map((rule: Record<string, any>) => [rule.RuleName, rule.ScheduleExpression, rule.Lifecycle])).toEqual([
      ['Daily', 'cron(0 3 * * ? *)', { DeleteAfterDays: backupRetention.dailyDays }],
      ['Monthly', 'cron(30 3 1 * ? *)', { DeleteAfterDays: backupRetention.monthlyDays }],
    ]);
  });
});

describe('a custom domain', () => {
  it('is the distribution\'s alias, served with the given us-east-1 certificate over SNI', () => {
    // Act
    const [, distribution] = only('AWS::CloudFront::Distribution');

    // Assess
    expect(distribution.Properties.DistributionConfig.Aliases).toEqual([customDomain.domainName]);
    expect(distribution.Properties.DistributionConfig.ViewerCertificate).toMatchObject({
      AcmCertificateArn: customDomain.certificateArn,
      SslSupportMethod: 'sni-only',
    });
  });

  it('gets HSTS with preload on every response headers policy', () => {
    // Act
    const policies = ofType('AWS::CloudFront::ResponseHeadersPolicy');

    // Assess
    expect(policies.length).toBeGreaterThan(0);
    for (const policy of policies) {
      expect(policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.StrictTransportSecurity).toEqual({
        AccessControlMaxAgeSec: 63_072_000,
        IncludeSubdomains: true,
        Preload: true,
        Override: true,
      });
    }
  });

  it('is where sign-in may return, and what emails link to', () => {
    // Prepare
    const origin = `https://${customDomain.domainName}`;

    // Act
    const [, client] = only('AWS::Cognito::UserPoolClient');
    const siteUrls = ofType('AWS::Lambda::Function')
      .map((fn) => fn.Properties.Environment?.Variables?.SITE_URL)
      .filter((url) => url !== undefined);

    // Assess
    expect(client.Properties.CallbackURLs).toContain(`${origin}${portalCallbackPath}`);
    expect(siteUrls.length).toBeGreaterThan(0);
    expect(new Set(siteUrls)).toEqual(new Set([origin]));
  });
});
