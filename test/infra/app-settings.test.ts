import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsError, appSettings, defaultRegion, defaultStackName, offlineAccount } from '../../infra/app-settings.js';
import { defaultTileUrl } from '../../infra/constructs/content-security-policy.js';
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
    });
  });

  it('takes the account the CLI found but not its fallback region', () => {
    // Prepare
    const context = (key: string) => (key === 'siteDist' ? builtSite : undefined);
    const env = { CDK_DEFAULT_ACCOUNT: '222222222222', CDK_DEFAULT_REGION: 'us-east-1' };

    // Act
    const settings = appSettings({ context, env });

    // Assess
    expect(settings.env).toEqual({ account: '222222222222', region: defaultRegion });
  });

  it('takes context over the environment', () => {
    // Prepare
    const context = (key: string) =>
      ({ siteDist: builtSite, account: '333333333333', region: 'eu-west-1', tileUrl: 'https://a.example.org/{z}/{x}/{y}.png' })[key];
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
});
