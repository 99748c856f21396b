/**
 * The settings `cdk synth` and `cdk deploy` run with, from CDK context (`-c key=value`) first, then
 * the environment, then defaults that need no AWS account, so synth works offline:
 * `account`/`CDK_DEPLOY_ACCOUNT`/`CDK_DEFAULT_ACCOUNT`, `region`/`CDK_DEPLOY_REGION`,
 * `tileUrl`/`PUBLIC_TILE_URL`, `siteDist` (the built site, `site/dist` by default) and `stackName`
 * (`NaloxoneFinder` by default; another name deploys a second copy, such as `-c stackName=NaloxoneFinderStaging`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Environment } from 'aws-cdk-lib';
import { defaultTileUrl } from './constructs/content-security-policy.js';
import { siteDistDir } from './project-paths.js';

/** A placeholder account: enough to synthesise, never deployed to (the CLI sets the real one). */
export const offlineAccount = '111111111111';
/** London, where the data should live. */
export const defaultRegion = 'eu-west-2';
/** The stack's name, and its construct id, unless `-c stackName=…` asks for another copy. */
export const defaultStackName = 'NaloxoneFinder';

/** CloudFormation's rule for stack names. */
const stackNamePattern = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;

/** A setting the user can fix; the app prints its message alone, without a stack trace. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** What the app builds the stack with. */
export interface AppSettings {
  readonly stackName: string;
  readonly env: Required<Pick<Environment, 'account' | 'region'>>;
  readonly siteAssetPath: string;
  readonly tileUrl: string;
}

/** Where settings are read from; passed in so that tests need no real CLI or environment. */
export interface SettingSources {
  /** Reads a CDK context value. */
  readonly context: (key: string) => unknown;
  /** The process environment. */
  readonly env: Record<string, string | undefined>;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Resolves the settings; throws a `SettingsError` if the site has not been built or the stack name is not one. */
export function appSettings({ context, env }: SettingSources): AppSettings {
  const stackName = text(context('stackName')) ?? defaultStackName;
  if (!stackNamePattern.test(stackName)) {
    throw new SettingsError(
      `The stack name "${stackName}" is not one CloudFormation accepts: it must start with a letter and hold only ` +
        'letters, digits and hyphens, at most 128 of them.',
    );
  }
  const siteAssetPath = text(context('siteDist')) ?? siteDistDir;
  if (!existsSync(join(siteAssetPath, 'index.html'))) {
    throw new SettingsError(
      `The site is not built: ${join(siteAssetPath, 'index.html')} does not exist.\n` +
        'Run `npm run build:site` first (`npm run synth` does it for you).',
    );
  }
  return {
    stackName,
    env: {
      // The CLI sets CDK_DEFAULT_ACCOUNT from the caller's credentials, when there are any.
      account: text(context('account')) ?? text(env.CDK_DEPLOY_ACCOUNT) ?? text(env.CDK_DEFAULT_ACCOUNT) ?? offlineAccount,
      // Not CDK_DEFAULT_REGION: the CLI fills it with us-east-1 whenever no region is configured,
      // which would quietly put the data in Virginia. Another region must be asked for by name.
      region: text(context('region')) ?? text(env.CDK_DEPLOY_REGION) ?? defaultRegion,
    },
    siteAssetPath,
    // The CSP must allow the tiles the site was built to load, so both read PUBLIC_TILE_URL.
    tileUrl: text(context('tileUrl')) ?? text(env.PUBLIC_TILE_URL) ?? defaultTileUrl,
  };
}
