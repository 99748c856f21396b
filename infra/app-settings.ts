/**
 * The settings `cdk synth` and `cdk deploy` run with, from CDK context (`-c key=value`) first, then
 * the environment, then defaults that need no AWS account, so synth works offline.
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

/** A setting the user can fix; the app prints its message alone, without a stack trace. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

export interface AppSettings {
  readonly env: Required<Pick<Environment, 'account' | 'region'>>;
  readonly siteAssetPath: string;
  readonly tileUrl: string;
}

export interface SettingSources {
  /** Reads a CDK context value. */
  readonly context: (key: string) => unknown;
  /** The process environment. */
  readonly env: Record<string, string | undefined>;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Resolves the settings; throws a `SettingsError` if the site has not been built. */
export function appSettings({ context, env }: SettingSources): AppSettings {
  const siteAssetPath = text(context('siteDist')) ?? siteDistDir;
  if (!existsSync(join(siteAssetPath, 'index.html'))) {
    throw new SettingsError(
      `The site is not built: ${join(siteAssetPath, 'index.html')} does not exist.\n` +
        'Run `npm run build:site` first (`npm run synth` does it for you).',
    );
  }
  return {
    env: {
      // The CLI sets CDK_DEFAULT_ACCOUNT and CDK_DEFAULT_REGION from the caller's credentials.
      account: text(context('account')) ?? text(env.CDK_DEFAULT_ACCOUNT) ?? offlineAccount,
      region: text(context('region')) ?? text(env.CDK_DEFAULT_REGION) ?? defaultRegion,
    },
    siteAssetPath,
    // The CSP must allow the tiles the site was built to load, so both read PUBLIC_TILE_URL.
    tileUrl: text(context('tileUrl')) ?? text(env.PUBLIC_TILE_URL) ?? defaultTileUrl,
  };
}
