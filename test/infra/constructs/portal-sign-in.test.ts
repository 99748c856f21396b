/**
 * The sign-in construct on its own, in a bare stack (no bundling), and the prefix rules it uses.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { roleSchema } from '../../../functions/contract/me.js';
import {
  PortalSignIn,
  defaultSignInDomainPrefix,
  prefixDomainOrigin,
  signInDomainPrefixProblem,
} from '../../../infra/constructs/portal-sign-in.js';
import { projectRoot } from '../../../infra/project-paths.js';

type Resource = { Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string; DependsOn?: string[] };

const siteOrigins = ['https://d111111abcdef8.cloudfront.net', 'https://naloxone.example.org'];

// The same feature flags as `cdk synth`, so the tests see what would be deployed.
const { context } = JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8'));

function build(domainPrefix = 'finder-test'): { stack: Stack; signIn: PortalSignIn } {
  const stack = new Stack(new App({ context }), 'SignInTest', { env: { account: '111111111111', region: 'eu-west-2' } });
  const signIn = new PortalSignIn(stack, 'SignIn', { domainPrefix, senderEmail: 'portal@finder.example.org', siteOrigins });
  return { stack, signIn };
}

/** The one resource of `type` in the template. */
function only(template: Template, type: string): [string, Resource] {
  const found = Object.entries(template.findResources(type));
  expect(found).toHaveLength(1);
  return found[0] as [string, Resource];
}

