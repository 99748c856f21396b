/**
 * One-tap stock in the outlet portal, in a real browser against the real finder: a tap reaches the
 * public search and the public listing at once, works by keyboard alone, survives a dropped
 * connection without counting twice, and the portal's first screen and overview suit each role
 * (staff, commissioner, administrator) and every state, with axe-core checking each.
 *
 * Sessions come from real sign-ins through the local sign-in service, put into the tab's
 * sessionStorage as the portal keeps them: signing in itself is tested in portal-sign-in.test.ts.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, desktop, phone, screenshot } from './support/browser.js';
import { apiAs, demoUser, openSignedIn, preparedSession, type PreparedSession } from './support/portal.js';
import { useE2eSession } from './support/session.js';

const e2e = useE2eSession({ portal: true });
let asha: PreparedSession;
/** Asha's two listings: the one-tap tests use the second, so the first stays as the other files expect it. */
let [ashaFirst, ashaSecond] = ['', ''];

beforeAll(async () => {
  asha = await preparedSession(e2e.finder.url, 'asha');
  [ashaFirst = '', ashaSecond = ''] = demoUser('asha').outlets;
});

const listing = (page: Page, id: string) => page.locator(`[data-one-tap][data-outlet-id="${id}"]`);
const status = (page: Page, id: string) => listing(page, id).locator('[data-one-tap-status]');

/** The listing as the public search finds it, searching at its own location. */
async function inPublicSearch(id: string): Promise<{ stock: { status: string; ageDays: number | null }; assuredAgeDays: number | null }> {
  const detail = (await (await fetch(`${e2e.finder.url}/api/outlets/${id}`)).json()) as { location: { lat: number; lng: number } };
  const search = (await (await fetch(`${e2e.finder.url}/api/outlets?lat=${detail.location.lat}&lng=${detail.location.lng}&limit=5`)).json()) as {
    results: { id: string; stock: { status: string; ageDays: number | null }; assuredAgeDays: number | null }[];
  };
  const found = search.results.find((result) => result.id === id);
  if (!found) throw new Error(`${id} is not in the public search at its own location`);
  return found;
}

async function confirmationsOf(id: string): Promise<number> {
  const { body } = await apiAs<{ entries: { action: string }[] }>(e2e.finder.url, asha, 'GET', `/portal/outlets/${id}/history?limit=100`);
  return body.entries.filter((entry) => entry.action === 'confirm').length;
}

