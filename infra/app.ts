/**
 * The CDK app (`cdk.json` runs it with tsx). Synthesises offline: see `app-settings.ts`.
 */
import { App } from 'aws-cdk-lib';
import { type AppSettings, SettingsError, appSettings } from './app-settings.js';
import { EdgeFirewallStack, cloudFrontWafRegion } from './edge-firewall-stack.js';
import { FinderStack } from './finder-stack.js';

const app = new App();

let settings: AppSettings;
try {
  settings = appSettings({ context: (key) => app.node.tryGetContext(key), env: process.env });
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  console.error(error.message);
  process.exit(1);
}

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
});
