import { App, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { accountUniqueName } from '../../../infra/constructs/account-unique-name.js';

/** A construct at `<stack>/Site`, in a stack of the given name and region. */
function siteIn(stackName: string, region: string | undefined): Construct {
  const stack = new Stack(new App(), stackName, region ? { env: { account: '111111111111', region } } : {});
  return new Construct(stack, 'Site');
}

describe('accountUniqueName', () => {
  it('names a resource after its stack, region and path in the stack', () => {
    // Prepare
    const site = siteIn('NaloxoneFinder', 'eu-west-2');

    // Act
    const name = accountUniqueName(site, 'SecurityHeaders', 128);

    // Assess
    expect(name).toBe('NaloxoneFinder-eu-west-2-Site-SecurityHeaders');
  });

  it('cuts a long name to the limit, keeping two that differ only at the end apart', () => {
    // Prepare
    const long = 'NaloxoneFinder'.padEnd(100, 'X');
    const sites = [siteIn(`${long}A`, 'eu-west-2'), siteIn(`${long}B`, 'eu-west-2')];

    // Act
    const names = sites.map((site) => accountUniqueName(site, 'OriginAccessControl', 64));

    // Assess
    for (const name of names) expect(name).toMatch(/^NaloxoneFinderX+-[0-9a-f]{8}$/);
    for (const name of names) expect(name).toHaveLength(64);
    expect(names[0]).not.toBe(names[1]);
  });

  it('refuses a stack without a region, whose name could not be told from another region\'s', () => {
    // Prepare
    const site = siteIn('NaloxoneFinder', undefined);

    // Act
    const act = () => accountUniqueName(site, 'SecurityHeaders', 128);

    // Assess
    expect(act).toThrow(/the stack has no region/);
  });
});
