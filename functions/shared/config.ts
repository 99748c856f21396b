/**
 * The functions' configuration: read from the environment once, at cold start, and checked.
 */
import * as z from 'zod';

const configSchema = z.object({
  TABLE_NAME: z.string().min(3, 'TABLE_NAME must name the DynamoDB table'),
  /** Set only for the embedded engine (local runtime and tests); unset on AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().min(1).default('eu-west-2'),
  LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('INFO'),
  /**
   * How metrics leave the process (`shared/metrics.ts`): `emf`, Embedded Metric Format on stdout,
   * which CloudWatch turns into metrics (Lambda); `summary`, one short line each (`npm start`, whose
   * log a person reads); `off` (tests).
   */
  METRICS_OUTPUT: z.enum(['emf', 'summary', 'off']).default('emf'),
});

export type Config = z.infer<typeof configSchema>;

/**
 * Where people sign in: Cognito's managed login on AWS (set by the stack on the portal function),
 * the local OpenID Provider under `npm start`. Only the portal's function has these.
 */
const signInConfigSchema = z.object({
  AUTH_ISSUER: z.url('AUTH_ISSUER must be the token issuer URL'),
  AUTH_CLIENT_ID: z.string().min(1, 'AUTH_CLIENT_ID must be the app client id'),
  AUTH_AUTHORIZATION_ENDPOINT: z.url('AUTH_AUTHORIZATION_ENDPOINT must be a URL'),
  AUTH_TOKEN_ENDPOINT: z.url('AUTH_TOKEN_ENDPOINT must be a URL'),
  AUTH_LOGOUT_ENDPOINT: z.url('AUTH_LOGOUT_ENDPOINT must be a URL'),
});

export type SignInConfig = z.infer<typeof signInConfigSchema>;

function parseWith<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.output<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  return result.data;
}

/** Parses configuration from an environment; throws a readable error naming each bad variable. */
export const parseConfig = (env: Record<string, string | undefined>): Config => parseWith(configSchema, env);

/** Parses the sign-in settings from an environment; throws a readable error naming each bad variable. */
export const parseSignInConfig = (env: Record<string, string | undefined>): SignInConfig => parseWith(signInConfigSchema, env);

/**
 * Email: the sender SES sends from (a verified identity on AWS), and, only for the embedded
 * default, the local SES stand-in's address. Only functions that send email have these.
 */
const emailConfigSchema = z.object({
  AWS_REGION: z.string().min(1).default('eu-west-2'),
  EMAIL_FROM: z.email('EMAIL_FROM must be the address emails are sent from'),
  /** Set only under `npm start` and in tests: the local server's SES stand-in. */
  SES_ENDPOINT: z.url().optional(),
});

export type EmailConfig = z.infer<typeof emailConfigSchema>;

/** Parses the email settings from an environment; throws a readable error naming each bad variable. */
export const parseEmailConfig = (env: Record<string, string | undefined>): EmailConfig => parseWith(emailConfigSchema, env);

/**
 * Portal accounts: the Cognito user pool a function makes accounts in, and, only for the embedded
 * default, the local server's Cognito stand-in. Only functions that make accounts have these.
 */
const accountsConfigSchema = z.object({
  AWS_REGION: z.string().min(1).default('eu-west-2'),
  USER_POOL_ID: z.string().regex(/^[\w-]+_[0-9a-zA-Z]+$/, 'USER_POOL_ID must be a Cognito user pool id, like eu-west-2_AbC123'),
  /** Set only under `npm start` and in tests: the local server's Cognito stand-in. */
  COGNITO_ENDPOINT: z.url().optional(),
});

export type AccountsConfig = z.infer<typeof accountsConfigSchema>;

/** Parses the account settings from an environment; throws a readable error naming each bad variable. */
export const parseAccountsConfig = (env: Record<string, string | undefined>): AccountsConfig => parseWith(accountsConfigSchema, env);

/** Links in emails point at the public site: its origin (the CDN's, or a custom domain's). */
const siteConfigSchema = z.object({
  SITE_URL: z.url({ protocol: /^https?$/, error: 'SITE_URL must be the site’s address, like https://naloxone.example.org' }),
});

/** Parses the site's address from an environment; throws a readable error naming the variable. */
export const parseSiteConfig = (env: Record<string, string | undefined>): { SITE_URL: string } => parseWith(siteConfigSchema, env);

let cached: Config | undefined;

/** The configuration of this process, parsed on first use and then kept. */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

let cachedSignIn: SignInConfig | undefined;

/** The sign-in settings of this process, parsed on first use and then kept. */
export function signInConfig(): SignInConfig {
  cachedSignIn ??= parseSignInConfig(process.env);
  return cachedSignIn;
}

let cachedEmail: EmailConfig | undefined;

