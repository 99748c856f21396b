/**
 * The emergency guides in a real browser: each one readable and accessible on a phone and a
 * desktop, every link reachable by keyboard, and all of them still readable offline once the site
 * has been opened, while nothing from the API (which holds a place) is ever stored.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, desktop, phone, screenshot } from './support/browser.js';
import { useE2eSession } from './support/session.js';

const e2e = useE2eSession();

/** Each guide, with the number of its numbered steps. */
const guidePages = [
  { name: 'guide-overview', path: '/how-to-give-naloxone/', heading: 'How to give naloxone', steps: 6 },
  { name: 'guide-nasal-spray', path: '/how-to-give-naloxone/nasal-spray/', heading: 'How to give a naloxone nasal spray (Nyxoid)', steps: 10 },
  { name: 'guide-injection', path: '/how-to-give-naloxone/injection/', heading: 'How to give a naloxone injection (Prenoxad)', steps: 10 },
  { name: 'guide-recovery-position', path: '/how-to-give-naloxone/recovery-position/', heading: 'How to put someone in the recovery position', steps: 8 },
] as const;

/** The hrefs of the links that Tab reaches, in order, starting from the top of the page. */
async function linksReachedByTab(page: Page): Promise<string[]> {
  const reached: string[] = [];
  for (let presses = 0; presses < 80; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const active = document.activeElement;
      return active instanceof HTMLAnchorElement ? active.getAttribute('href') : active === document.body ? null : '';
    });
    // Focus leaves the document (back to the address bar) after the last link.
    if (focused === null) break;
    if (focused) reached.push(focused);
  }
  return reached;
}

describe('the guides', () => {
  it.each(guidePages)('$name: has the 999 link, the key advice and no axe violations on a phone and a desktop', async ({ name, path, heading, steps }) => {
    const page = await e2e.openPage(path, { viewport: phone });

    expect(await page.locator('h1').textContent()).toBe(heading);
    const call = page.locator('a[href="tel:999"]').first();
    expect(await call.textContent()).toBe('Call 999');
    expect(await call.isVisible()).toBe(true);
    expect(await page.getByText('If you are not sure, give naloxone and call 999.').isVisible()).toBe(true);
    expect(await page.getByText(/Follow the leaflet in the kit/).isVisible()).toBe(true);
    expect(await page.locator('nav a[aria-current="page"]').getAttribute('href')).toBe(path);
    expect(await page.locator('main ol.app-steps > li').count()).toBe(steps);
    // One page, two widths: the layout differs, the content does not.
    for (const [screen, viewport] of [['phone', phone], ['desktop', desktop]] as const) {
      await page.setViewportSize(viewport);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `${name}-${screen}`, { fullPage: screen === 'phone' });
    }
  });

  it('puts someone in the recovery position only if they are breathing normally, and says CPR otherwise', async () => {
    const page = await e2e.openPage('/how-to-give-naloxone/');
    for (const guide of guidePages.slice(0, 3)) {
      await page.goto(`${e2e.finder.url}${guide.path}`);
      const steps = (await page.locator('main ol.app-steps > li').allTextContents()).map((step) => step.replace(/\s+/g, ' ').trim());
      const recovery = steps.find((step) => step.includes('recovery position'));
      expect(recovery, guide.path).toMatch(/^Check their breathing\. If they are breathing normally, put them in the recovery position/);
      expect(steps.some((step) => /not breathing normally.*999 call handler.*CPR \(chest compressions and rescue breaths\)/.test(step)), guide.path).toBe(true);
    }

    await page.goto(`${e2e.finder.url}/how-to-give-naloxone/nasal-spray/`);
    const nasal = (await page.locator('main ol.app-steps').textContent())!.replace(/\s+/g, ' ');
    expect(nasal).toContain('If they do not respond after 2 to 3 minutes, give the second spray in the other nostril.');
    expect(nasal).toContain('You can give it while they are in the recovery position.');
    expect(nasal).toMatch(/wake up and then get worse again.*give the second spray in the other nostril straight away/);
    expect(nasal).not.toMatch(/Lay them on their back to give it/);

    await page.goto(`${e2e.finder.url}/how-to-give-naloxone/injection/`);
    const injection = (await page.locator('main ol.app-steps').textContent())!.replace(/\s+/g, ' ');
    expect(injection).toContain('Keep going between doses');
    expect(injection).toMatch(/give another 0\.4 ml.*every 2 to 3 minutes.*up to 5 doses/);

    await page.goto(`${e2e.finder.url}/how-to-give-naloxone/recovery-position/`);
    expect(await page.locator('main').textContent()).toMatch(/If they are not breathing normally, do not put them in the recovery position/);
  });

  it('lets a keyboard user reach every link, in reading order', async () => {
    const page = await e2e.openPage('/how-to-give-naloxone/', { viewport: desktop });

    const reached = await linksReachedByTab(page);

    const links = await page.locator('a[href]:visible').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
    expect(reached).toEqual(links);
    expect(reached[0]).toBe('#main-content');
    expect(reached).toContain('/how-to-give-naloxone/nasal-spray/');
    expect(reached).toContain('/how-to-give-naloxone/injection/');
  });

  it('are linked from the find page and its footer', async () => {
    const page = await e2e.openPage('/');

    expect(await page.locator('main').getByRole('link', { name: 'How to give naloxone' }).getAttribute('href')).toBe('/how-to-give-naloxone/');
    const footerLinks = await page.locator('footer a[href^="/how-to-give-naloxone/"]').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
    expect(footerLinks).toEqual(guidePages.map((guide) => guide.path));
  });

  it('offline page: has the 999 link, the guides and no axe violations', async () => {
    const page = await e2e.openPage('/offline/');

    expect(await page.locator('h1').textContent()).toBe('No internet connection');
    expect(await page.locator('main a[href="tel:999"]').isVisible()).toBe(true);
    expect(await page.locator('main a[href^="/how-to-give-naloxone/"]').count()).toBe(guidePages.length);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'offline-phone');
  });
});