describe('one-tap stock', () => {
  it('sets the stock in one tap, and the public search and listing show it, confirmed today', async () => {
    const page = await e2e.newPage();
    await openSignedIn(page, e2e.finder.url, asha, '/portal/');

    await listing(page, ashaSecond).getByRole('button', { name: 'Out of stock', exact: true }).click();

    await status(page, ashaSecond).filter({ hasText: 'Saved' }).waitFor();
    expect(await status(page, ashaSecond).textContent()).toBe('Saved: Out of stock. Listing confirmed today.');
    expect(await listing(page, ashaSecond).locator('[data-one-tap-stock]').textContent()).toBe('Out of stock');
    expect(await listing(page, ashaSecond).locator('[data-one-tap-confirmed]').textContent()).toBe('Confirmed today');
    expect(await inPublicSearch(ashaSecond)).toMatchObject({ stock: { status: 'out', ageDays: 0 }, assuredAgeDays: 0 });

    const publicPage = await e2e.guarded.context.newPage();
    await publicPage.goto(`${e2e.finder.url}/outlet/?id=${ashaSecond}`);
    await publicPage.locator('[data-outlet] h1').waitFor();
    const naloxone = await publicPage.locator('[data-outlet]').textContent();
    expect(naloxone).toContain('Out of stock – confirmed today');
    expect(naloxone).toMatch(/Listing last confirmed.*\(today\)/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'portal-one-tap-saved-phone', { fullPage: false });
  });

  it('confirms the listing with "Everything here is still correct"', async () => {
    const before = await confirmationsOf(ashaSecond);
    const page = await e2e.newPage();
    await openSignedIn(page, e2e.finder.url, asha, '/portal/');

    await listing(page, ashaSecond).getByRole('button', { name: 'Everything here is still correct' }).click();

    await status(page, ashaSecond).filter({ hasText: 'Saved' }).waitFor();
    expect(await status(page, ashaSecond).textContent()).toBe('Saved: listing confirmed today.');
    expect(await confirmationsOf(ashaSecond)).toBe(before + 1);
  });

  it('can be used with the keyboard alone: Tab to the button, Enter or Space', async () => {
    const page = await e2e.newPage({ viewport: desktop });
    await openSignedIn(page, e2e.finder.url, asha, '/portal/');
    await listing(page, ashaSecond).waitFor();
    const focused = () =>
      page.evaluate(() => ({ text: document.activeElement?.textContent?.trim() ?? '', outlet: document.activeElement?.closest<HTMLElement>('[data-one-tap]')?.dataset.outletId }));

    let presses = 0;
    for (; presses < 60; presses += 1) {
      const now = await focused();
      if (now.outlet === ashaSecond && now.text === 'Running low') break;
      await page.keyboard.press('Tab');
    }
    expect(await focused()).toEqual({ text: 'Running low', outlet: ashaSecond });
    await page.keyboard.press('Enter');
    await status(page, ashaSecond).filter({ hasText: 'Saved: Running low' }).waitFor();
    // Focus stays on the button pressed: the status line says what happened.
    expect(await focused()).toEqual({ text: 'Running low', outlet: ashaSecond });

    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused()).toEqual({ text: 'Everything here is still correct', outlet: ashaSecond });
    await page.keyboard.press('Space');
    await status(page, ashaSecond).filter({ hasText: 'Saved: listing confirmed today.' }).waitFor();
    expect(await inPublicSearch(ashaSecond)).toMatchObject({ stock: { status: 'running_low', ageDays: 0 } });
    console.log(`Keyboard: ${presses} Tab presses from the top of /portal/ to "Running low" on the second listing, then Enter`);
    await screenshot(page, 'portal-one-tap-keyboard-desktop', { fullPage: false });
  });

  it('keeps the listing as it was when a tap fails, says so, and a retry is not counted twice', async () => {
    const before = await confirmationsOf(ashaSecond);
    const page = await e2e.newPage();
    const keys: string[] = [];
    let dropFirst = true;
    // The first confirmation reaches the API, but its answer is lost on the way back.
    await page.route('**/api/portal/outlets/*/confirmations', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (dropFirst) {
        dropFirst = false;
        await route.fetch();
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    await openSignedIn(page, e2e.finder.url, asha, '/portal/');
    const stockBefore = await listing(page, ashaSecond).locator('[data-one-tap-stock]').textContent();

    await listing(page, ashaSecond).getByRole('button', { name: 'Everything here is still correct' }).click();

    const problem = listing(page, ashaSecond).locator('[data-one-tap-problem]');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('We could not save “Everything here is still correct”.');
    expect(await problem.textContent()).toContain('it will not be counted twice');
    expect(await listing(page, ashaSecond).locator('[data-one-tap-stock]').textContent()).toBe(stockBefore);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'portal-one-tap-failed-phone', { fullPage: false });

    await problem.getByRole('button', { name: 'Try again' }).click();

    await status(page, ashaSecond).filter({ hasText: 'Saved' }).waitFor();
    expect(await problem.isHidden()).toBe(true);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(await confirmationsOf(ashaSecond)).toBe(before + 1);

    // A new tap is a new confirmation, with a new key.
    await listing(page, ashaSecond).getByRole('button', { name: 'Everything here is still correct' }).click();
    await expect.poll(() => keys.length).toBe(3);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('sends one request however often a button is tapped while it is on its way', async () => {
    const page = await e2e.newPage();
    const puts: string[] = [];
    await page.route('**/api/portal/outlets/*/stock', async (route) => {
      puts.push(route.request().postData() ?? '');
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    await openSignedIn(page, e2e.finder.url, asha, '/portal/');
    const inStock = listing(page, ashaSecond).getByRole('button', { name: 'In stock', exact: true });

    await inStock.click();
    expect(await status(page, ashaSecond).textContent()).toBe('Saving “In stock”…');
    expect(await inStock.getAttribute('aria-disabled')).toBe('true');
    // Forced: a person tapping again does not wait for the button to look ready, as Playwright would.
    await inStock.click({ force: true });
    await listing(page, ashaSecond).getByRole('button', { name: 'Out of stock', exact: true }).click({ force: true });

    await status(page, ashaSecond).filter({ hasText: 'Saved' }).waitFor();
    expect(puts).toEqual(['{"status":"in_stock"}']);
  });

  it('says a stock tap can be tried again when the connection drops', async () => {
    const page = await e2e.newPage();
    await page.route('**/api/portal/outlets/*/stock', (route) => route.abort('internetdisconnected'));
    await openSignedIn(page, e2e.finder.url, asha, '/portal/');

    await listing(page, ashaSecond).getByRole('button', { name: 'Running low', exact: true }).click();

    const problem = listing(page, ashaSecond).locator('[data-one-tap-problem]');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('We could not save “Running low”.');
    expect(await problem.textContent()).toContain('Trying again is safe.');
    await page.unroute('**/api/portal/outlets/*/stock');
    await problem.getByRole('button', { name: 'Try again' }).click();
    await status(page, ashaSecond).filter({ hasText: 'Saved: Running low' }).waitFor();
  });
});

describe('the listing overview', () => {
  it.each([
    { screen: 'phone', viewport: phone },
    { screen: 'desktop', viewport: desktop },
  ])('shows how the public sees the listing, with the one-tap controls and links ($screen)', async ({ screen, viewport }) => {
    const page = await e2e.newPage({ viewport });
    await openSignedIn(page, e2e.finder.url, asha, `/portal/outlet/?id=${ashaFirst}`);

    const overview = page.locator('[data-overview]');
    await overview.locator('h1').waitFor();
    const glance = await overview.locator('[data-glance]').textContent();
    expect(glance).toMatch(/Status.*(Open as usual|Temporarily closed)/);
    expect(glance).toMatch(/Problem reports.*(None open|\d+ open report)/);
    expect(await overview.getByRole('button', { name: 'Everything here is still correct' }).isVisible()).toBe(true);
    expect(await overview.getByRole('link', { name: /^Change hours and details/ }).getAttribute('href')).toBe(`/portal/outlet/edit/?id=${ashaFirst}`);
    expect(await overview.getByRole('link', { name: /^Print a poster/ }).getAttribute('href')).toBe(`/poster/outlet/?id=${ashaFirst}`);
    expect(await page.title()).toMatch(/ – Outlet portal – Find free naloxone$/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, `portal-overview-${screen}`);
  });

  it('shows loading, then says the portal is not working when the API does not answer', async () => {
    const page = await e2e.newPage();
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/portal/outlets/**', async (route) => {
      await held;
      await route.abort('connectionrefused');
    });
    await openSignedIn(page, e2e.finder.url, asha, `/portal/outlet/?id=${ashaFirst}`);

    await page.getByText('Loading the listing…').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'portal-loading-phone', { fullPage: false });
    release();

    await page.getByRole('heading', { level: 1, name: 'Sorry, the finder is not working right now' }).waitFor();
    expect(await page.title()).toBe('Sorry, the portal is not working – Outlet portal – Find free naloxone');
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('other roles', () => {
  it('links a commissioner to their area’s dashboard, and lets them read a listing in it and confirm it, but not set its stock', async () => {
    const chloe = await preparedSession(e2e.finder.url, 'chloe');
    const page = await e2e.newPage();
    await openSignedIn(page, e2e.finder.url, chloe, '/portal/');

    await page.getByRole('heading', { level: 1, name: 'Your area' }).waitFor();
    expect(await page.locator('[data-home-areas]').getByRole('link', { name: 'Manchester area dashboard' }).getAttribute('href')).toBe('/portal/area/?code=E08000003');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'portal-commissioner-phone', { fullPage: false });

    await page.getByLabel('Listing id').fill('not an id!');
    await page.getByRole('button', { name: 'Open listing' }).click();
    await page.locator('[data-error-summary]').waitFor();
    expect(await page.locator('[data-error-summary] li').allTextContents()).toEqual([
      'Enter an outlet id of 2 to 40 letters, digits, dashes or underscores',
    ]);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Listing id').fill(ashaFirst);
    await page.getByRole('button', { name: 'Open listing' }).click();
    await page.locator('[data-overview] h1').waitFor();
    // A commissioner may confirm a listing they have checked with the outlet, never set its stock.
    const controls = page.locator('[data-one-tap]');
    expect(await controls.getByRole('heading', { level: 3 }).textContent()).toMatch(/^Confirm this listing/);
    expect(await controls.locator('[data-stock]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await controls.getByRole('button', { name: 'Everything here is still correct' }).click();
    await expect.poll(() => controls.locator('[data-one-tap-status]').textContent()).toBe('Saved: listing confirmed today.');
    const history = await apiAs<{ entries: { action: string; by: { label: string } }[] }>(e2e.finder.url, chloe, 'GET', `/portal/outlets/${ashaFirst}/history`);
    expect(history.body.entries[0]).toMatchObject({ action: 'confirm', by: { label: expect.stringContaining('Chloe') } });
    expect(await axeViolations(page)).toEqual([]);

    // Trafford is not Manchester.
    await page.goto(`${e2e.finder.url}/portal/outlet/?id=${demoUser('ben').outlets[0]}`);
    await page.getByRole('heading', { level: 1, name: 'You do not have access to this listing' }).waitFor();
    expect(await page.title()).toBe('No access to this listing – Outlet portal – Find free naloxone');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'portal-forbidden-phone', { fullPage: false });
  });

  it('lets an administrator open any listing by its id, and says when there is none', async () => {
    const dami = await preparedSession(e2e.finder.url, 'dami');
    const page = await e2e.newPage({ viewport: desktop });
    await openSignedIn(page, e2e.finder.url, dami, '/portal/');

    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await page.getByLabel('Listing id').fill('NOPE0');
    await page.getByRole('button', { name: 'Open listing' }).click();

    await page.getByRole('heading', { level: 1, name: 'We could not find that listing' }).waitFor();
    expect(await page.title()).toBe('Listing not found – Outlet portal – Find free naloxone');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'portal-not-found-desktop', { fullPage: false });

    await page.goto(`${e2e.finder.url}/portal/outlet/?id=${demoUser('ben').outlets[0]}`);
    await page.locator('[data-overview] h1').waitFor();
    expect(await page.locator('[data-one-tap]').count()).toBe(1);
  });

  it('tells staff of one listing they have no access to another', async () => {
    const ben = await preparedSession(e2e.finder.url, 'ben');
    const page = await e2e.newPage();
    await openSignedIn(page, e2e.finder.url, ben, `/portal/outlet/kits/?id=${ashaFirst}`);

    await page.getByRole('heading', { level: 1, name: 'You do not have access to this listing' }).waitFor();
    expect(await page.locator('[data-kits]').isHidden()).toBe(true);
  });
});

describe('reflow at 320 CSS pixels (WCAG 1.4.10)', () => {
  it.each([
    { name: 'first screen', path: () => '/portal/', ready: '[data-one-tap]' },
    { name: 'overview', path: () => `/portal/outlet/?id=${ashaFirst}`, ready: '[data-overview] h1' },
    { name: 'edit', path: () => `/portal/outlet/edit/?id=${ashaFirst}`, ready: '[data-edit-form]' },
    { name: 'kits', path: () => `/portal/outlet/kits/?id=${ashaFirst}`, ready: '[data-kits-form]' },
  ])('$name: nothing is wider than the screen', async ({ path, ready }) => {
    const page = await e2e.newPage({ viewport: { width: 320, height: 640 } });
    await openSignedIn(page, e2e.finder.url, asha, path());
    await page.locator(ready).first().waitFor();

    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });
});
