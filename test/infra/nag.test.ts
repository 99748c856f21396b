/**
 * Every stack of the CDK app, as `infra/app.ts` defines it, passes cdk-nag's AwsSolutions rules:
 * no finding, error or warning, that is not acknowledged on its resource with a reason. A stack
 * added to `defineFinderApp` is checked here without a change to this file.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSettings } from '../../infra/app-settings.js';
import { ApiFunction } from '../../infra/constructs/api-function.js';
import { awsSolutionsChecks, defineFinderApp } from '../../infra/finder-app.js';
import { lambdaEntryDir, projectRoot } from '../../infra/project-paths.js';
import { fixtures } from './support/synthesised-stack.js';

/** One finding, as a reviewer reads it. */
interface Finding {
  readonly stack: string;
  readonly rule: string;
  readonly severity: string;
  readonly resource: string;
  readonly reason: string;
}

let outdir: string;
let app: App;
beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'nag-'));
  // `cdk synth`'s feature flags; the offline settings with the fixture site. The rules read the
  // templates, not the functions' code, so no stack's assets are bundled.
  const { context } = JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8'));
  app = new App({ outdir, context: { ...context, 'aws:cdk:bundling-stacks': [] } });
  const settingsContext: Record<string, string> = { siteDist: join(fixtures, 'site') };
  defineFinderApp(app, appSettings({ context: (key) => settingsContext[key], env: {} }));
  app.synth();
}, 120_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** Every unacknowledged finding in every stack of the app, stages' stacks included. */
function findings(): Finding[] {
  const checks = awsSolutionsChecks(app);
  return app.node
    .findAll()
    .filter(Stack.isStack)
    .flatMap((stack) =>
      checks.validateScope(stack).violations.flatMap((violation) =>
        violation.violatingResources.map((resource) => ({
          stack: stack.stackName,
          rule: violation.ruleName,
          severity: violation.severity ?? 'error',
          resource: (resource as { constructPath?: string }).constructPath ?? resource.resourceLogicalId ?? '(unknown resource)',
          reason: violation.description,
        })),
      ),
    );
}

describe('cdk-nag AwsSolutions', () => {
  it('checks at least the finder stack', () => {
    expect(app.node.findAll().filter(Stack.isStack).length).toBeGreaterThanOrEqual(1);
  });

  it('finds nothing unacknowledged in any stack of the app', () => {
    const found = findings();
    const report = found.map((finding) => `${finding.severity} ${finding.rule}\n  at ${finding.resource} (${finding.stack})\n  ${finding.reason}`).join('\n\n');
    expect(found.length, `${found.length} cdk-nag findings:\n\n${report}\n`).toBe(0);
  });
});

describe('cdk-nag AwsSolutions on options the app does not use today', () => {
  it('finds nothing unacknowledged on a function with active tracing', () => {
    // Prepare
    const traced = new App({ outdir: join(outdir, 'traced'), context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(traced, 'Traced', { env: { account: '111111111111', region: 'eu-west-2' } });
    new ApiFunction(stack, 'Traced', { entry: join(lambdaEntryDir, 'public-api.ts'), tracing: true });
    traced.synth();

    // Act
    const { violations } = awsSolutionsChecks(traced).validateScope(stack);

    // Assess
    expect(violations.map((violation) => violation.ruleName)).toEqual([]);
  });
});
