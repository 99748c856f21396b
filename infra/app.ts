/**
 * The CDK app (`cdk.json` runs it with tsx). Synthesises offline: see `app-settings.ts`.
 */
import { App } from 'aws-cdk-lib';
import { type AppSettings, SettingsError, appSettings } from './app-settings.js';
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

// The id is the stack name, so a second copy (`-c stackName=…`) deploys as a stack of its own.
new FinderStack(app, settings.stackName, {
  description: 'Naloxone finder: free take-home naloxone near you',
  env: settings.env,
  siteAssetPath: settings.siteAssetPath,
  tileUrl: settings.tileUrl,
  signIn: settings.signIn,
  withoutIndexes: settings.withoutIndexes,
  stage: settings.stage,
  alarmEmail: settings.alarmEmail,
  customDomain: settings.customDomain,
});
