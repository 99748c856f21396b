/**
 * Signing in to the local finder end to end: `startFinder` starts its own sign-in service, the demo
 * users are loaded with their memberships, a real token opens `/api/me`, and the API's authorizer
 * refuses every token the service would not have issued.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeResponse } from '../../functions/contract/me.js';
import { type RunningFinder, startFinder } from '../../local/finder-server.js';
import type { OutboxMessage } from '../../local/outbox.js';
import { forgedTokens, tokenFor } from '../support/tokens.js';

const siteDir = fileURLToPath(new URL('../fixtures/site/', import.meta.url));
let finder: RunningFinder;

const me = async (token: string) => {
  const response = await fetch(`${finder.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as MeResponse };
};

beforeAll(async () => {
  finder = await startFinder({ port: 0, siteDir });
});

afterAll(async () => {
  await finder?.close();
});

describe('startFinder', () => {
  it('starts its own sign-in service on localhost and names it at /api/sign-in', async () => {
    // Act
    const response = await fetch(`${finder.url}/api/sign-in`);

    // Assess
    expect(finder.identityProvider).toBeDefined();
    expect(await response.json()).toEqual({
      issuer: finder.signIn.issuer,
      clientId: finder.signIn.audience,
      authorizationEndpoint: finder.signIn.authorizationEndpoint,
      tokenEndpoint: finder.signIn.tokenEndpoint,
      logoutEndpoint: finder.signIn.logoutEndpoint,
      scopes: ['openid', 'email'],
    });
    expect(new URL(finder.signIn.issuer).hostname).toBe('localhost');
  });
});

describe('the demo users', () => {
  it('sign in as outlet staff of their outlets', async () => {
    // Act
    const asha = await me(await tokenFor(finder.url, 'asha'));
    const ben = await me(await tokenFor(finder.url, 'ben'));

    // Assess
    expect(asha.status).toBe(200);
    expect(asha.body).toMatchObject({ label: 'Asha Patel (asha.patel@example.org)', roles: ['outlet_staff'], areas: [] });
    expect(asha.body.outlets.map((outlet) => outlet.id).sort()).toEqual(['FD532', 'FEX27']);
    expect(ben.body.outlets.map((outlet) => outlet.id)).toEqual(['FN831']);
  });

  it('sign in as the commissioner of Manchester and as an administrator', async () => {
    // Act
    const chloe = await me(await tokenFor(finder.url, 'chloe'));
    const dami = await me(await tokenFor(finder.url, 'dami'));

    // Assess
    expect(chloe.body).toMatchObject({ roles: ['commissioner'], outlets: [], areas: [{ code: 'E08000003', name: 'Manchester' }] });
    expect(dami.body).toMatchObject({ roles: ['admin'], outlets: [], areas: [] });
  });
});

describe('the API’s token check', () => {
  it('accepts a token signed with the provider’s key and refuses every other kind', async () => {
    // Prepare
    const tokens = await forgedTokens(finder.identityProvider!, 'asha');

    // Act
    const statuses = Object.fromEntries(
      await Promise.all(Object.entries(tokens).map(async ([kind, token]) => [kind, (await me(token)).status] as const)),
    );
    const none = (await fetch(`${finder.url}/api/me`)).status;

    // Assess
    expect(statuses).toEqual({ valid: 200, expired: 401, wrongIssuer: 401, wrongAudience: 401, badSignature: 401, idToken: 401 });
    expect(none).toBe(401);
  });
});

describe('the local outbox', () => {
  it('shows the sign-in emails at /_local/outbox.json and /_local/outbox, newest first', async () => {
    // Prepare
    await tokenFor(finder.url, 'ben');
    await tokenFor(finder.url, 'chloe');

    // Act
    const json = await fetch(`${finder.url}/_local/outbox.json`);
    const page = await fetch(`${finder.url}/_local/outbox`);
    const messages = (await json.json()) as OutboxMessage[];
    const html = await page.text();

    // Assess
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(messages.slice(0, 2).map((message) => message.to)).toEqual(['chloe.davies@example.org', 'ben.okafor@example.org']);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html.indexOf('chloe.davies@example.org')).toBeLessThan(html.indexOf('ben.okafor@example.org'));
    expect(html).toContain('Your sign-in code is');
  });
});
