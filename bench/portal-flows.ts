/**
 * Lighthouse on the outlet portal's signed-in pages. Lighthouse opens and clears its own tab, and a
 * portal session lives in one tab's sessionStorage, so these runs are a Lighthouse user flow in a
 * tab the benchmark drives (puppeteer-core, as Lighthouse itself does): the tab signs in as a real
 * demo user would end up signed in (tokens from the local sign-in service's real pages, kept in
 * sessionStorage as the portal keeps them), then each page is a flow navigation that keeps that
 * storage (`disableStorageReset`). The throttling and scoring are the default mobile preset, as for
 * the public pages.
 */
import { type Result as LighthouseResult, startFlow } from 'lighthouse';
import puppeteer from 'puppeteer-core';
import { signInThroughPages } from '../local/sign-in-flow.js';
import { categories } from './lighthouse-results.js';

/** The session as `site/src/scripts/portal/session.ts` keeps it. */
async function sessionFor(finderUrl: string, email: string): Promise<string> {
  const tokens = await signInThroughPages({ finderUrl, email });
  const settings: unknown = await (await fetch(`${finderUrl}/api/sign-in`)).json();
  return JSON.stringify({
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token ?? null,
    expiresAt: Date.now() + (tokens.expires_in ?? 300) * 1000,
    label: email,
    settings,
  });
}

/**
 * One Lighthouse result per path, each loaded in a tab where `email` is signed in. Runs the paths
 * in order, in one flow: every navigation starts with an empty HTTP cache; only the session in
 * sessionStorage carries over.
 */
export async function signedInRuns(chromePort: number, finderUrl: string, email: string, paths: readonly string[]): Promise<LighthouseResult[]> {
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chromePort}`, defaultViewport: null });
  const page = await browser.newPage();
  try {
    // Any page of the finder's origin reaches its storage. The signed-out page asks for nothing
    // more, and clears the portal's storage as it loads, before the session is put in.
    await page.goto(`${finderUrl}/portal/signed-out/`);
    const session = await sessionFor(finderUrl, email);
    await page.evaluate((value) => sessionStorage.setItem('naloxone-portal:session', value), session);
    const flow = await startFlow(page, { flags: { onlyCategories: [...categories], logLevel: 'error' } });
    // Keeping the storage keeps the HTTP cache too: empty it, so each page loads as on a first visit.
    const devtools = await page.createCDPSession();
    for (const path of paths) {
      await devtools.send('Network.clearBrowserCache');
      await flow.navigate(`${finderUrl}${path}`, { disableStorageReset: true });
    }
    const result = await flow.createFlowResult();
    return result.steps.map((step) => step.lhr);
  } finally {
    await page.close();
    await browser.disconnect();
  }
}
