/**
 * The embeddable finder in a real browser, framed by a page of ANOTHER origin (127.0.0.1 on another
 * port, served here): the frame loads, a search works inside it, results open the full finder in a
 * new top-level tab and say so, and a page that is not the embed refuses to be framed.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, desktop, manchester, screenshot } from './support/browser.js';
import { recordCspViolations } from './support/portal.js';
import { useE2eSession } from './support/session.js';

const e2e = useE2eSession();

let host: Server;
let hostUrl = '';

/** A council's page, as another site would write it: the finder's embed and, for contrast, its find page. */
const hostPage = (finderUrl: string) => `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>A council’s page</title></head>
<body>
  <h1>Naloxone in our area</h1>
  <iframe id="embed" src="${finderUrl}/embed/" title="Find free naloxone near you" width="600" height="900" style="border: 0" allow="geolocation"></iframe>
  <iframe id="find-page" src="${finderUrl}/" title="The full finder" width="600" height="300"></iframe>
</body></html>`;

beforeAll(async () => {
  host = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(hostPage(e2e.finder.url));
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => host.close(() => resolve()));
});

describe('embeddable finder', () => {
  it('searches inside another site’s frame, and its results open the full finder in a new tab', async () => {
    // Prepare
    const page = await e2e.newPage({ viewport: desktop });
    await page.goto(`${hostUrl}/`);
    expect(new URL(hostUrl).origin).not.toBe(new URL(e2e.finder.url).origin);
    const frame = page.frameLocator('#embed');

    // Act
    await frame.getByRole('heading', { name: 'Find free naloxone near you', level: 1 }).waitFor();
    await frame.getByLabel('Postcode').fill('M15 4AB');
    await frame.getByRole('button', { name: 'Search' }).click();
    const firstResult = frame.locator('[data-results-list] li').first();
    await firstResult.waitFor();
    const link = firstResult.locator('[data-result-link]');
    const [popup] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await popup.waitForLoadState();

    // Assess
    expect(await frame.getByRole('complementary', { name: 'Emergency' }).getByRole('link', { name: 'Call 999' }).isVisible()).toBe(true);
    expect(await frame.locator('[data-results-list] li').count()).toBeGreaterThan(0);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener');
    expect(await link.textContent()).toMatch(/\(opens in a new tab\)$/);
    // Directions and reports leave the frame too; "Search further away" stays in it.
    for (const other of await firstResult.locator('a[href^="http"], a[href^="/"]').all()) expect(await other.getAttribute('target')).toBe('_blank');
    // The listing opens at the top level of its own tab, where the full finder may be shown.
    expect(popup.url()).toMatch(new RegExp(`^${e2e.finder.url}/outlet/\\?id=`));
    await popup.locator('[data-outlet] h1').waitFor();
    expect(await popup.evaluate(() => window.top === window && window.opener === null)).toBe(true);
    // The frame's search stays in the frame: the host page's address is untouched.
    expect(page.url()).toBe(`${hostUrl}/`);
    await screenshot(page, 'embed-in-host-page');
  });

  it('checks answers with zod/mini, never classic zod, and breaks no CSP, from first load to an opened result', async () => {
    // Prepare: every script the embed loads, and the listing it opens, with its text.
    const page = await e2e.newPage();
    const cspViolations = await recordCspViolations(page.context());
    const scripts = new Map<string, Promise<string>>();
    page.context().on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.set(response.url(), response.text());
    });

    // Act
    await page.goto(`${e2e.finder.url}/embed/`);
    await page.getByLabel('Postcode').fill('M15 4AB');
    await page.getByRole('button', { name: 'Search' }).click();
    const link = page.locator('[data-results-list] li [data-result-link]').first();
    const [listing] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await listing.locator('[data-outlet] h1').waitFor();
    await listing.waitForLoadState('networkidle');

    // Assess: classic zod's schemas are built by constructors named "ZodObject", "ZodString"…,
    // zod/mini's "ZodMiniObject"…: names kept as strings by the minifier. Classic would add about
    // 15 KB gzip to what a search loads (bench:embed), over the embed's 25 KB target.
    const texts = await Promise.all([...scripts].map(async ([url, text]) => ({ url, text: await text })));
    expect(texts.filter(({ text }) => /"Zod(Object|String|Type)"/.test(text)).map(({ url }) => url)).toEqual([]);
    expect(texts.some(({ text }) => text.includes('"ZodMiniObject"'))).toBe(true);
    expect(cspViolations()).toEqual([]);
  });

  it('refuses to be framed anywhere but the embed page', async () => {
    // Prepare
    const page = await e2e.newPage({ viewport: desktop });
    const refusals: string[] = [];
    page.on('console', (message) => {
      if (/frame-ancestors|X-Frame-Options/i.test(message.text())) refusals.push(message.text());
    });

    // Act
    await page.goto(`${hostUrl}/`);
    await page.frameLocator('#embed').locator('[data-search-form]').waitFor();
    const findPage = await (await page.$('#find-page'))?.contentFrame();
    await expect.poll(() => refusals.length).toBeGreaterThan(0);

    // Assess: the find page's frame holds the browser's error page, not the finder.
    expect(findPage).toBeTruthy();
    expect(await findPage?.evaluate(() => document.querySelector('[data-module="finder"]') === null)).toBe(true);
    expect(findPage?.url().startsWith(e2e.finder.url)).toBe(false);
  });

  it('passes axe on its own and with results, and works by keyboard', async () => {
    // Prepare
    const page = await e2e.openPage('/embed/');

    // Act
    const before = await axeViolations(page);
    await page.getByLabel('Postcode').focus();
    await page.keyboard.type('M15 4AB');
    await page.keyboard.press('Enter');
    await page.locator('[data-results-list] li').first().waitFor();
    const after = await axeViolations(page);

    // Assess
    expect(before).toEqual([]);
    expect(after).toEqual([]);
    // The search is in the embed's own address, so it stays in the frame on reload or back.
    expect(new URL(page.url()).pathname).toBe('/embed/');
    expect(new URL(page.url()).searchParams.get('postcode')).toBe('M15 4AB');
  });

  it('runs a search asked for before the finder’s script has loaded, once it has', async () => {
    // Prepare: the finder's script (loaded on first use) is held until "Search" has been pressed.
    const page = await e2e.newPage();
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let asked = false;
    await page.route('**/_astro/find-page.*.js', async (route) => {
      asked = true;
      await held;
      await route.continue();
    });
    await page.goto(`${e2e.finder.url}/embed/`);

    // Act
    await page.getByLabel('Postcode').fill('M15 4AB');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => asked).toBe(true);
    const beforeLoad = await page.locator('[data-results-list] li').count();
    release();
    await page.locator('[data-results-list] li').first().waitFor();

    // Assess
    expect(beforeLoad).toBe(0);
    expect(new URL(page.url()).searchParams.get('postcode')).toBe('M15 4AB');
  });

  it('searches near the device’s location from the first press of "Use my location"', async () => {
    // Prepare
    const page = await e2e.openPage('/embed/', { geolocation: manchester, permissions: ['geolocation'] });

    // Act
    await page.getByRole('button', { name: 'Use my location' }).click();
    await page.locator('[data-results-list] li').first().waitFor();

    // Assess: the point stays out of the address, as on the find page.
    expect(await page.locator('[data-results-list] li').count()).toBeGreaterThan(0);
    expect(new URL(page.url()).search).toBe('');
  });

  it('is linked from the footer, with the code to copy', async () => {
    // Prepare
    const page = await e2e.openPage('/', { viewport: desktop });

    // Act
    await page.getByRole('link', { name: 'Put this finder on your website' }).click();
    await page.getByRole('heading', { name: 'Put this finder on your website', level: 1 }).waitFor();
    // The page's script writes this address into the snippet once it has run.
    await page.locator('[data-embed-snippet]', { hasText: e2e.finder.url }).waitFor({ timeout: 10_000 });

    // Assess
    expect(await page.locator('[data-embed-snippet]').textContent()).toContain(`<iframe src="${e2e.finder.url}/embed/"`);
    expect(await axeViolations(page)).toEqual([]);
  });
});
