/**
 * What the CDK app is made of, apart from reading its settings: every stack it deploys, and the
 * checks they are synthesised with. `app.ts` runs it for `cdk synth` and `cdk deploy`;
 * `test/infra/nag.test.ts` builds the same app to check every stack in it.
 */
import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { AppSettings } from './app-settings.js';
import { EdgeFirewallStack, cloudFrontWafRegion } from './edge-firewall-stack.js';
import { FinderStack } from './finder-stack.js';

/** Adds every stack of the finder to `app`. A new stack belongs here, so the nag test sees it. */
export function defineFinderApp(app: App, settings: AppSettings): void {
  // The web ACL must be in us-east-1; its ARN reaches the finder's stack by a cross-region reference
  // (see `edge-firewall-stack.ts` for why that and not a context value).
  const firewall = new EdgeFirewallStack(app, `${settings.stackName}EdgeFirewall`, {
    description: 'Naloxone finder: the web ACL on its CloudFront distribution, and its alarm',
    env: { account: settings.env.account, region: cloudFrontWafRegion },
    crossRegionReferences: true,
    alarmEmail: settings.alarmEmail,
  });

  // The id is the stack name, so a second copy (`-c stackName=…`) deploys as a stack of its own.
  new FinderStack(app, settings.stackName, {
    description: 'Naloxone finder: free take-home naloxone near you',
    env: settings.env,
    siteAssetPath: settings.siteAssetPath,
    tileUrl: settings.tileUrl,
    signIn: settings.signIn,
    withoutIndexes: settings.withoutIndexes,
    crossRegionReferences: true,
    webAclArn: firewall.webAclArn,
    reservedConcurrency: settings.reservedConcurrency,
    originSecretVersionId: settings.originSecretVersionId,
    stage: settings.stage,
    alarmEmail: settings.alarmEmail,
    customDomain: settings.customDomain,
  });
}

/** The cdk-nag rule pack every stack must pass, with the rules' explanations in its findings. */
export function awsSolutionsChecks(app: App): AwsSolutionsChecks {
  return new AwsSolutionsChecks(app, { verbose: true });
}

/**
 * Runs `awsSolutionsChecks` when `app` is synthesised: a finding that is not acknowledged on its
 * resource fails the synthesis, with CDK's validation report listing rule, resource and reason.
 */
export function checkOnSynth(app: App): void {
  Validations.of(app).addPlugins(awsSolutionsChecks(app));
}
