/**
 * The finder stack, synthesised once per test file (synthesis bundles the Lambdas with esbuild),
 * with a fixture site and fixture group entries so the tests do not wait on the real site build.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, expect } from 'vitest';
import { type RouteGroup, routeGroups } from '../../../functions/routes.js';
import { EdgeFirewallStack } from '../../../infra/edge-firewall-stack.js';
import { FinderStack, type FinderStackProps } from '../../../infra/finder-stack.js';
import { projectRoot } from '../../../infra/project-paths.js';

export const fixtures = join(projectRoot, 'test', 'infra', 'fixtures');
export const tileUrl = 'https://{s}.tiles.example.org/{z}/{x}/{y}.png';
/** The sign-in settings the stack is synthesised with. */
export const signIn = {
  senderEmail: 'portal@finder.example.org',
  extraSiteOrigins: ['https://naloxone.example.org'],
} as const;

/** CloudFront's managed policies, by their fixed ids. */
export const cachingDisabled = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
export const allViewerExceptHostHeader = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

/** A resource of the synthesised template, loosely typed for assertions. */
export type Resource = {
  Type: string;
  Properties: Record<string, any>;
  DependsOn?: string[];
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};

export interface SynthesisedStack {
  /** The template; read it inside tests, after the file's `beforeAll` has run. */
  readonly template: Template;
  /** The cloud assembly folder, holding the bundled Lambda assets. */
  readonly outdir: string;
  /** Whether the stack asks CloudFormation for termination protection (the assembly's, not the template's). */
  readonly terminationProtection: boolean;
}

/**
 * Registers hooks that synthesise the stack before the file's tests and clean up after them;
 * `overrides` change the props (a stage, a custom domain) from the fixtures' defaults.
 */
export function useSynthesisedStack(overrides: Partial<FinderStackProps> = {}): SynthesisedStack {
  let template: Template | undefined;
  let outdir: string | undefined;
  let terminationProtection: boolean | undefined;
  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'finder-stack-'));
    // The same feature flags as `cdk synth`, so the tests see what would be deployed.
    const { context } = JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8'));
    const app = new App({ outdir, context });
    const stack = new FinderStack(app, 'FinderTest', {
      env: { account: '111111111111', region: 'eu-west-2' },
      siteAssetPath: join(fixtures, 'site'),
      lambdaEntryDir: join(fixtures, 'lambdas'),
      tileUrl,
      signIn,
      ...overrides,
    });
    const artifact = app.synth().getStackByName(stack.stackName);
    template = Template.fromJSON(artifact.template);
    terminationProtection = artifact.terminationProtection ?? false;
  });
  afterAll(() => {
    if (outdir) rmSync(outdir, { recursive: true, force: true });
  });
  return {
    get template() {
      if (!template) throw new Error('The stack is synthesised in beforeAll: read the template inside a test');
      return template;
    },
    get outdir() {
      if (!outdir) throw new Error('The stack is synthesised in beforeAll: read outdir inside a test');
      return outdir;
    },
    get terminationProtection() {
      if (terminationProtection === undefined) throw new Error('The stack is synthesised in beforeAll: read it inside a test');
      return terminationProtection;
    },
  };
}

/** The logical id and resource of the one resource of `type`. */
export function onlyResource(stack: SynthesisedStack, type: string): [string, Resource] {
  const found = Object.entries(stack.template.findResources(type));
  expect(found).toHaveLength(1);
  return found[0] as [string, Resource];
}

/** The logical id and resource of the one function serving `group`. */
export function groupFunctionOf(stack: SynthesisedStack, group: RouteGroup): [string, Resource] {
  const found = Object.entries(stack.template.findResources('AWS::Lambda::Function', { Properties: { Description: routeGroups[group].description } }));
  expect(found).toHaveLength(1);
  return found[0] as [string, Resource];
}

/** Every statement of a function's role, with actions sorted and resources as written. */
export function roleStatements(stack: SynthesisedStack, fn: Resource): Record<string, any>[] {
  const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
  const policies = Object.values(stack.template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } })) as Resource[];
  return policies
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Record<string, any>[])
    .map((statement) => ({ ...statement, Action: ([statement.Action].flat() as string[]).sort() }));
}

/** The logical id and resource of the one Secrets Manager secret whose description contains `text`. */
export function secretDescribed(stack: SynthesisedStack, text: string): [string, Resource] {
  const found = Object.entries(stack.template.findResources('AWS::SecretsManager::Secret')).filter(([, secret]) =>
    String((secret as Resource).Properties.Description).includes(text),
  );
  expect(found).toHaveLength(1);
  return found[0] as [string, Resource];
}

/** The description of the origin secret (`FinderStack`), which every API function may read. */
export const originSecretDescription = 'Sent by CloudFront to the HTTP API';

/** Whether a role statement does nothing but read the origin secret, which every API function does. */
export function readsOriginSecretOnly(stack: SynthesisedStack, statement: Record<string, any>): boolean {
  const [originSecretId] = secretDescribed(stack, originSecretDescription);
  return (
    (statement.Action as string[]).every((action) => action.startsWith('secretsmanager:')) &&
    JSON.stringify(statement.Resource) === JSON.stringify({ Ref: originSecretId })
  );
}

/** The finder's stack and its edge firewall's, synthesised together as `infra/app.ts` does. */
export interface SynthesisedApp {
  readonly finder: Template;
  readonly firewall: Template;
}

/**
 * The app's two stacks, the firewall in us-east-1 and the finder in London joined by a cross-region
 * reference, as `infra/app.ts` builds them. Without bundling the functions (CDK's
 * `aws:cdk:bundling-stacks` context, empty): these templates are read for their resources, never
 * their code, and synthesis takes a second instead of a minute.
 */
export function synthesiseWithFirewall(options: { reservedConcurrency?: boolean; alarmEmail?: string } = {}): SynthesisedApp {
  const outdir = mkdtempSync(join(tmpdir(), 'finder-app-'));
  try {
    const { context } = JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8'));
    const app = new App({ outdir, context: { ...context, 'aws:cdk:bundling-stacks': [] } });
    const account = '111111111111';
    const firewall = new EdgeFirewallStack(app, 'FinderTestEdgeFirewall', {
      env: { account, region: 'us-east-1' },
      crossRegionReferences: true,
      alarmEmail: options.alarmEmail,
    });
    const finder = new FinderStack(app, 'FinderTest', {
      env: { account, region: 'eu-west-2' },
      crossRegionReferences: true,
      siteAssetPath: join(fixtures, 'site'),
      lambdaEntryDir: join(fixtures, 'lambdas'),
      tileUrl,
      signIn,
      webAclArn: firewall.webAclArn,
      reservedConcurrency: options.reservedConcurrency,
    });
    const assembly = app.synth();
    return {
      finder: Template.fromJSON(assembly.getStackByName(finder.stackName).template),
      firewall: Template.fromJSON(assembly.getStackByName(firewall.stackName).template),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
