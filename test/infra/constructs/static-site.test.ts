/**
 * The site construct on its own, in bare stacks (no Lambda bundling): the names CloudFront keeps
 * once per account, which only show across stacks, and what each kind of page may load.
 */
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { StaticSite, checkHttpsTileUrl } from '../../../infra/constructs/static-site.js';
import { projectRoot } from '../../../infra/project-paths.js';

const fixtureSite = join(projectRoot, 'test', 'infra', 'fixtures', 'site');
const signInOrigin = 'https://finder.auth.eu-west-2.amazoncognito.com';

/** A stack holding only the site, as `cdk synth` would build it under `stackName` in `region`. */
function siteStack(app: App, stackName: string, region: string, tileUrl = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png'): Stack {
  const stack = new Stack(app, stackName, { env: { account: '111111111111', region } });
  const site = new StaticSite(stack, 'Site', { siteAssetPath: fixtureSite, tileUrl, signInOrigin });
  site.addApi({ domainName: 'abc123.execute-api.eu-west-2.amazonaws.com' });
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
    ...resources('AWS::CloudFront::CachePolicy').map((policy) => policy.Properties.CachePolicyConfig.Name),
  ];
}

/** Each behaviour's path pattern (`*` for the default one) and the CSP its pages are sent with. */
function policiesByPath(stack: Stack): Map<string, string> {
  const template = Template.fromStack(stack);
  const policies = template.findResources('AWS::CloudFront::ResponseHeadersPolicy');
  const cspOf = (ref: { Ref: string }) =>
    policies[ref.Ref]?.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy as string;
  const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution')) as Array<{ Properties: Record<string, any> }>;
  const config = distribution?.Properties.DistributionConfig;
  return new Map([
    ['*', cspOf(config.DefaultCacheBehavior.ResponseHeadersPolicyId)],
    ...config.CacheBehaviors.map((behavior: Record<string, any>) => [behavior.PathPattern, cspOf(behavior.ResponseHeadersPolicyId)]),
  ]);
}

const directive = (csp: string | undefined, name: string) => csp?.split('; ').find((part) => part.startsWith(`${name} `));

describe('StaticSite', () => {
  it('gives the same stack deployed to a second region CloudFront names of its own', () => {
    // Prepare: two `cdk deploy` runs of the app, one with `-c region=eu-west-1`.
    const london = siteStack(new App(), 'NaloxoneFinder', 'eu-west-2');
    const dublin = siteStack(new App(), 'NaloxoneFinder', 'eu-west-1');

    // Act
    const [londonNames, dublinNames] = [london, dublin].map(cloudFrontNames) as [string[], string[]];

    // Assess
    // Three response headers policies (pages, portal, embed), the origin access control, three functions and the HSDS cache policy.
    expect(londonNames).toHaveLength(8);
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
    expect(production.slice(0, 4)).toEqual([
      'NaloxoneFinder-eu-west-2-Site-SecurityHeaders',
      'NaloxoneFinder-eu-west-2-Site-PortalSecurityHeaders',
      'NaloxoneFinder-eu-west-2-Site-EmbedSecurityHeaders',
      'NaloxoneFinder-eu-west-2-Site-OriginAccessControl',
    ]);
    expect(staging.slice(0, 4)).toEqual([
      'NaloxoneFinderStaging-eu-west-1-Site-SecurityHeaders',
      'NaloxoneFinderStaging-eu-west-1-Site-PortalSecurityHeaders',
      'NaloxoneFinderStaging-eu-west-1-Site-EmbedSecurityHeaders',
      'NaloxoneFinderStaging-eu-west-1-Site-OriginAccessControl',
    ]);
  });

  it('lets the portal\'s pages, and only those, connect to the sign-in service', () => {
    // Prepare
    const stack = siteStack(new App(), 'NaloxoneFinder', 'eu-west-2');

    // Act
    const policies = policiesByPath(stack);

    // Assess
    expect([...policies.keys()]).toEqual(['*', '/portal', '/portal/*', '/embed', '/embed/', '/embed/index.html', '/api/hsds/', '/api/hsds/*', '/api', '/api/*']);
    for (const path of ['/portal', '/portal/*']) expect(directive(policies.get(path), 'connect-src')).toBe(`connect-src 'self' ${signInOrigin}`);
    for (const path of ['*', '/embed', '/embed/', '/embed/index.html', '/api/hsds/', '/api/hsds/*', '/api', '/api/*']) expect(directive(policies.get(path), 'connect-src')).toBe("connect-src 'self'");
  });

  it('allows the tiles the site was built with on every page, with a wildcard for a {s} subdomain', () => {
    // Prepare
    const stack = siteStack(new App(), 'NaloxoneFinder', 'eu-west-2', 'https://{s}.tiles.example.org/{z}/{x}/{y}.png');

    // Act
    const policies = [...policiesByPath(stack).values()];

    // Assess
    for (const csp of policies) expect(directive(csp, 'img-src')).toBe("img-src 'self' data: https://*.tiles.example.org");
  });

  it('refuses tiles over plain http, which an https page cannot load', () => {
    // Prepare
    const stack = new Stack(new App(), 'NaloxoneFinder', { env: { account: '111111111111', region: 'eu-west-2' } });

    // Act
    const act = () => new StaticSite(stack, 'Site', { siteAssetPath: fixtureSite, tileUrl: 'http://localhost:4322/{z}/{x}/{y}.png', signInOrigin });

    // Assess
    expect(act).toThrow(/must be an https URL template/);
  });
});

describe('checkHttpsTileUrl', () => {
  it.each([
    ['https://tile.openstreetmap.org/{z}/{x}/{y}.png', undefined],
    ['http://tile.openstreetmap.org/{z}/{x}/{y}.png', /must be an https URL template/],
    ['/tiles/{z}/{x}/{y}.png', /absolute http\(s\) URL/],
  ])('checks %s', (tileUrl, refusal) => {
    // Act
    const act = () => checkHttpsTileUrl(tileUrl);

    // Assess
    if (refusal) expect(act).toThrow(refusal);
    else expect(act).not.toThrow();
  });
});