describe('PortalSignIn', () => {
  let template: Template;
  let signIn: PortalSignIn;
  let stack: Stack;
  beforeAll(() => {
    ({ stack, signIn } = build());
    template = Template.fromStack(stack);
  });

  it('keeps a user pool that only administrators add to, signed in to by email address in any case', () => {
    // Act
    const [, pool] = only(template, 'AWS::Cognito::UserPool');

    // Assess
    expect(pool.Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    });
  });

  it('offers codes by email and passkeys with user verification as first factors, on the Essentials plan', () => {
    // Act
    const [, pool] = only(template, 'AWS::Cognito::UserPool');

    // Assess
    expect(pool.Properties.UserPoolTier).toBe('ESSENTIALS');
    expect(pool.Properties.Policies.SignInPolicy.AllowedFirstAuthFactors).toEqual(['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN']);
    expect(pool.Properties.WebAuthnRelyingPartyID).toBe('finder-test.auth.eu-west-2.amazoncognito.com');
    expect(pool.Properties.WebAuthnUserVerification).toBe('required');
  });

  it('sends its email through SES from the given sender, which email codes need', () => {
    // Act
    const [, pool] = only(template, 'AWS::Cognito::UserPool');

    // Assess
    expect(pool.Properties.EmailConfiguration).toEqual({
      EmailSendingAccount: 'DEVELOPER',
      From: 'Naloxone finder <portal@finder.example.org>',
      SourceArn: 'arn:aws:ses:eu-west-2:111111111111:identity/portal@finder.example.org',
    });
  });

  it('leaves multi-factor authentication optional, without text messages, so that passwordless sign-in stays open', () => {
    // Act
    const [, pool] = only(template, 'AWS::Cognito::UserPool');

    // Assess
    expect(pool.Properties.MfaConfiguration).toBe('OPTIONAL');
    expect(pool.Properties.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);
    expect(pool.Properties.SmsConfiguration).toBeUndefined();
    template.resourceCountIs('AWS::IAM::Role', 0);
  });

  it('protects the pool from deletion and keeps it, and its groups, when the stack goes', () => {
    // Act
    const [, pool] = only(template, 'AWS::Cognito::UserPool');
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')) as Resource[];

    // Assess
    expect(pool.Properties.DeletionProtection).toBe('ACTIVE');
    expect([pool.DeletionPolicy, pool.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    for (const group of groups) expect([group.DeletionPolicy, group.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
  });

  it('has one group per role the code knows', () => {
    // Act
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')) as Resource[];

    // Assess
    expect(groups.map((group) => group.Properties.GroupName).sort()).toEqual([...roleSchema.options].sort());
    expect(roleSchema.options).toEqual(expect.arrayContaining(['outlet_staff', 'commissioner', 'admin']));
  });

  it('hosts the newer managed login on its prefix domain, in Cognito\'s default style for the site\'s client', () => {
    // Prepare
    const [domainId, domain] = only(template, 'AWS::Cognito::UserPoolDomain');
    const [clientId] = only(template, 'AWS::Cognito::UserPoolClient');
    const [poolId] = only(template, 'AWS::Cognito::UserPool');

    // Act
    const [, branding] = only(template, 'AWS::Cognito::ManagedLoginBranding');

    // Assess
    expect(domain.Properties).toEqual({ Domain: 'finder-test', ManagedLoginVersion: 2, UserPoolId: { Ref: poolId } });
    expect(branding.Properties).toEqual({ UserPoolId: { Ref: poolId }, ClientId: { Ref: clientId }, UseCognitoProvidedValues: true });
    expect(branding.DependsOn).toContain(domainId);
    expect(signIn.origin).toBe('https://finder-test.auth.eu-west-2.amazoncognito.com');
  });

  it('gives the site a public client with the code grant alone, for openid and email, back to the portal\'s pages', () => {
    // Act
    const [, client] = only(template, 'AWS::Cognito::UserPoolClient');

    // Assess
    expect(client.Properties).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email'],
      SupportedIdentityProviders: ['COGNITO'],
      ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      CallbackURLs: siteOrigins.map((origin) => `${origin}/portal/callback/`),
      LogoutURLs: siteOrigins.map((origin) => `${origin}/portal/signed-out/`),
    });
  });

  it('keeps tokens for an hour and sessions for a 12-hour shift, revocable, and does not say who has an account', () => {
    // Act
    const [, client] = only(template, 'AWS::Cognito::UserPoolClient');

    // Assess
    expect(client.Properties).toMatchObject({
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 720,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
      EnableTokenRevocation: true,
      PreventUserExistenceErrors: 'ENABLED',
    });
  });

  it('gives an authorizer for the pool\'s issuer and the site\'s client, and the same values to functions', () => {
    // Prepare
    const [poolId] = only(template, 'AWS::Cognito::UserPool');
    const [clientId] = only(template, 'AWS::Cognito::UserPoolClient');

    // Act
    const endpoints = stack.resolve({ issuer: signIn.issuer, clientId: signIn.clientId });

    // Assess
    expect(signIn.authorizer.authorizationType).toBe('JWT');
    expect(endpoints).toEqual({
      issuer: { 'Fn::Join': ['', ['https://cognito-idp.eu-west-2.', { Ref: 'AWS::URLSuffix' }, '/', { Ref: poolId }]] },
      clientId: { Ref: clientId },
    });
  });

  it('refuses a prefix Cognito would refuse', () => {
    // Act
    const act = () => build('my-cognito-login');

    // Assess
    expect(act).toThrow(/"my-cognito-login" must not contain "cognito"/);
  });
});

describe('signInDomainPrefixProblem', () => {
  it.each(['naloxonefinder-1a2b3c4d', 'a', '0-9'])('accepts %s', (prefix) => {
    // Act
    const problem = signInDomainPrefixProblem(prefix);

    // Assess
    expect(problem).toBeUndefined();
  });

  it.each([
    ['NaloxoneFinder', /lower-case/],
    ['-finder', /starting and ending/],
    ['finder-', /starting and ending/],
    ['finder.login', /lower-case/],
    ['a'.repeat(64), /1 to 63/],
    ['finder-aws', /"aws"/],
    ['amazonfinder', /"amazon"/],
  ])('refuses %s', (prefix, reason) => {
    // Act
    const problem = signInDomainPrefixProblem(prefix);

    // Assess
    expect(problem).toMatch(reason);
  });
});

describe('defaultSignInDomainPrefix', () => {
  it('is the stack name in lower case and a hash, the same on every synth', () => {
    // Act
    const prefixes = [1, 2].map(() => defaultSignInDomainPrefix('NaloxoneFinder', '111111111111', 'eu-west-2'));

    // Assess
    expect(prefixes[0]).toMatch(/^naloxonefinder-[0-9a-f]{8}$/);
    expect(prefixes[1]).toBe(prefixes[0]);
  });

  it('differs between accounts, regions and stacks, which share Cognito\'s prefixes', () => {
    // Act
    const prefixes = [
      defaultSignInDomainPrefix('NaloxoneFinder', '111111111111', 'eu-west-2'),
      defaultSignInDomainPrefix('NaloxoneFinder', '222222222222', 'eu-west-2'),
      defaultSignInDomainPrefix('NaloxoneFinder', '111111111111', 'eu-west-1'),
      defaultSignInDomainPrefix('NaloxoneFinderStaging', '111111111111', 'eu-west-2'),
    ];

    // Assess
    expect(new Set(prefixes).size).toBe(4);
  });

  it.each(['AwsNaloxoneFinder', 'AwAmazonsFinder', 'CognitoCognito', `Naloxone${'X'.repeat(120)}`])(
    'makes an acceptable prefix of the stack name %s',
    (stackName) => {
      // Act
      const prefix = defaultSignInDomainPrefix(stackName, '111111111111', 'eu-west-2');

      // Assess
      expect(signInDomainPrefixProblem(prefix)).toBeUndefined();
    },
  );
});

describe('prefixDomainOrigin', () => {
  it('is the prefix domain\'s https origin in the region', () => {
    // Act
    const origin = prefixDomainOrigin('naloxonefinder-1a2b3c4d', 'eu-west-2');

    // Assess
    expect(origin).toBe('https://naloxonefinder-1a2b3c4d.auth.eu-west-2.amazoncognito.com');
  });
});
