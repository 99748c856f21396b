/**
 * The CDK app (`cdk.json` runs it with tsx). Synthesises offline: see `app-settings.ts`.
 *
 * Every stack is checked against cdk-nag's AwsSolutions rules as it is synthesised: an
 * unacknowledged finding fails `cdk synth` (and `test/infra/nag.test.ts`). Accepted findings are
 * acknowledged on their resource, with the reason, in the construct that makes the resource.
 */
import { App } from 'aws-cdk-lib';
import { type AppSettings, SettingsError, appSettings } from './app-settings.js';
import { checkOnSynth, defineFinderApp } from './finder-app.js';

const app = new App();

let settings: AppSettings;
try {
  settings = appSettings({ context: (key) => app.node.tryGetContext(key), env: process.env });
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  console.error(error.message);
  process.exit(1);
}

defineFinderApp(app, settings);
checkOnSynth(app);
