/**
 * The local sign-in service as the portal and the API see it: a standard OpenID Provider whose
 * access tokens pass the API's JWT authorizer with Cognito's claims.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers, subjectOf } from '../../local/demo-users.js';
import { createJwtAuthorizer } from '../../local/jwt-authorizer.js';
import { formAction } from '../../local/sign-in-flow.js';
import { signingKeysFile } from '../../local/signing-keys.js';
import { type TestProvider, postLogoutRedirectUri, redirectUri, startTestProvider } from '../support/identity-provider.js';

let local: TestProvider;
const asha = demoUsers.find((user) => user.user === 'asha')!;

/** Signs in through the pages, email first; the token endpoint's answer. */
async function signIn(email: string, parameters: Record<string, string | null> = {}) {
  const browser = local.browser();
  const emailPage = await browser.authorize(parameters);
  const codePage = await browser.submit(emailPage, 'name="email"', { email });
  return { browser, tokens: await browser.exchange(await browser.submit(codePage, 'name="code"', { code: local.latestCode(email) ?? '' })) };
}

beforeAll(async () => {
  local = await startTestProvider();
});

afterAll(async () => {
  await local?.close();
});

describe('discovery and keys', () => {
  it('publishes a standard discovery document at the issuer, named localhost', async () => {
    // Act
    const response = await fetch(`${local.provider.issuer}/.well-known/openid-configuration`);
    const document = (await response.json()) as Record<string, unknown>;

    // Assess
    expect(local.provider.issuer).toMatch(/^http:\/\/localhost:\d+$/);
    expect(document).toMatchObject({
      issuer: local.provider.issuer,
      authorization_endpoint: local.provider.authorizationEndpoint,
      token_endpoint: local.provider.tokenEndpoint,
      end_session_endpoint: local.provider.logoutEndpoint,
      revocation_endpoint: local.provider.revocationEndpoint,
      jwks_uri: local.provider.jwksUri,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['none'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
  });

  it('serves the public half of its RS256 key, and nothing private', async () => {
    // Act
    const { keys } = (await (await fetch(local.provider.jwksUri)).json()) as { keys: Record<string, unknown>[] };

    // Assess
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', kid: local.provider.signingKey.kid, alg: 'RS256', use: 'sig' });
    for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(keys[0]).not.toHaveProperty(secret);
  });

  it('answers on 127.0.0.1 and on ::1, so localhost works whichever comes first', async () => {
    // Prepare
    const port = new URL(local.provider.issuer).port;

    // Act
    const [v4, v6] = await Promise.all([
      fetch(`http://127.0.0.1:${port}/.well-known/openid-configuration`),
      fetch(`http://[::1]:${port}/.well-known/openid-configuration`),
    ]);

    // Assess
    expect(v4.status).toBe(200);
    expect(v6.status).toBe(200);
  });
});

describe('signing in with a code from the email', () => {
  it('gives an access token the API authorizer accepts, with Cognito claims', async () => {
    // Prepare
    const authorize = createJwtAuthorizer(local.provider);

    // Act
    const { tokens } = await signIn(asha.email);
    const claims = await authorize(`Bearer ${tokens.access_token}`);

    // Assess
    expect(decodeProtectedHeader(tokens.access_token)).toMatchObject({ alg: 'RS256', kid: local.provider.signingKey.kid });
    expect(tokens.expires_in).toBe(3600);
    expect(claims).toMatchObject({
      iss: local.provider.issuer,
      sub: subjectOf(asha.email),
      client_id: local.provider.clientId,
      token_use: 'access',
      'cognito:groups': '[outlet_staff]',
      scope: 'openid email',
      username: subjectOf(asha.email),
    });
    expect(Number(claims?.exp) - Number(claims?.iat)).toBe(3600);
    expect(claims?.jti).toBeTruthy();
  });

  it('gives an ID token like Cognito’s, and a refresh token that gives a new access token', async () => {
    // Prepare
    const { tokens } = await signIn(asha.email, { scope: 'openid email profile' });
    const as = { issuer: local.provider.issuer, token_endpoint: local.provider.tokenEndpoint };
    const client = { client_id: local.provider.clientId };

    // Act
    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refresh_token ?? '', { [oauth.allowInsecureRequests]: true }),
    );

    // Assess
    expect(decodeJwt(tokens.id_token ?? '')).toMatchObject({
      token_use: 'id',
      email: asha.email,
      email_verified: true,
      name: asha.name,
      'cognito:groups': ['outlet_staff'],
      aud: local.provider.clientId,
    });
    expect(decodeJwt(refreshed.access_token)).toMatchObject({ sub: subjectOf(asha.email), token_use: 'access' });
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
  });

  it('puts each user’s groups in their token', async () => {
    // Act
    const groups = [];
    for (const user of demoUsers) groups.push(decodeJwt((await signIn(user.email)).tokens.access_token)['cognito:groups']);

    // Assess
    expect(groups).toEqual(demoUsers.map((user) => user.groups));
  });

  it('skips the email page when the request names the address in login_hint', async () => {
    // Prepare
    const browser = local.browser();

    // Act
    const codePage = await browser.authorize({ login_hint: asha.email });
    const callback = await browser.submit(codePage, 'name="code"', { code: local.latestCode(asha.email) ?? '' });

    // Assess
    expect(formAction(codePage, 'name="email"')).toBeUndefined();
    expect((await browser.exchange(callback)).access_token).toBeTruthy();
  });

  it('refuses an authorization request without PKCE', async () => {
    // Prepare
    const browser = local.browser();

    // Act
    const answer = await browser.authorize({ code_challenge: null, code_challenge_method: null });

    // Assess
    const back = new URL(answer.url);
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('refuses to exchange a code without the verifier that matches its challenge', async () => {
    // Prepare
    const browser = local.browser();
    const codePage = await browser.authorize({ login_hint: asha.email });
    const callback = await browser.submit(codePage, 'name="code"', { code: local.latestCode(asha.email) ?? '' });
    const code = new URL(callback.url).searchParams.get('code') ?? '';

    // Act
    const response = await fetch(local.provider.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        client_id: local.provider.clientId,
        code_verifier: oauth.generateRandomCodeVerifier(),
      }),
    });

    // Assess
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a redirect URI it does not know, without redirecting there', async () => {
    // Prepare
    const browser = local.browser();

    // Act
    const answer = await browser.authorize({ redirect_uri: 'http://127.0.0.1:9/elsewhere/' });

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.html).toContain('redirect_uri');
  });
});

