/**
 * The site construct on its own, in bare stacks (no Lambda bundling), for what only shows across
 * stacks: the names CloudFront keeps once per account.
 */
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { StaticSite } from '../../../infra/constructs/static-site.js';
import { projectRoot } from '../../../infra/project-paths.js';

const fixtureSite = join(projectRoot, 'test', 'infra', 'fixtures', 'site');

/** A stack holding only the site, as `cdk synth` would build it under `stackName` in `region`. */
function siteStack(app: App, stackName: string, region: string): Stack {
  const stack = new Stack(app, stackName, { env: { account: '111111111111', region } });
  new StaticSite(stack, 'Site', {
    siteAssetPath: fixtureSite,
    tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    api: { domainName: 'abc123.execute-api.eu-west-2.amazonaws.com', pathPrefixes: ['/outlets'] },
  });
  return stack;
}

/** The names of a stack's CloudFront resources that must be unique in the account. */
function cloudFrontNames(stack: Stack): string[] {
  const template = Template.fromStack(stack);
  const resources = (type: string) => Object.values(template.findResources(type)) as Array<{ Properties: Record<string, any> }>;
  return [
    ...resources('AWS::CloudFront::ResponseHeadersPolicy').map((policy) => policy.Properties.ResponseHeadersPolicyConfig.Name),
    ...resources('AWS::CloudFront::OriginAccessControl').map((control) => control.Properties.OriginAccessControlConfig.Name),
    ...resources('AWS::CloudFront::Function').map((fn) => fn.Properties.Name),
  ];
}

describe('StaticSite', () => {
  it('gives the same stack deployed to a second region CloudFront names of its own', () => {
    // Prepare: two `cdk deploy` runs of the app, one with `-c region=eu-west-1`.
    const london = siteStack(new App(), 'NaloxoneFinder', 'eu-west-2');
    const dublin = siteStack(new App(), 'NaloxoneFinder', 'eu-west-1');

    // Act
    const [londonNames, dublinNames] = [london, dublin].map(cloudFrontNames) as [string[], string[]];

    // Assess
    expect(londonNames).toHaveLength(4);
    expect(londonNames.filter((name) => dublinNames.includes(name))).toEqual([]);
  });

  it('gives two stacks of one app, in two regions, CloudFront names of their own that say whose they are', () => {
    // Prepare
    const app = new App();
    const stacks = [siteStack(app, 'NaloxoneFinder', 'eu-west-2'), siteStack(app, 'NaloxoneFinderStaging', 'eu-west-1')];

    // Act
    const [production, staging] = stacks.map(cloudFrontNames) as [string[], string[]];

    // Assess
    expect(production.filter((name) => staging.includes(name))).toEqual([]);
    expect(production.slice(0, 2)).toEqual([
      'NaloxoneFinder-eu-west-2-Site-SecurityHeaders',
      'NaloxoneFinder-eu-west-2-Site-OriginAccessControl',
    ]);
    expect(staging.slice(0, 2)).toEqual([
      'NaloxoneFinderStaging-eu-west-1-Site-SecurityHeaders',
      'NaloxoneFinderStaging-eu-west-1-Site-OriginAccessControl',
    ]);
  });
});