/** The email settings of this process, parsed on first use and then kept. */
export function emailConfig(): EmailConfig {
  cachedEmail ??= parseEmailConfig(process.env);
  return cachedEmail;
}

let cachedAccounts: AccountsConfig | undefined;

/** The account settings of this process, parsed on first use and then kept. */
export function accountsConfig(): AccountsConfig {
  cachedAccounts ??= parseAccountsConfig(process.env);
  return cachedAccounts;
}

let cachedSite: { SITE_URL: string } | undefined;

/** The site's address, parsed on first use and then kept. */
export function siteConfig(): { SITE_URL: string } {
  cachedSite ??= parseSiteConfig(process.env);
  return cachedSite;
}

/**
 * The keys that sign and check the links in readiness reminders: on AWS a Secrets Manager secret
 * made by the stack (`LINK_KEYS_SECRET_ARN`), read at cold start; under `npm start` and in tests
 * the keys themselves (`LINK_KEYS`, JSON), made on first start and kept in the local data folder.
 * Exactly one of the two. Only the functions that sign or check links have these.
 */
const linkKeysConfigSchema = z
  .object({
    AWS_REGION: z.string().min(1).default('eu-west-2'),
    LINK_KEYS_SECRET_ARN: z.string().min(1).optional(),
    LINK_KEYS: z.string().min(1).optional(),
  })
  .refine((env) => (env.LINK_KEYS_SECRET_ARN === undefined) !== (env.LINK_KEYS === undefined), {
    path: ['LINK_KEYS_SECRET_ARN'],
    message: 'set exactly one of LINK_KEYS_SECRET_ARN (AWS) and LINK_KEYS (local)',
  });

export type LinkKeysConfig = z.infer<typeof linkKeysConfigSchema>;

/** Parses the link key settings from an environment; throws a readable error naming each bad variable. */
export const parseLinkKeysConfig = (env: Record<string, string | undefined>): LinkKeysConfig => parseWith(linkKeysConfigSchema, env);

let cachedLinkKeys: LinkKeysConfig | undefined;

/** The link key settings of this process, parsed on first use and then kept. */
export function linkKeysConfig(): LinkKeysConfig {
  cachedLinkKeys ??= parseLinkKeysConfig(process.env);
  return cachedLinkKeys;
}

/**
 * The open data files' bucket: set by the stack on the job that writes them. Only that function
 * has it; the local server builds the files itself and never writes to a bucket.
 */
const openDataConfigSchema = z.object({
  AWS_REGION: z.string().min(1).default('eu-west-2'),
  OPEN_DATA_BUCKET: z.string().min(3, 'OPEN_DATA_BUCKET must name the bucket the open data files are written to'),
});

export type OpenDataConfig = z.infer<typeof openDataConfigSchema>;

/** Parses the open data settings from an environment; throws a readable error naming each bad variable. */
export const parseOpenDataConfig = (env: Record<string, string | undefined>): OpenDataConfig => parseWith(openDataConfigSchema, env);

let cachedOpenData: OpenDataConfig | undefined;

/** The open data settings of this process, parsed on first use and then kept. */
export function openDataConfig(): OpenDataConfig {
  cachedOpenData ??= parseOpenDataConfig(process.env);
  return cachedOpenData;
}

/**
 * The origin secret CloudFront sends in `x-origin-verify` (`data/origin-secret.ts`): on AWS the
 * Secrets Manager secret made by the stack (`ORIGIN_VERIFY_SECRET_ARN`), under `npm start` and in
 * tests its values (`ORIGIN_VERIFY`, JSON) from the local server. At most one of the two; with
 * neither, the function checks nothing (a function called directly in a unit test).
 */
const originVerifyConfigSchema = z
  .object({
    AWS_REGION: z.string().min(1).default('eu-west-2'),
    ORIGIN_VERIFY_SECRET_ARN: z.string().min(1).optional(),
    ORIGIN_VERIFY: z.string().min(1).optional(),
  })
  .refine((env) => env.ORIGIN_VERIFY_SECRET_ARN === undefined || env.ORIGIN_VERIFY === undefined, {
    path: ['ORIGIN_VERIFY_SECRET_ARN'],
    message: 'set at most one of ORIGIN_VERIFY_SECRET_ARN (AWS) and ORIGIN_VERIFY (local)',
  });

export type OriginVerifyConfig = z.infer<typeof originVerifyConfigSchema>;

/** Parses the origin secret settings from an environment; throws a readable error naming each bad variable. */
export const parseOriginVerifyConfig = (env: Record<string, string | undefined>): OriginVerifyConfig => parseWith(originVerifyConfigSchema, env);

let cachedOriginVerify: OriginVerifyConfig | undefined;

/** The origin secret settings of this process, parsed on first use and then kept. */
export function originVerifyConfig(): OriginVerifyConfig {
  cachedOriginVerify ??= parseOriginVerifyConfig(process.env);
  return cachedOriginVerify;
}
