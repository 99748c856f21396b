/**
 * The routing construct on its own, reading real folders: the fixture site, and a throwaway site
 * written for the fallback.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { afterEach, describe, expect, it } from 'vitest';
import { directoryIndexCode } from '../../../infra/constructs/directory-index.js';
import { SiteRouting } from '../../../infra/constructs/site-routing.js';
import { projectRoot } from '../../../infra/project-paths.js';

const fixtureSite = join(projectRoot, 'test', 'infra', 'fixtures', 'site');

const madeSites: string[] = [];
afterEach(() => {
  for (const dir of madeSites.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A throwaway built site holding `paths` (site paths, `/a/b.html`). */
function siteWith(paths: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'site-routing-'));
  madeSites.push(dir);
  for (const path of paths) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), '');
  }
  return dir;
}

function build(siteAssetPath: string): { stack: Stack; routing: SiteRouting } {
  const stack = new Stack();
  const routing = new SiteRouting(stack, 'Routing', { siteAssetPath });
  return { stack, routing };
}

describe('SiteRouting', () => {
  it('builds a viewer-request and a viewer-response function from the site files, without warnings', () => {
    // Act
    const { stack, routing } = build(fixtureSite);
    const template = Template.fromStack(stack);

    // Assess
    expect(routing.functionAssociations.map((association) => association.eventType)).toEqual(['viewer-request', 'viewer-response']);
    template.resourceCountIs('AWS::CloudFront::Function', 2);
    template.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionConfig: { Runtime: 'cloudfront-js-2.0' },
      FunctionCode: Match.stringLikeRegexp('"/_astro/outlet.Fx1a2b3c.js"'),
    });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  it('keeps only the directory index and warns at synth when the file list is too large', () => {
    // Prepare
    const site = siteWith(['/404.html', ...Array.from({ length: 400 }, (_, page) => `/outlets-in/place-number-${page}/index.html`)]);

    // Act
    const { stack, routing } = build(site);
    const template = Template.fromStack(stack);

    // Assess
    expect(routing.functionAssociations.map((association) => association.eventType)).toEqual(['viewer-request']);
    template.resourceCountIs('AWS::CloudFront::Function', 1);
    template.hasResourceProperties('AWS::CloudFront::Function', { FunctionCode: directoryIndexCode });
    Annotations.fromStack(stack).hasWarning('/Default/Routing', Match.stringLikeRegexp('over the 10240-byte quota'));
  });
});
