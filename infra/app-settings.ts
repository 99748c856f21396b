/**
 * The settings `cdk synth` and `cdk deploy` run with, from CDK context (`-c key=value`) first, then
 * the environment, then defaults that need no AWS account, so synth works offline:
 * `account`/`CDK_DEPLOY_ACCOUNT`/`CDK_DEFAULT_ACCOUNT`, `region`/`CDK_DEPLOY_REGION`,
 * `tileUrl`/`PUBLIC_TILE_URL`, `siteDist` (the built site, `site/dist` by default), `stackName`
 * (`NaloxoneFinder` by default; another name deploys a second copy, such as `-c stackName=NaloxoneFinderStaging`),
 * and for the portal's sign-in `senderEmail`, `authDomainPrefix` and `extraSiteOrigins`; and
 * `withoutIndexes` (`geo,area,published`), for deploys that change the table's indexes one at a time (README);
 * `reservedConcurrency=false` (for an account whose Lambda concurrency limit leaves none to reserve) and
 * `originSecretVersionId` (README, "Rotating the origin secret"); and for operations `stage` (`dev` by
 * default, or `prod`), `alarmEmail` (where alarms are emailed, the edge firewall's too) and a custom
 * domain, `domainName` with `certificateArn` (an ACM certificate in us-east-1), both or neither.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Environment } from 'aws-cdk-lib';
import { defaultTileUrl } from '../functions/contract/web-policy.js';
import { secondaryIndexes } from '../functions/data/table-schema.js';
import { signInDomainPrefixProblem } from './constructs/portal-sign-in.js';
import { type Stage, stages } from './constructs/stage-policy.js';
import { checkHttpsTileUrl } from './constructs/static-site.js';
import { siteDistDir } from './project-paths.js';

/** A placeholder account: enough to synthesise, never deployed to (the CLI sets the real one). */
export const offlineAccount = '111111111111';
/** London, where the data should live. */
export const defaultRegion = 'eu-west-2';
/** The stack's name, and its construct id, unless `-c stackName=…` asks for another copy. */
export const defaultStackName = 'NaloxoneFinder';
/**
 * The sender of an offline synth, which has no account to deploy to. On a reserved domain
 * (RFC 2606), so it can never be verified in SES, nor send anything.
 */
export const offlineSenderEmail = 'portal-sign-in@example.invalid';

/** Enough of an email address to catch a typo; SES and SNS check the rest. */
const emailPattern = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** CloudFormation's rule for stack names. */
const stackNamePattern = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;

/** A setting the user can fix; the app prints its message alone, without a stack trace. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** How people sign in to the portal; see `PortalSignIn`. */
export interface SignInSettings {
  /** The verified SES address sign-in codes are sent from. */
  readonly senderEmail: string;
  /** Managed login's prefix domain; undefined lets the stack derive one. */
  readonly domainPrefix?: string;
  /** Origins the site is also served on (a custom domain), e.g. `https://naloxone.example.org`. */
  readonly extraSiteOrigins: readonly string[];
}

/** A custom domain for the site: CloudFront's alias and the certificate it is served with. */
export interface CustomDomainSettings {
  /** The host name, like `naloxone.example.org`; its DNS record is the operator's to point at the distribution. */
  readonly domainName: string;
  /** An ACM certificate in us-east-1 (CloudFront takes no other region) covering `domainName`. */
  readonly certificateArn: string;
}

/** What the app builds the stack with. */
export interface AppSettings {
  readonly stackName: string;
  readonly env: Required<Pick<Environment, 'account' | 'region'>>;
  readonly siteAssetPath: string;
  readonly tileUrl: string;
  readonly signIn: SignInSettings;
  readonly withoutIndexes: readonly string[];
  /** `dev` (destroyable whole) or `prod` (keeps and protects its data). */
  readonly stage: Stage;
  /** Alarms are emailed here (SNS asks the address to confirm first); undefined sends them nowhere but the topic. */
  readonly alarmEmail: string | undefined;
  readonly customDomain: CustomDomainSettings | undefined;
  /** Whether the writing functions get their reserved concurrency (`-c reservedConcurrency=false` turns it off). */
  readonly reservedConcurrency: boolean;
  /** The origin secret's version CloudFront is deployed with; undefined for its current one. */
  readonly originSecretVersionId: string | undefined;
}

/** Where settings are read from; passed in so that tests need no real CLI or environment. */
export interface SettingSources {
  /** Reads a CDK context value. */
  readonly context: (key: string) => unknown;
  /** The process environment. */
  readonly env: Record<string, string | undefined>;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Resolves the settings; throws a `SettingsError` naming the setting to fix. */
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
  // The CLI sets CDK_DEFAULT_ACCOUNT from the caller's credentials, when there are any.
  const account = text(context('account')) ?? text(env.CDK_DEPLOY_ACCOUNT) ?? text(env.CDK_DEFAULT_ACCOUNT) ?? offlineAccount;
  // The CSP must allow the tiles the site was built to load, so both read PUBLIC_TILE_URL.
  const tileUrl = text(context('tileUrl')) ?? text(env.PUBLIC_TILE_URL) ?? defaultTileUrl;
  try {
    checkHttpsTileUrl(tileUrl);
  } catch (error) {
    throw new SettingsError(`${(error as Error).message}. Set PUBLIC_TILE_URL (or -c tileUrl=…) to an https tile server.`);
  }
  return {
    stackName,
    env: {
      account,
      // Not CDK_DEFAULT_REGION: the CLI fills it with us-east-1 whenever no region is configured,
      // which would quietly put the data in Virginia. Another region must be asked for by name.
      region: text(context('region')) ?? text(env.CDK_DEPLOY_REGION) ?? defaultRegion,
    },
    siteAssetPath,
    tileUrl,
    signIn: signInSettings(context, account),
    withoutIndexes: indexNames(context),
    reservedConcurrency: contextSwitch(context, 'reservedConcurrency', true),
    originSecretVersionId: text(context('originSecretVersionId')),
    ...operationsSettings(context),
  };
}