describe('signing out', () => {
  it('asks, then ends the session and returns to the post-logout URI', async () => {
    // Prepare
    const { browser } = await signIn(asha.email);
    const logout = new URL(local.provider.logoutEndpoint);
    logout.search = new URLSearchParams({ client_id: local.provider.clientId, post_logout_redirect_uri: postLogoutRedirectUri }).toString();

    // Act
    const question = await browser.open(logout.href);
    const done = await browser.submit(question, 'name="xsrf"', { ...hiddenFields(question.html), logout: 'yes' });
    const again = await browser.authorize();

    // Assess
    expect(question.html).toContain('Do you want to sign out');
    expect(done.url).toBe(postLogoutRedirectUri);
    expect(formAction(again, 'name="email"')).toBeDefined();
  });

  it('revokes a refresh token at the revocation endpoint, as Cognito’s /oauth2/revoke does', async () => {
    // Prepare
    const { tokens } = await signIn(asha.email);
    const form = (fields: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams({ client_id: local.provider.clientId, ...fields }) });

    // Act
    const revoked = await fetch(local.provider.revocationEndpoint, form({ token: tokens.refresh_token ?? '', token_type_hint: 'refresh_token' }));
    const refresh = await fetch(local.provider.tokenEndpoint, form({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' }));

    // Assess
    expect(revoked.status).toBe(200);
    expect(refresh.status).toBe(400);
    expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('takes Cognito’s logout_uri as well', async () => {
    // Prepare
    const { browser } = await signIn(asha.email);
    const logout = new URL(local.provider.logoutEndpoint);
    logout.search = new URLSearchParams({ client_id: local.provider.clientId, logout_uri: postLogoutRedirectUri }).toString();

    // Act
    const question = await browser.open(logout.href);
    const done = await browser.submit(question, 'name="xsrf"', { ...hiddenFields(question.html), logout: 'yes' });

    // Assess
    expect(done.url).toBe(postLogoutRedirectUri);
  });
});

describe('keys across restarts', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'identity-keys-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps its signing key in the data folder, so a token from before a restart still verifies', async () => {
    // Prepare
    const first = await startTestProvider({ dataDir });
    const { tokens } = await (async () => {
      const browser = first.browser();
      const codePage = await browser.authorize({ login_hint: asha.email });
      return { tokens: await browser.exchange(await browser.submit(codePage, 'name="code"', { code: first.latestCode(asha.email) ?? '' })) };
    })();
    await first.close();

    // Act
    const second = await startTestProvider({ dataDir, port: Number(new URL(first.provider.issuer).port) });
    const claims = await createJwtAuthorizer(second.provider)(tokens.access_token);
    await second.close();

    // Assess
    expect(second.provider.signingKey.kid).toBe(first.provider.signingKey.kid);
    expect(claims?.sub).toBe(subjectOf(asha.email));
    expect((await stat(join(dataDir, signingKeysFile))).mode & 0o777).toBe(0o600);
  });
});

/** The hidden fields of a page's forms, as a browser would send them. */
function hiddenFields(html: string): Record<string, string> {
  return Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((match) => [match[1], match[2]]));
}
