/**
 * Where outlet staff, commissioners and administrators sign in to the portal: a Cognito user pool,
 * Cognito's managed login on a prefix domain, and the site's app client. The HTTP API checks the
 * pool's access tokens with `authorizer`; the portal's function hands the endpoints to the site.
 */
import { createHash } from 'node:crypto';
import { Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  PasskeyUserVerification,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolEmail,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { roleSchema } from '../../functions/contract/me.js';
import { portalCallbackPath, portalSignedOutPath } from '../../functions/contract/web-policy.js';
import { type StatefulPolicy, keepPolicy } from './stage-policy.js';

/**
 * What a function needs to know to send people to sign in: all public values, the same ones the
 * local OpenID Provider stands in for under `npm start`.
 */
export interface SignInEndpoints {
  /** The token issuer, `https://cognito-idp.<region>.amazonaws.com/<user pool id>`. */
  readonly issuer: string;
  /** The site's app client: the audience of its tokens. */
  readonly clientId: string;
  /** Managed login's origin, `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly origin: string;
}

/**
 * Words Cognito refuses in a prefix domain ("CreateUserPoolDomain": the prefix "can't contain the
 * text aws, amazon, or cognito").
 */
const reservedPrefixWords = ['aws', 'amazon', 'cognito'] as const;

/** Cognito's limit on a prefix domain's length. */
const prefixMaxLength = 63;

/**
 * Why `prefix` cannot be a Cognito prefix domain, or undefined when it can: lower-case letters,
 * digits and inner hyphens, at most 63 of them, and none of the reserved words.
 */
export function signInDomainPrefixProblem(prefix: string): string | undefined {
  if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(prefix) || prefix.length > prefixMaxLength) {
    return `must be 1 to ${prefixMaxLength} lower-case letters, digits and hyphens, starting and ending with a letter or digit`;
  }
  const reserved = reservedPrefixWords.find((word) => prefix.includes(word));
  if (reserved) return `must not contain "${reserved}", which Cognito refuses in a prefix domain`;
  return undefined;
}

/**
 * A prefix for a stack that names none: the stack's name, made acceptable, and a hash of account,
 * region and stack name (`naloxonefinder-1a2b3c4d`). Prefixes are first come, first served across
 * all of AWS in a region, so the hash keeps two copies, or two accounts, from asking for the same
 * one; one already taken fails the deploy, and `-c authDomainPrefix=…` picks another.
 */
export function defaultSignInDomainPrefix(stackName: string, account: string, region: string): string {
  const hash = createHash('sha256').update(`${account}/${region}/${stackName}`).digest('hex').slice(0, 8);
  let name = stackName.toLowerCase().replace(/[^a-z0-9]/g, '');
  // Removing one word can join two halves into another ("awamazons" → "aws"), so until none is left.
  for (let before = ''; before !== name; ) {
    before = name;
    for (const word of reservedPrefixWords) name = name.split(word).join('');
  }
  name = name.slice(0, prefixMaxLength - hash.length - 1);
  return name ? `${name}-${hash}` : `signin-${hash}`;
}

/** The origin of a Cognito prefix domain, as `UserPoolDomain.baseUrl()` builds it. */
export const prefixDomainOrigin = (prefix: string, region: string): string => `https://${prefix}.auth.${region}.amazoncognito.com`;

/** How the pool is set up for this stack. */
export interface PortalSignInProps {
  /** Managed login's prefix domain; see `defaultSignInDomainPrefix`. Passkeys are tied to it. */
  readonly domainPrefix: string;
  /**
   * The address sign-in codes and invitations come from. It must already be a verified identity in
   * Amazon SES in the stack's region (README, "Deploying to AWS"): email one-time codes need Cognito
   * to send through SES, since its built-in email cannot send them.
   */
  readonly senderEmail: string;
  /**
   * The site's origins (`https://<distribution domain>`, and a custom domain's): each gets the
   * portal's callback and signed-out pages as allowed redirects.
   */
  readonly siteOrigins: readonly string[];
  /** How long an access (and ID) token is good for. @default Duration.hours(1) */
  readonly accessTokenValidity?: Duration;
  /** How long a session lasts without signing in again. @default Duration.hours(12) – a long shift */
  readonly refreshTokenValidity?: Duration;
  /**
   * Removal policy and deletion protection of the pool and its groups, by stage (`statefulPolicyOf`):
   * the accounts and their roles are made by hand. @default `keepPolicy`
   */
  readonly policy?: StatefulPolicy;
}

/**
 * The user pool, its groups, managed login and the site's app client.
 *
 * - Accounts are made by administrators (no self sign-up) and sign in by email address, in any case.
 * - Passwordless first: a code by email, or a passkey with user verification. Cognito requires
 *   passwords to stay allowed as a first factor, but an account made without one never has one.
 * - Multi-factor authentication is optional, not required: Cognito offers no passwordless sign-in
 *   to a pool that requires it, and a passkey with user verification is two factors already. People
 *   who choose a password can add an authenticator app or email codes.
 * - The pool and its groups are retained and the pool is protected from deletion: accounts and their
 *   roles are made by hand and cannot be rebuilt from anywhere else.
 * - Essentials, not Plus: threat protection (compromised credentials, adaptive authentication) is a
 *   Plus feature, priced per user, and is not set here.
 */
export class PortalSignIn extends Construct implements SignInEndpoints {
  readonly userPool: UserPool;
  readonly domain: UserPoolDomain;
  /** The site's app client: public (no secret), authorization code grant only. */
  readonly client: UserPoolClient;
  readonly issuer: string;
  readonly clientId: string;
  readonly origin: string;
  /** The HTTP API's JWT authorizer for this pool's access tokens to the site's client. */
  readonly authorizer: HttpJwtAuthorizer;

  constructor(scope: Construct, id: string, props: PortalSignInProps) {
    super(scope, id);

    const problem = signInDomainPrefixProblem(props.domainPrefix);
    if (problem) throw new Error(`The sign-in domain prefix "${props.domainPrefix}" ${problem}`);
    const stack = Stack.of(this);
    this.origin = prefixDomainOrigin(props.domainPrefix, stack.region);

    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      // A changed address is used only once it is confirmed, so a typo cannot lock anyone out.
      keepOriginal: { email: true },
      // Sent only to confirm a changed address (nobody signs up): Cognito's default speaks of a new account.
      userVerification: {
        emailSubject: 'Confirm your email address for the naloxone finder',
        emailBody: 'Your code to confirm this email address for the naloxone finder portal is {####}',
      },
      featurePlan: FeaturePlan.ESSENTIALS,
      signInPolicy: { allowedFirstAuthFactors: { password: true, emailOtp: true, passkey: true } },
      // Managed login's own domain; a passkey is bound to it, so a new prefix means new passkeys.
      passkeyRelyingPartyId: Token.isUnresolved(stack.region) ? undefined : new URL(this.origin).hostname,
      passkeyUserVerification: PasskeyUserVerification.REQUIRED,
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { sms: false, otp: true, email: true },
      // Length over composition rules, as the NCSC advises, for those who choose a password.
      passwordPolicy: {
        minLength: 12,
        requireLowercase: false,
        requireUppercase: false,
        requireDigits: false,
        requireSymbols: false,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      email: UserPoolEmail.withSES({ fromEmail: props.senderEmail, fromName: 'Naloxone finder' }),
      deletionProtection: (props.policy ?? keepPolicy).deletionProtection,
      removalPolicy: (props.policy ?? keepPolicy).removalPolicy,
    });

    // One group per role the code knows (`roleSchema`): the token's `cognito:groups` carry them.
    for (const role of roleSchema.options) {
      const group = this.userPool.addGroup(`${pascalCase(role)}Group`, {
        groupName: role,
        description: `Naloxone finder role: ${role}`,
      });
      group.applyRemovalPolicy((props.policy ?? keepPolicy).removalPolicy);
    }

    // cdk-nag's pool rules, each a choice this class's comment explains.
    for (const [id, reason] of Object.entries({
      'AwsSolutions-COG1':
        'Passwords are optional (codes by email and passkeys come first) and, for those who choose one, at least 12 characters ' +
        'with no composition rules, as the NCSC advises: composition rules make passwords weaker and harder to remember.',
      'AwsSolutions-COG2':
        'MFA is optional because Cognito refuses passwordless sign-in (email codes, passkeys) to a pool that requires it; ' +
        'a passkey with required user verification is two factors already, and password users can add an authenticator app or email codes.',
      'AwsSolutions-COG8':
        'Essentials, not Plus: threat protection is priced per user and the portal has few, administrator-made accounts ' +
        'without self sign-up. To revisit if accounts are ever self-service.',
    })) {
      Validations.of(this.userPool).acknowledge({ id, reason });
    }

    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });

    const accessTokenValidity = props.accessTokenValidity ?? Duration.hours(1);
    this.client = this.userPool.addClient('SiteClient', {
      // A browser cannot keep a secret: the site proves itself with PKCE instead. Cognito accepts a
      // code request without a challenge, so it is the site (oauth4webapi, S256) that always sends one.
      generateSecret: false,
      // Managed login's choice of first factor (code, passkey, password) runs as USER_AUTH.
      authFlows: { user: true },
      oAuth: {
        // The code grant only: no implicit grant, whose tokens travel in the address bar.
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL],
        callbackUrls: props.siteOrigins.map((origin) => `${origin}${portalCallbackPath}`),
        logoutUrls: props.siteOrigins.map((origin) => `${origin}${portalSignedOutPath}`),
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity,
      idTokenValidity: accessTokenValidity,
      refreshTokenValidity: props.refreshTokenValidity ?? Duration.hours(12),
      // Time to fetch an emailed code between one sign-in step and the next (the default is 3 minutes).
      authSessionValidity: Duration.minutes(10),
    });

    // Cognito's default look for managed login; restyle it in the console's branding editor.
    const branding = new CfnManagedLoginBranding(this, 'Branding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    branding.node.addDependency(this.domain);

    this.issuer = `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;
    this.clientId = this.client.userPoolClientId;
    // Cognito's access tokens carry the client in `client_id`, not `aud`; API Gateway checks either.
    this.authorizer = new HttpJwtAuthorizer('PortalUsers', this.issuer, { jwtAudience: [this.clientId] });
  }
}

const pascalCase = (name: string): string =>
  name
    .split(/[_-]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
