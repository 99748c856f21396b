import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultTileUrl } from '../../functions/contract/web-policy.js';
import {
  SettingsError,
  appSettings,
  defaultRegion,
  defaultStackName,
  offlineAccount,
  offlineSenderEmail,
} from '../../infra/app-settings.js';
import { projectRoot } from '../../infra/project-paths.js';

const builtSite = join(projectRoot, 'test', 'infra', 'fixtures', 'site');

describe('appSettings', () => {
  it('synthesises for a placeholder account in London when nothing is set', () => {
    // Prepare
    const context = (key: string) => (key === 'siteDist' ? builtSite : undefined);

    // Act
    const settings = appSettings({ context, env: {} });

    // Assess
    expect(settings).toEqual({
      stackName: defaultStackName,
      env: { account: offlineAccount, region: defaultRegion },
      siteAssetPath: builtSite,
      tileUrl: defaultTileUrl,
      signIn: { senderEmail: offlineSenderEmail, domainPrefix: undefined, extraSiteOrigins: [] },
      withoutIndexes: [],
      stage: 'dev',
      alarmEmail: undefined,
      customDomain: undefined,
      reservedConcurrency: true,
      originSecretVersionId: undefined,
    });
    expect(offlineSenderEmail).toMatch(/@example\.invalid$/);
  });

  it('takes the account the CLI found but not its fallback region', () => {
    // Prepare
    const context = (key: string) => ({ siteDist: builtSite, senderEmail: 'portal@finder.example.org' })[key];
    const env = { CDK_DEFAULT_ACCOUNT: '222222222222', CDK_DEFAULT_REGION: 'us-east-1' };

    // Act
    const settings = appSettings({ context, env });

    // Assess
    expect(settings.env).toEqual({ account: '222222222222', region: defaultRegion });
  });

  it('takes context over the environment', () => {
    // Prepare
    const context = (key: string) =>
      ({
        siteDist: builtSite,
        account: '333333333333',
        region: 'eu-west-1',
        tileUrl: 'https://a.example.org/{z}/{x}/{y}.png',
        senderEmail: 'portal@finder.example.org',
      })[key];
    const env = { CDK_DEPLOY_ACCOUNT: '222222222222', CDK_DEPLOY_REGION: 'eu-central-1', PUBLIC_TILE_URL: 'https://b.example.org/{z}/{x}/{y}.png' };

    // Act
    const settings = appSettings({ context, env });

    // Assess
    expect(settings.env).toEqual({ account: '333333333333', region: 'eu-west-1' });
    expect(settings.tileUrl).toBe('https://a.example.org/{z}/{x}/{y}.png');
  });

  it('takes a deploy region and the tile URL the site was built with from the environment', () => {
    // Prepare
    const context = (key: string) => (key === 'siteDist' ? builtSite : undefined);
    const env = { CDK_DEPLOY_REGION: 'eu-west-1', PUBLIC_TILE_URL: 'https://b.example.org/{z}/{x}/{y}.png' };

    // Act
    const settings = appSettings({ context, env });

    // Assess
    expect(settings.env.region).toBe('eu-west-1');
    expect(settings.tileUrl).toBe('https://b.example.org/{z}/{x}/{y}.png');
  });

  it('names the stack NaloxoneFinder unless context asks for another copy', () => {
    // Prepare
    const defaults = (key: string) => (key === 'siteDist' ? builtSite : undefined);
    const staging = (key: string) => ({ siteDist: builtSite, stackName: 'NaloxoneFinderStaging' })[key];

    // Act
    const names = [appSettings({ context: defaults, env: {} }), appSettings({ context: staging, env: {} })].map(
      (settings) => settings.stackName,
    );

    // Assess
    expect(names).toEqual(['NaloxoneFinder', 'NaloxoneFinderStaging']);
  });

  it.each(['naloxone_finder', '1finder', `N${'a'.repeat(128)}`])('refuses the stack name %s, which CloudFormation would', (stackName) => {
    // Prepare
    const context = (key: string) => ({ siteDist: builtSite, stackName })[key];

    // Act
    const act = () => appSettings({ context, env: {} });

    // Assess
    expect(act).toThrow(SettingsError);
    expect(act).toThrow(/is not one CloudFormation accepts/);
  });

  it('tells the user to build the site when it is not built', () => {
    // Prepare
    const context = (key: string) => (key === 'siteDist' ? join(projectRoot, 'test', 'infra', 'fixtures', 'nothing-here') : undefined);

    // Act
    const act = () => appSettings({ context, env: {} });

    // Assess
    expect(act).toThrow(SettingsError);
    expect(act).toThrow(/Run `npm run build:site` first/);
  });

  it('asks for the sign-in sender whenever it knows the account, as a deploy always does', () => {
    // Prepare
    const context = (key: string) => (key === 'siteDist' ? builtSite : undefined);
    const env = { CDK_DEFAULT_ACCOUNT: '222222222222' };

    // Act
    const act = () => appSettings({ context, env });

    // Assess
    expect(act).toThrow(SettingsError);
    expect(act).toThrow(/pass -c senderEmail=<address>, an email address verified as an identity in Amazon SES .* account 222222222222/);
  });

  it('takes the portal\'s sign-in settings from context', () => {
    // Prepare
    const context = (key: string) =>
      ({
        siteDist: builtSite,
        account: '333333333333',
        senderEmail: 'portal@finder.example.org',
        authDomainPrefix: 'naloxone-finder-login',
        extraSiteOrigins: 'https://naloxone.example.org, https://www.naloxone.example.org',
      })[key];

    // Act
    const { signIn } = appSettings({ context, env: {} });

    // Assess
    expect(signIn).toEqual({
      senderEmail: 'portal@finder.example.org',
      domainPrefix: 'naloxone-finder-login',
      extraSiteOrigins: ['https://naloxone.example.org', 'https://www.naloxone.example.org'],
    });
  });

  it.each([
    ['senderEmail', 'portal.finder.example.org', /is not an email address/],
    ['authDomainPrefix', 'naloxone-aws', /must not contain "aws"/],
    ['authDomainPrefix', 'Naloxone', /lower-case letters/],
    ['extraSiteOrigins', 'https://naloxone.example.org/portal/', /is not an https origin/],
    ['extraSiteOrigins', 'http://naloxone.example.org', /is not an https origin/],
    ['tileUrl', 'http://tiles.example.org/{z}/{x}/{y}.png', /must be an https URL template/],
    ['withoutIndexes', 'geo,nearby', /names indexes the table does not have: nearby/],
    ['alarmEmail', 'ops-at-example.org', /is not an email address/],
    ['reservedConcurrency', 'no', /must be true or false/],
  ])('refuses %s=%s', (key, value, message) => {
    // Prepare
    const context = (name: string) => ({ siteDist: builtSite, [key]: value })[name];

    // Act
    const act = () => appSettings({ context, env: {} });

    // Assess
    expect(act).toThrow(SettingsError);
    expect(act).toThrow(message);
  });

  it('leaves indexes out only when asked to by name', () => {
    // Prepare
    const asked = (key: string) => ({ siteDist: builtSite, withoutIndexes: 'geo, published' })[key];
    const notAsked = (key: string) => ({ siteDist: builtSite })[key];

    // Act
    const lists = [asked, notAsked].map((context) => appSettings({ context, env: {} }).withoutIndexes);

    // Assess
    expect(lists).toEqual([['geo', 'published'], []]);
  });

  it('reserves concurrency unless told not to, and takes the alarm address and the origin secret version as given', () => {
    // Prepare
    const given = (key: string) =>
      ({ siteDist: builtSite, reservedConcurrency: 'false', alarmEmail: 'ops@finder.example.org', originSecretVersionId: 'v-2' })[key];

    // Act
    const settings = appSettings({ context: given, env: {} });

    // Assess
    expect([settings.reservedConcurrency, settings.alarmEmail, settings.originSecretVersionId]).toEqual([false, 'ops@finder.example.org', 'v-2']);
  });

  describe('operations settings', () => {
    const certificateArn = 'arn:aws:acm:us-east-1:111111111111:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';
    const settingsWith = (values: Record<string, string>) => appSettings({ context: (key) => ({ siteDist: builtSite, ...values })[key], env: {} });

    it('takes a prod stage, an alarm address and a custom domain given with its certificate', () => {
      // Act
      const settings = settingsWith({ stage: 'prod', alarmEmail: 'on-call@finder.example.org', domainName: 'naloxone.example.org', certificateArn });

      // Assess
      expect(settings.stage).toBe('prod');
      expect(settings.alarmEmail).toBe('on-call@finder.example.org');
      expect(settings.customDomain).toEqual({ domainName: 'naloxone.example.org', certificateArn });
    });

    it.each([
      [{ stage: 'production' }, /stage "production" \(-c stage\) is not one the stack knows: use dev or prod/],
      [{ alarmEmail: 'on-call' }, /alarm address "on-call" \(-c alarmEmail\) is not an email address/],
      [{ domainName: 'naloxone.example.org' }, /needs both -c domainName=<host> and -c certificateArn=.*certificateArn is missing/],
      [{ certificateArn }, /needs both .*domainName is missing/],
      [{ domainName: 'https://naloxone.example.org', certificateArn }, /is not a host name/],
      [{ domainName: 'Naloxone.Example.org', certificateArn }, /is not a host name/],
      [{ domainName: 'naloxone.example.org', certificateArn: certificateArn.replace('us-east-1', 'eu-west-2') }, /not the ARN of an ACM certificate in us-east-1/],
    ])('refuses %j with a message naming the setting', (values, message) => {
      // Act
      const settle = () => settingsWith(values as Record<string, string>);

      // Assess
      expect(settle).toThrow(SettingsError);
      expect(settle).toThrow(message);
    });
  });
});
