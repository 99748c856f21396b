/**
 * What must hold on every page: the 999 link, no axe-core violations (its default rules, best
 * practices included), no cookies, nothing fetched from beyond this machine. Also saves phone and
 * desktop screenshots of each page into test-results/.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, desktop, phone, screenshot } from './support/browser.js';
import { useE2eSession } from './support/session.js';

const e2e = useE2eSession();
let outletId: string;
/** A listing unconfirmed for 100 days with two "no kits" reports: the public is warned twice. */
let warnedId: string;

beforeAll(async () => {
  const response = await fetch(`${e2e.finder.url}/api/outlets?postcode=M15%204AB&limit=2`);
  [outletId, warnedId] = ((await response.json()) as { results: { id: string }[] }).results.map((result) => result.id) as [string, string];
  // Loaded now: the finder has pointed the data layer at its own engine.
  const { getOutlet, putOutlet } = await import('../../functions/data/outlets.js');
  const outlet = await getOutlet(warnedId);
  if (!outlet) throw new Error(`No outlet ${warnedId}`);
  await putOutlet({ ...outlet, assuredAt: new Date(Date.now() - 100 * 86_400_000).toISOString(), noKitsReports: 2 });
});

/** Each state of each page, and what to wait for before checking it. */
const pageStates: { name: string; path: () => string; ready: (page: Page) => Promise<unknown>; onPhone: boolean }[] = [
  { name: 'find', path: () => '/', ready: (page) => page.locator('h1').waitFor(), onPhone: true },
  {
    name: 'find-results',
    path: () => '/?postcode=M15+4AB',
    ready: (page) => page.locator('[data-results-list] > li').first().waitFor(),
    onPhone: true,
  },
  { name: 'find-error', path: () => '/?postcode=HELLO', ready: (page) => page.locator('[data-error-summary]').waitFor(), onPhone: true },
  { name: 'find-nothing-nearby', path: () => '/?postcode=TR1', ready: (page) => page.locator('[data-no-results]').waitFor(), onPhone: false },
  { name: 'outlet', path: () => `/outlet/?id=${outletId}`, ready: (page) => page.locator('[data-outlet] h1').waitFor(), onPhone: true },
  {
    name: 'outlet-warned',
    path: () => `/outlet/?id=${warnedId}`,
    ready: (page) => page.getByText('This listing may be out of date – call ahead.').waitFor(),
    onPhone: true,
  },
  { name: 'outlet-not-found', path: () => '/outlet/?id=NOPE0', ready: (page) => page.locator('[data-place-not-found]').waitFor(), onPhone: false },
  { name: 'report', path: () => `/report/?id=${outletId}`, ready: (page) => page.locator('[data-report-form]').waitFor(), onPhone: true },
  { name: 'not-found', path: () => '/no-such-page', ready: (page) => page.locator('h1').waitFor(), onPhone: false },
];

describe.each([
  { screen: 'desktop', viewport: desktop, states: pageStates },
  // On a phone, the states whose layout differs most from the desktop one.
  { screen: 'phone', viewport: phone, states: pageStates.filter((state) => state.onPhone) },
])('every page on a $screen screen', ({ screen, viewport, states }) => {
  it.each(states)('$name: has the 999 link and no axe violations', async ({ name, path, ready }) => {
    const page = await e2e.openPage(path(), { viewport });
    await ready(page);
    if (name === 'find-results') {
      // The map is opt-in: check the page with it shown, markers and all.
      await page.getByRole('button', { name: 'Show map' }).click();
      await page.locator('[data-outlet-marker], [data-cluster-count]').first().waitFor();
    }

    const call = page.locator('a[href="tel:999"]').first();
    expect(await call.textContent()).toBe('Call 999');
    expect(await call.isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, `${name}-${screen}`, { fullPage: false });
  });
});

describe('reflow at 320 CSS pixels (WCAG 1.4.10)', () => {
  it.each([
    { name: 'find-results', path: () => '/?postcode=M15+4AB', ready: (page: Page) => page.locator('[data-results-list] > li').first().waitFor() },
    { name: 'outlet', path: () => `/outlet/?id=${outletId}`, ready: (page: Page) => page.locator('[data-outlet] h1').waitFor() },
  ])('$name: nothing is wider than the screen', async ({ path, ready }) => {
    const page = await e2e.openPage(path(), { viewport: { width: 320, height: 640 } });
    await ready(page);

    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });
});
