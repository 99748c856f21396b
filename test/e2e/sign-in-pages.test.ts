/**
 * The local sign-in service in Chromium, as a person uses it: reached as `localhost` from the
 * finder on 127.0.0.1, filled in by keyboard on a 320px screen, axe-clean in every state, no
 * script and no CSP violation, its cookies on its own host and none on the finder's.
 */
import { fileURLToPath } from 'node:url';
import * as oauth from 'oauth4webapi';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { managedLoginClientLimits } from '../../functions/managed-login-limits.js';
import { type RunningFinder, startFinder } from '../../local/finder-server.js';
import { codeInEmail } from '../../local/sign-in-flow.js';
import { type GuardedContext, axeViolations, launchBrowser, newGuardedContext, screenshot } from './support/browser.js';

const siteDir = fileURLToPath(new URL('../fixtures/site/', import.meta.url));
const narrow = { width: 320, height: 640 };
const email = 'chloe.davies@example.org';

let finder: RunningFinder;
let browser: Browser;
let guarded: GuardedContext | undefined;
let cspViolations: string[] = [];

async function newPage(): Promise<Page> {
  guarded = await newGuardedContext(browser, { viewport: narrow });
  const page = await guarded.context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  return page;
}

/** Opens an authorization request as the portal sends it; the verifier to exchange the code with. */
async function startSignIn(page: Page): Promise<string> {
  const verifier = oauth.generateRandomCodeVerifier();
  const url = new URL(finder.signIn.authorizationEndpoint);
  url.search = new URLSearchParams({
    client_id: finder.signIn.audience,
    redirect_uri: `${finder.url}/portal/callback/`,
    response_type: 'code',
    scope: 'openid email',
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: oauth.generateRandomState(),
  }).toString();
  await page.goto(url.href);
  return verifier;
}

const latestCode = () => codeInEmail(finder.outbox.list().find((message) => message.to === email)?.text ?? '') ?? '';

/** Whether anything on the page is wider than the screen. */
const overflows = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

beforeAll(async () => {
  [finder, browser] = await Promise.all([startFinder({ port: 0, siteDir, seed: false }), launchBrowser()]);
});

afterEach(async () => {
  const closing = guarded;
  guarded = undefined;
  try {
    expect(closing?.offMachineRequests ?? []).toEqual([]);
    expect(cspViolations).toEqual([]);
    // The provider's session lives on localhost; the public site's host never gets a cookie.
    expect(await closing?.context.cookies(finder.url)).toEqual([]);
  } finally {
    cspViolations = [];
    await closing?.context.close();
  }
});

afterAll(async () => {
  await browser?.close();
  await finder?.close();
});