/** An ACM certificate's ARN in us-east-1, the only region CloudFront takes certificates from. */
const certificateArnPattern = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/;
/** A DNS host name of at least two labels, lower case (CloudFront compares aliases as written). */
const domainNamePattern = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The stage, the alarms' address and the custom domain, each checked. */
function operationsSettings(context: SettingSources['context']): Pick<AppSettings, 'stage' | 'alarmEmail' | 'customDomain'> {
  const stage = text(context('stage')) ?? 'dev';
  if (!(stages as readonly string[]).includes(stage)) {
    throw new SettingsError(`The stage "${stage}" (-c stage) is not one the stack knows: use ${stages.join(' or ')}.`);
  }
  const alarmEmail = text(context('alarmEmail'));
  if (alarmEmail !== undefined && !emailPattern.test(alarmEmail)) {
    throw new SettingsError(`The alarm address "${alarmEmail}" (-c alarmEmail) is not an email address.`);
  }
  const domainName = text(context('domainName'));
  const certificateArn = text(context('certificateArn'));
  if ((domainName === undefined) !== (certificateArn === undefined)) {
    throw new SettingsError(
      'A custom domain needs both -c domainName=<host> and -c certificateArn=<ACM certificate in us-east-1>: ' +
        `${domainName === undefined ? 'domainName' : 'certificateArn'} is missing.`,
    );
  }
  if (domainName !== undefined && !domainNamePattern.test(domainName)) {
    throw new SettingsError(`The domain "${domainName}" (-c domainName) is not a host name: give it alone and in lower case, like naloxone.example.org.`);
  }
  if (certificateArn !== undefined && !certificateArnPattern.test(certificateArn)) {
    throw new SettingsError(
      `"${certificateArn}" (-c certificateArn) is not the ARN of an ACM certificate in us-east-1, which CloudFront requires: ` +
        'arn:aws:acm:us-east-1:<account>:certificate/<id>.',
    );
  }
  return {
    stage: stage as Stage,
    alarmEmail,
    customDomain: domainName !== undefined && certificateArn !== undefined ? { domainName, certificateArn } : undefined,
  };
}

/**
 * The sign-in settings. Email one-time codes need Cognito to send through Amazon SES from a verified
 * address, so any run that knows its account (a deploy always does) must name one; an offline synth,
 * which can deploy nowhere, gets `offlineSenderEmail` instead.
 */
function signInSettings(context: SettingSources['context'], account: string): SignInSettings {
  const senderEmail = text(context('senderEmail')) ?? (account === offlineAccount ? offlineSenderEmail : undefined);
  if (!senderEmail) {
    throw new SettingsError(
      `The portal's sign-in codes need a sender: pass -c senderEmail=<address>, an email address verified as an ` +
        `identity in Amazon SES in the stack's region of account ${account}. See README, "Deploying to AWS".`,
    );
  }
  if (!emailPattern.test(senderEmail)) {
    throw new SettingsError(`The sender "${senderEmail}" (-c senderEmail) is not an email address.`);
  }

  const domainPrefix = text(context('authDomainPrefix'));
  const problem = domainPrefix === undefined ? undefined : signInDomainPrefixProblem(domainPrefix);
  if (problem) throw new SettingsError(`The sign-in domain prefix "${domainPrefix}" (-c authDomainPrefix) ${problem}.`);

  const extraSiteOrigins = (text(context('extraSiteOrigins')) ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of extraSiteOrigins) {
    if (!isHttpsOrigin(origin)) {
      throw new SettingsError(
        `"${origin}" (-c extraSiteOrigins) is not an https origin: give the scheme and host alone, like https://naloxone.example.org.`,
      );
    }
  }
  return { senderEmail, domainPrefix, extraSiteOrigins };
}

function isHttpsOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.origin === value;
  } catch {
    return false;
  }
}

/** A context switch: `-c name=true`. Anything but `true` or `false` is refused, so a typo is not quietly off. */
function contextSwitch(context: SettingSources['context'], name: string, fallback: boolean): boolean {
  const value = context(name);
  if (value === undefined || value === '') return fallback;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new SettingsError(`-c ${name} must be true or false, not "${String(value)}".`);
}

/** `-c withoutIndexes=geo,area`: names of the table's secondary indexes, each checked. */
function indexNames(context: SettingSources['context']): string[] {
  const value = text(context('withoutIndexes'));
  if (value === undefined) return [];
  const known: readonly string[] = secondaryIndexes.map((index) => index.name);
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new SettingsError(`-c withoutIndexes names indexes the table does not have: ${unknown.join(', ')} (it has ${known.join(', ')}).`);
  return names;
}
