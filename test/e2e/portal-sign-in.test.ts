/**
 * Signing in to the outlet portal in a real browser, through the local sign-in service's real
 * pages (the stand-in for Cognito's managed login, on `localhost`), with the code read from the
 * local outbox: the first screen, the taps from signed out to a confirmed stock update, the
 * callback's failures, signing out, refreshing and ending a session, and what is kept where.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, desktop, phone, screenshot } from './support/browser.js';
import {
  countTaps,
  demoUser,
  enterCodeOnProvider,
  expectPublicPagesClean,
  openSignedIn,
  preparedSession,
  recordCspViolations,
  sessionKey,
  signInFromPortal,
  storageOf,
} from './support/portal.js';
import { useE2eSession } from './support/session.js';
import { testTileUrl } from './support/site-build.js';
import { contentSecurityPolicy } from '../../functions/contract/web-policy.js';

const e2e = useE2eSession({ portal: true });
const asha = demoUser('asha');
/** Asha's first listing, as `/api/me` orders them. */
let ashaListing: string;

beforeAll(() => {
  ashaListing = asha.outlets[0]!;
});

const home = (page: Page) => page.locator('[data-home-signed-in]');

describe('the portal signed out', () => {
  it.each([
    { screen: 'phone', viewport: phone },
    { screen: 'desktop', viewport: desktop },
  ])('explains itself and asks for an email address, with no axe violations ($screen)', async ({ screen, viewport }) => {
    const page = await e2e.openPage('/portal/', { viewport });

    await page.getByRole('heading', { level: 1, name: 'Keep your naloxone listing up to date' }).waitFor();
    expect(await page.title()).toBe('Sign in – Outlet portal – Find free naloxone');
    expect(await page.getByRole('button', { name: 'Send me a sign-in code' }).isVisible()).toBe(true);
    expect(await page.locator('meta[name="robots"]').getAttribute('content')).toContain('noindex');
    // The portal's policy comes as a header (it must name the sign-in service's origin); never a meta tag.
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(0);
    expect(await page.locator('[data-portal-account]').isHidden()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, `portal-signed-out-${screen}`, { fullPage: false });
  });

  it('says what is wrong with the email address, in the same words in the summary and by the field', async () => {
    const page = await e2e.openPage('/portal/');
    const summary = page.locator('[data-error-summary]');

    await page.getByRole('button', { name: 'Send me a sign-in code' }).click();
    await summary.waitFor();
    expect(await summary.locator('li').allTextContents()).toEqual(['Enter your email address']);
    expect(await page.locator('#email-error [data-field-error-text]').textContent()).toBe('Enter your email address');
    expect(await page.title()).toBe('Error: Sign in – Outlet portal – Find free naloxone');

    await page.getByLabel('Email address').fill('asha at example');
    await page.getByRole('button', { name: 'Send me a sign-in code' }).click();
    await expect.poll(() => summary.locator('li').allTextContents()).toEqual(['Enter an email address in the correct format, like name@example.com']);
    expect(await page.getByLabel('Email address').inputValue()).toBe('asha at example');
    expect(await page.getByLabel('Email address').getAttribute('aria-invalid')).toBe('true');
    expect(new URL(page.url()).host).toBe(new URL(e2e.finder.url).host);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'portal-sign-in-error-phone', { fullPage: false });
  });
});