describe('the sign-in pages in Chromium', () => {
  it('sign a person in by keyboard at 320px, and the portal gets its tokens across origins', async () => {
    // Prepare
    const page = await newPage();
    const verifier = await startSignIn(page);
    const emailPage = { title: await page.title(), axe: await axeViolations(page), overflows: await overflows(page) };
    await screenshot(page, 'sign-in-email-320');

    // Act
    await page.locator('#email').focus();
    await page.keyboard.type(email);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#code');
    const codePage = { title: await page.title(), axe: await axeViolations(page), overflows: await overflows(page) };
    await screenshot(page, 'sign-in-code-320');
    await page.locator('#code').focus();
    await page.keyboard.type(latestCode());
    await Promise.all([page.waitForURL(`${finder.url}/portal/callback/**`), page.keyboard.press('Enter')]);
    // What the portal's callback page does: swap the code at the token endpoint, from its own origin.
    const tokens = await page.evaluate(
      async ({ tokenEndpoint, clientId, verifier, redirectUri }) => {
        const code = new URL(location.href).searchParams.get('code') ?? '';
        const body = new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, client_id: clientId, redirect_uri: redirectUri });
        const response = await fetch(tokenEndpoint, { method: 'POST', body });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      },
      { tokenEndpoint: finder.signIn.tokenEndpoint, clientId: finder.signIn.audience, verifier, redirectUri: `${finder.url}/portal/callback/` },
    );

    // Assess
    expect(new URL(page.url()).origin).toBe(finder.url);
    expect(emailPage).toEqual({ title: 'Enter your email address – Sign in – Naloxone finder (local)', axe: [], overflows: false });
    expect(codePage).toEqual({ title: 'Check your email – Sign in – Naloxone finder (local)', axe: [], overflows: false });
    expect(tokens.status).toBe(200);
    expect(tokens.body).toHaveProperty('access_token');
    expect((await guarded!.context.cookies(finder.signIn.issuer)).length).toBeGreaterThan(0);
  });

  it('show errors in a summary that takes focus, axe-clean, at 320px', async () => {
    // Prepare
    const page = await newPage();
    await startSignIn(page);

    // Act
    await page.getByRole('button', { name: 'Continue' }).click();
    // The page moves focus to the summary once it has loaded: wait for it rather than race it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
    const emailError = {
      title: await page.title(),
      focused: await page.evaluate(() => document.activeElement?.className),
      axe: await axeViolations(page),
      overflows: await overflows(page),
    };
    await page.locator('#email').fill(email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#code').fill('000000' === latestCode() ? '000001' : '000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const codeError = { title: await page.title(), axe: await axeViolations(page), overflows: await overflows(page) };
    await screenshot(page, 'sign-in-code-error-320');
    await page.getByRole('link', { name: 'The code is not right. Check the email and try again' }).click();
    const linkedField = await page.evaluate(() => document.activeElement?.id);

    // Assess
    expect(emailError).toEqual({ title: 'Error: Enter your email address – Sign in – Naloxone finder (local)', focused: 'error-summary', axe: [], overflows: false });
    expect(codeError).toEqual({ title: 'Error: Check your email – Sign in – Naloxone finder (local)', axe: [], overflows: false });
    expect(linkedField).toBe('code');
  });

  it('ask before signing out, then return to the portal’s signed-out page', async () => {
    // Prepare
    const page = await newPage();
    await startSignIn(page);
    await page.locator('#email').fill(email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#code').fill(latestCode());
    await Promise.all([page.waitForURL(`${finder.url}/portal/callback/**`), page.getByRole('button', { name: 'Sign in' }).click()]);
    const logout = new URL(finder.signIn.logoutEndpoint);
    logout.search = new URLSearchParams({ client_id: finder.signIn.audience, post_logout_redirect_uri: `${finder.url}/portal/signed-out/` }).toString();

    // Act
    await page.goto(logout.href);
    const question = { heading: await page.getByRole('heading', { level: 1 }).textContent(), axe: await axeViolations(page), overflows: await overflows(page) };
    await screenshot(page, 'sign-out-320');
    await Promise.all([page.waitForURL(`${finder.url}/portal/signed-out/`), page.getByRole('button', { name: 'Sign out' }).click()]);

    // Assess
    expect(question).toEqual({ heading: 'Sign out', axe: [], overflows: false });
  });

  it('show the outbox, newest first, axe-clean at 320px', async () => {
    // Prepare
    const page = await newPage();
    await startSignIn(page);
    await page.locator('#email').fill(email);
    await page.getByRole('button', { name: 'Continue' }).click();

    // Act
    await page.goto(`${finder.url}/_local/outbox`);

    // Assess
    await screenshot(page, 'outbox-320');
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe('Your sign-in code for the naloxone finder');
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflows(page)).toBe(false);
  });

  // Last: it uses up this machine's requests to the sign-in service for ten minutes.
  it('tell a client over managed login’s limits to wait, axe-clean at 320px', async () => {
    // Prepare: this machine spends its requests, as a flood would, by both of the addresses
    // `localhost` may resolve to, so the browser's is spent whichever it uses.
    const { port } = new URL(finder.signIn.issuer);
    const allowed = managedLoginClientLimits.requests.requests;
    for (const host of ['127.0.0.1', '[::1]']) {
      for (let sent = 0; sent < allowed; sent += 50) {
        await Promise.all(Array.from({ length: Math.min(50, allowed - sent) }, () => fetch(`http://${host}:${port}/.well-known/jwks.json`).then((answer) => answer.arrayBuffer())));
      }
    }
    const page = await newPage();

    // Act
    const answer = await page.goto(finder.signIn.authorizationEndpoint);

    // Assess
    expect(answer?.status()).toBe(429);
    await screenshot(page, 'sign-in-too-many-320');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Too many sign-in attempts');
    expect(await axeViolations(page)).toEqual([]);
    expect(await overflows(page)).toBe(false);
  });
});
