/**
 * Steps and readings shared by the outlet portal's browser tests: signing in through the local
 * sign-in service's real pages (the code read from the local outbox), a signed-in tab prepared
 * from a real sign-in, tap counting, and the check that the public pages hold nothing of it.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { findDemoUser } from '../../../local/demo-users.js';
import { signInThroughPages } from '../../../local/sign-in-flow.js';

/** The demo users: staff of two Manchester outlets, staff of one in Trafford, Manchester's commissioner, an administrator, Trafford's commissioner. */
export type DemoHandle = 'asha' | 'ben' | 'chloe' | 'dami' | 'tariq';

export function demoUser(handle: DemoHandle) {
  const user = findDemoUser(handle);
  if (!user) throw new Error(`No demo user ${handle}: see local/demo-users.ts`);
  return user;
}

/** The key the portal keeps its session under in sessionStorage (`site/src/scripts/portal/session.ts`). */
export const sessionKey = 'naloxone-portal:session';

/** The newest sign-in code the local outbox holds for `email`, waiting briefly for it to arrive. */
export async function signInCode(finderUrl: string, email: string, notBefore: Date): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const messages = (await (await fetch(`${finderUrl}/_local/outbox.json`)).json()) as { to: string; text: string; sentAt: string }[];
    const message = messages.find((sent) => sent.to.toLowerCase() === email.toLowerCase() && new Date(sent.sentAt) >= notBefore);
    const code = message && /\b(\d{6})\b/.exec(message.text)?.[1];
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No sign-in code for ${email} in the outbox`);
}

/**
 * Signs in from the portal's first screen as a person would: their email, "Send me a sign-in code",
 * the code from the outbox on the sign-in service's page, "Sign in". Ends back on the portal.
 */
export async function signInFromPortal(page: Page, finderUrl: string, email: string): Promise<void> {
  const sentAfter = new Date(Date.now() - 1000);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Send me a sign-in code' }).click();
  await enterCodeOnProvider(page, finderUrl, email, sentAfter);
}

/** On the sign-in service's code page: the code from the outbox, then "Sign in"; waits to be back on the portal. */
export async function enterCodeOnProvider(page: Page, finderUrl: string, email: string, sentAfter: Date): Promise<void> {
  await page.getByLabel('Code', { exact: true }).waitFor();
  await page.getByLabel('Code', { exact: true }).fill(await signInCode(finderUrl, email, sentAfter));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => url.origin === finderUrl && url.pathname.startsWith('/portal/') && !url.pathname.startsWith('/portal/callback/'));
}

/** A signed-in session as the portal keeps it, from a real sign-in through the sign-in service's pages. */
export interface PreparedSession {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: number;
  label: string | null;
  settings: unknown;
}

/** Signs a demo user in (without a browser) and shapes the tokens as the portal keeps them. */
export async function preparedSession(finderUrl: string, handle: DemoHandle): Promise<PreparedSession> {
  const user = demoUser(handle);
  const tokens = await signInThroughPages({ finderUrl, email: user.email });
  const settings: unknown = await (await fetch(`${finderUrl}/api/sign-in`)).json();
  return {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token ?? null,
    expiresAt: Date.now() + (tokens.expires_in ?? 300) * 1000,
    label: user.email,
    settings,
  };
}

/**
 * Puts `session` into the tab's sessionStorage, as if the person had just signed in there, then
 * opens `path`. For tests that are not about signing in: it saves each of them a sign-in.
 */
export async function openSignedIn(page: Page, finderUrl: string, session: PreparedSession, path: string): Promise<void> {
  // Any page of the finder's origin reaches its storage. The signed-out page asks for nothing
  // more, and clears the portal's storage as it loads, before the session is put in.
  await page.goto(`${finderUrl}/portal/signed-out/`);
  await page.evaluate(([key, value]) => sessionStorage.setItem(key, value), [sessionKey, JSON.stringify(session)] as const);
  await page.goto(`${finderUrl}${path}`);
}

/**
 * Counts the taps (trusted clicks, on any page of any origin, the sign-in service's included) made
 * in `context` from now on. Keyboard activation of a button counts too, as it is one.
 */
export async function countTaps(context: BrowserContext): Promise<() => string[]> {
  const taps: string[] = [];
  await context.exposeBinding('__portalTestTap', ({ frame }, what: string) => {
    taps.push(`${new URL(frame.url()).host}: ${what}`);
  });
  await context.addInitScript(() => {
    document.addEventListener(
      'click',
      (event) => {
        if (!event.isTrusted) return;
        const target = event.target instanceof Element ? event.target.closest('button, a, input, label') : null;
        const name = target?.textContent?.trim() || target?.getAttribute('name') || target?.tagName || 'page';
        (window as unknown as { __portalTestTap(what: string): void }).__portalTestTap(name);
      },
      true,
    );
  });
  return () => [...taps];
}

/**
 * The public pages keep nothing of a portal session: opened in a new tab of the same browser
 * context, they see no cookie for the finder, no localStorage and no sessionStorage.
 */
export async function expectPublicPagesClean(context: BrowserContext, finderUrl: string, paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    const page = await context.newPage();
    await page.goto(`${finderUrl}${path}`);
    // Once its heading shows, the page's script has run (a listing's arrives with the listing).
    await page.locator('main h1:visible').first().waitFor();
    const storage = await page.evaluate(() => ({ cookie: document.cookie, local: localStorage.length, session: sessionStorage.length }));
    expect({ path, ...storage }).toEqual({ path, cookie: '', local: 0, session: 0 });
    await page.close();
  }
  expect(await context.cookies(finderUrl)).toEqual([]);
}

/** What is in the tab's storage for this origin. */
export function storageOf(page: Page): Promise<{ cookie: string; local: string[]; session: string[] }> {
  return page.evaluate(() => ({ cookie: document.cookie, local: Object.keys(localStorage), session: Object.keys(sessionStorage) }));
}

/** A request to the finder's API as a signed-in person, from the test itself (not the browser). */
export async function apiAs<T = unknown>(
  finderUrl: string,
  session: Pick<PreparedSession, 'accessToken'>,
  method: string,
  path: string,
  { body, headers = {} }: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(`${finderUrl}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${session.accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}

/**
 * Records every Content-Security-Policy violation in `context` from now on, as the pages' own
 * `securitypolicyviolation` events report them: a blocked eval (zod's probe) included, which
 * Chromium reports as an issue rather than a console message.
 */
export async function recordCspViolations(context: BrowserContext): Promise<() => string[]> {
  const violations: string[] = [];
  await context.exposeBinding('__portalTestCspViolation', ({ frame }, what: string) => {
    violations.push(`${frame.url()}: ${what}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __portalTestCspViolation(what: string): void }).__portalTestCspViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
      );
    });
  });
  return () => [...violations];
}