describe('signing in', () => {
  it('takes three taps from the signed-out first screen to a confirmed stock update, and one when signed in', async () => {
    const page = await e2e.newPage();
    const taps = await countTaps(e2e.guarded.context);
    await page.goto(`${e2e.finder.url}/portal/`);

    await signInFromPortal(page, e2e.finder.url, asha.email);
    const listing = page.locator(`[data-listing="${ashaListing}"]`);
    await listing.getByRole('button', { name: 'In stock', exact: true }).click();
    await listing.locator('[data-one-tap-status]').filter({ hasText: 'Saved' }).waitFor();
    const fromSignedOut = taps();

    expect(new URL(page.url()).pathname).toBe('/portal/');
    expect(await page.locator('[data-portal-person]').textContent()).toBe(`${asha.name} (${asha.email})`);
    expect(await listing.locator('[data-one-tap-status]').textContent()).toBe('Saved: In stock. Listing confirmed today.');

    // Signed in already: open the first screen again and tap.
    await page.goto(`${e2e.finder.url}/portal/`);
    const before = taps().length;
    await listing.getByRole('button', { name: 'Running low', exact: true }).click();
    await listing.locator('[data-one-tap-status]').filter({ hasText: 'Saved: Running low' }).waitFor();
    const signedIn = taps().slice(before);

    console.log(`Taps from opening /portal/ to a confirmed stock update – signed out: ${fromSignedOut.length} (${fromSignedOut.join(' → ')}); signed in: ${signedIn.length} (${signedIn.join(' → ')})`);
    expect(fromSignedOut).toHaveLength(3);
    expect(signedIn).toHaveLength(1);
    await screenshot(page, 'portal-home-signed-in-phone', { fullPage: false });
  });

  it('keeps the tokens in this tab’s sessionStorage only, and the public pages hold nothing of them', async () => {
    const page = await e2e.openPage('/portal/');
    await signInFromPortal(page, e2e.finder.url, asha.email);
    await home(page).waitFor();

    expect(await storageOf(page)).toEqual({ cookie: '', local: [], session: [sessionKey] });
    expect(await e2e.guarded.context.cookies(e2e.finder.url)).toEqual([]);
    await expectPublicPagesClean(e2e.guarded.context, e2e.finder.url, ['/', `/outlet/?id=${ashaListing}`, '/how-to-give-naloxone/']);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('signs in on the sign-in service’s own email page too, and comes back to the page asked for', async () => {
    const page = await e2e.openPage(`/portal/outlet/?id=${ashaListing}`, { viewport: desktop });
    await page.getByRole('heading', { level: 1, name: 'Sign in to the outlet portal' }).waitFor();
    expect(await page.title()).toBe('Sign in – Outlet portal – Find free naloxone');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'portal-sign-in-needed-desktop', { fullPage: false });

    const sentAfter = new Date(Date.now() - 1000);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByLabel('Enter your email address').fill(asha.email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await enterCodeOnProvider(page, e2e.finder.url, asha.email, sentAfter);

    await page.locator('[data-overview] h1').waitFor();
    expect(`${new URL(page.url()).pathname}${new URL(page.url()).search}`).toBe(`/portal/outlet/?id=${ashaListing}`);
    // The code and state are gone from the address bar.
    expect(page.url()).not.toContain('code=');
  });
});

describe('when signing in goes wrong', () => {
  it('says so when the callback has no sign-in of this tab to finish', async () => {
    const page = await e2e.openPage('/portal/callback/?code=made-up&state=made-up');

    await page.getByRole('heading', { level: 1, name: 'Sign-in did not work' }).waitFor();
    expect(await page.locator('[data-callback-reason]').textContent()).toContain('already been used or has expired');
    expect(await page.title()).toBe('Sign-in did not work – Outlet portal – Find free naloxone');
    expect(page.url()).toBe(`${e2e.finder.url}/portal/callback/`);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'portal-callback-failed-phone', { fullPage: false });
  });

  it('says so when the sign-in service refuses, and never keeps a session', async () => {
    const page = await e2e.openPage('/portal/');
    const authorize = page.waitForRequest((request) => new URL(request.url()).pathname.endsWith('/authorize'));
    await page.getByLabel('Email address').fill(asha.email);
    await page.getByRole('button', { name: 'Send me a sign-in code' }).click();
    const state = new URL((await authorize).url()).searchParams.get('state');
    expect(state).toMatch(/^[\w-]{20,}$/);
    expect(new URL((await authorize).url()).searchParams.get('code_challenge_method')).toBe('S256');

    await page.goto(`${e2e.finder.url}/portal/callback/?error=access_denied&state=${state}`);

    await page.getByRole('heading', { level: 1, name: 'Sign-in did not work' }).waitFor();
    expect(await page.locator('[data-callback-reason]').textContent()).toBe('Sign-in was cancelled or refused. Sign in again.');
    expect((await storageOf(page)).session).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('sessions', () => {
  it('signs out at the sign-in service and lands on the signed-out page with nothing kept', async () => {
    const page = await e2e.openPage('/portal/');
    await signInFromPortal(page, e2e.finder.url, asha.email);
    await home(page).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    // The local service asks, as an OpenID Provider does; Cognito's logout does not.
    await page.getByRole('button', { name: 'Sign out' }).click();

    await page.getByRole('heading', { level: 1, name: 'You have signed out' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/portal/signed-out/');
    expect(await storageOf(page)).toEqual({ cookie: '', local: [], session: [] });
    expect(await page.locator('[data-portal-account]').isHidden()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'portal-signed-out-page-phone', { fullPage: false });

    await page.goto(`${e2e.finder.url}/portal/`);
    await page.getByRole('button', { name: 'Send me a sign-in code' }).waitFor();
    await page.goto(`${e2e.finder.url}/`);
    expect(await storageOf(page)).toEqual({ cookie: '', local: [], session: [] });
  });

  it('refreshes an access token that has run out, where the service issued a refresh token', async () => {
    const session = await preparedSession(e2e.finder.url, 'asha');
    expect(session.refreshToken).not.toBeNull();
    const page = await e2e.newPage();

    await openSignedIn(page, e2e.finder.url, { ...session, expiresAt: Date.now() - 60_000 }, '/portal/');

    await home(page).waitFor();
    const kept = await page.evaluate((key) => JSON.parse(sessionStorage.getItem(key) ?? 'null') as { accessToken: string; expiresAt: number }, sessionKey);
    expect(kept.accessToken).not.toBe(session.accessToken);
    expect(kept.expiresAt).toBeGreaterThan(Date.now());
  });

  it('says plainly that a session has ended when it cannot be refreshed, and comes back after signing in', async () => {
    const session = await preparedSession(e2e.finder.url, 'asha');
    const page = await e2e.newPage();

    await openSignedIn(page, e2e.finder.url, { ...session, refreshToken: null, expiresAt: Date.now() - 60_000 }, `/portal/outlet/history/?id=${ashaListing}`);

    await page.getByRole('heading', { level: 1, name: 'Your session has ended' }).waitFor();
    expect(await page.title()).toBe('Your session has ended – Outlet portal – Find free naloxone');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'portal-session-ended-phone', { fullPage: false });

    const sentAfter = new Date(Date.now() - 1000);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByLabel('Enter your email address').fill(asha.email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await enterCodeOnProvider(page, e2e.finder.url, asha.email, sentAfter);

    await page.getByRole('heading', { level: 1, name: /History of changes/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/portal/outlet/history/');
  });
});

describe('the portal’s Content-Security-Policy', () => {
  it('is sent as a header that reaches the sign-in service, never as a meta tag', async () => {
    const signInOrigin = new URL(e2e.finder.signIn.tokenEndpoint).origin;
    const portal = await fetch(`${e2e.finder.url}/portal/`);
    const publicPage = await fetch(`${e2e.finder.url}/`);

    expect(portal.headers.get('content-security-policy')).toBe(
      contentSecurityPolicy({ tileUrl: testTileUrl, signInOrigin }),
    );
    expect(portal.headers.get('content-security-policy')).toMatch(new RegExp(`connect-src 'self' ${signInOrigin}`));
    expect(publicPage.headers.get('content-security-policy')).not.toContain(signInOrigin);
    expect(await portal.text()).not.toContain('http-equiv="Content-Security-Policy"');
  });

  it('signs in, refreshes a token and works on every portal page under it, with no violation', async () => {
    const page = await e2e.newPage();
    const violations = await recordCspViolations(e2e.guarded.context);
    const tokenRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url() === e2e.finder.signIn.tokenEndpoint) tokenRequests.push(new URLSearchParams(request.postData() ?? '').get('grant_type') ?? '');
    });
    await page.goto(`${e2e.finder.url}/portal/`);

    await signInFromPortal(page, e2e.finder.url, asha.email);
    const listing = page.locator(`[data-listing="${ashaListing}"]`);
    await listing.getByRole('button', { name: 'In stock', exact: true }).click();
    await listing.locator('[data-one-tap-status]').filter({ hasText: 'Saved' }).waitFor();
    // A token that has run out is refreshed from the page, across origins, as the code was swapped.
    await page.evaluate((key) => {
      const session = JSON.parse(sessionStorage.getItem(key) ?? '{}') as { expiresAt: number };
      sessionStorage.setItem(key, JSON.stringify({ ...session, expiresAt: Date.now() - 60_000 }));
    }, sessionKey);
    for (const [path, ready] of [
      [`/portal/outlet/edit/?id=${ashaListing}`, '[data-edit-form]'],
      [`/portal/outlet/?id=${ashaListing}`, '[data-overview] h1'],
      [`/portal/outlet/kits/?id=${ashaListing}`, '[data-kits-form]'],
      [`/portal/outlet/batches/?id=${ashaListing}`, '[data-batch-form]'],
      [`/portal/outlet/history/?id=${ashaListing}`, '[data-history] h1'],
      [`/portal/outlet/reports/?id=${ashaListing}`, '[data-reports] h1'],
    ] as const) {
      await page.goto(`${e2e.finder.url}${path}`);
      await page.locator(ready).waitFor();
    }

    expect(tokenRequests).toEqual(['authorization_code', 'refresh_token']);
    expect(violations()).toEqual([]);
  });
});

describe('the service worker and the portal', () => {
  it('stores no portal page, and nothing a portal page loads, even when it controls the tab', async () => {
    const session = await preparedSession(e2e.finder.url, 'asha');
    const page = await e2e.openPage('/');
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

    await openSignedIn(page, e2e.finder.url, session, '/portal/');
    await home(page).waitFor();
    await page.goto(`${e2e.finder.url}/portal/outlet/edit/?id=${ashaListing}`);
    await page.locator('[data-edit-form]').waitFor();
    const portalScripts = await page.evaluate(() => [...document.querySelectorAll<HTMLScriptElement>('script[src]')].map((script) => script.src));

    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
      return urls;
    });
    expect(cached.length).toBeGreaterThan(0);
    expect(cached.filter((url) => new URL(url).pathname.startsWith('/portal') || portalScripts.includes(url))).toEqual([]);
  });

  it('is never registered by a portal page', async () => {
    const page = await e2e.openPage('/portal/');
    await page.getByRole('button', { name: 'Send me a sign-in code' }).waitFor();
    await page.waitForLoadState('load');

    expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((registrations) => registrations.length))).toBe(0);
  });
});