/** Waits until the service worker has saved the site and controls the page. */
async function untilControlled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
  });
}

/** Every URL the site's caches hold, read in the page. */
function cachedUrls(page: Page): Promise<{ names: string[]; urls: string[] }> {
  return page.evaluate(async () => {
    const names = await caches.keys();
    const urls: string[] = [];
    for (const name of names) for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
    return { names, urls };
  });
}

describe('offline', () => {
  it('keeps every guide readable once one was opened, and never stores the API', async () => {
    const page = await e2e.openPage('/how-to-give-naloxone/nasal-spray/');
    await untilControlled(page);
    // A search while online, through the controlled page: its answer holds a place.
    await page.goto(`${e2e.finder.url}/?postcode=M15+4AB`);
    await page.locator('[data-results-list] > li').first().waitFor();

    const { names, urls } = await cachedUrls(page);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^naloxone-finder-[0-9a-f]{12}$/);
    expect(urls).toContain(`${e2e.finder.url}/how-to-give-naloxone/injection/`);
    expect(urls.filter((url) => new URL(url).pathname.startsWith('/api/'))).toEqual([]);
    // Pages are stored by path only: no postcode or place in any stored URL.
    expect(urls.filter((url) => new URL(url).search !== '')).toEqual([]);
    expect(await page.evaluate(() => caches.match('/api/outlets?postcode=M15%204AB').then((found) => found === undefined))).toBe(true);

    await e2e.guarded.context.setOffline(true);

    await page.goto(`${e2e.finder.url}/how-to-give-naloxone/nasal-spray/`);
    expect(await page.locator('h1').textContent()).toBe('How to give a naloxone nasal spray (Nyxoid)');
    await page.reload();
    expect(await page.locator('h1').textContent()).toBe('How to give a naloxone nasal spray (Nyxoid)');
    for (const guide of guidePages) {
      await page.locator('nav').getByRole('link', { name: guide.heading }).click();
      await page.waitForURL(`${e2e.finder.url}${guide.path}`);
      expect(await page.locator('h1').textContent()).toBe(guide.heading);
      // Styled, not bare HTML: the stylesheet came from the cache too.
      expect(await page.locator('.app-emergency').evaluate((banner) => getComputedStyle(banner).backgroundColor)).toBe('rgb(168, 24, 15)');
    }
    await screenshot(page, 'offline-guide-phone', { fullPage: false });

    // A page never saved: the offline page, pointing to the guides and to 999.
    await page.goto(`${e2e.finder.url}/report/`);
    expect(await page.locator('h1').textContent()).toBe('No internet connection');
    // The find page's shell is saved; a search says plainly that the device is offline, and
    // points to the guides that work.
    await page.goto(`${e2e.finder.url}/?postcode=M15+4AB`);
    const offline = page.locator('[data-service-problem-offline]');
    await offline.waitFor();
    expect(await offline.textContent()).toContain('You’re offline');
    expect(await offline.locator('a[href^="/how-to-give-naloxone/"]').count()).toBe(guidePages.length);
  });
});
