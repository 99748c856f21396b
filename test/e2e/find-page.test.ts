/**
 * The find page in a real browser against the real finder (handlers, embedded DynamoDB, demo
 * pharmacies): searching by postcode and by location, errors, keyboard use, the map, the URL.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { desktop, launchBrowser, manchester, newGuardedContext, phone, screenshot, type GuardedContext } from './support/browser.js';
import { startTestFinder, type RunningFinder } from './support/finder.js';

let finder: RunningFinder;
let browser: Browser;
let guarded: GuardedContext | undefined;

beforeAll(async () => {
  [finder, browser] = await Promise.all([startTestFinder(), launchBrowser()]);
});

afterEach(async () => {
  // Every test: nothing asked of any host but this machine, and no cookies.
  if (guarded) {
    expect(guarded.offMachineRequests).toEqual([]);
    expect(await guarded.context.cookies()).toEqual([]);
    await guarded.context.close();
    guarded = undefined;
  }
});

afterAll(async () => {
  await browser?.close();
  await finder?.close();
});

async function openPage(options: Parameters<typeof newGuardedContext>[1] = {}, path = '/'): Promise<Page> {
  guarded = await newGuardedContext(browser, options);
  const page = await guarded.context.newPage();
  await page.goto(`${finder.url}${path}`);
  return page;
}

async function searchPostcode(page: Page, postcode: string): Promise<void> {
  await page.getByLabel('Postcode').fill(postcode);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
}

/** Markers on the map, counting each cluster as the number of places in it. */
async function placesOnMap(page: Page): Promise<number> {
  return page.evaluate(() => {
    const single = document.querySelectorAll('[data-outlet-marker]').length;
    const clustered = [...document.querySelectorAll<HTMLElement>('[data-cluster-count]')].reduce(
      (sum, element) => sum + Number(element.dataset.clusterCount),
      0,
    );
    return single + clustered;
  });
}

describe('find page', () => {
  it('lists the places near a postcode and shows the same places on the map', async () => {
    const page = await openPage({ viewport: desktop });

    await searchPostcode(page, 'M15 4AB');

    const results = page.locator('[data-results-list] > li');
    await expect.poll(() => results.count()).toBeGreaterThan(0);
    const count = await results.count();
    await expect.poll(() => page.locator('[data-results-status]').textContent()).toBe(`${count} places found near M15 4AB`);
    expect(new URL(page.url()).searchParams.get('postcode')).toBe('M15 4AB');
    const first = results.first();
    expect(await first.locator('h3 a').getAttribute('href')).toMatch(/^\/outlet\/\?id=[A-Za-z0-9_-]+$/);
    expect(await first.textContent()).toMatch(/\d+(\.\d)? miles? away/);
    expect(await first.textContent()).toMatch(/Nasal spray \(Nyxoid\)|Injection \(Prenoxad\)|Kit type not known/);
    expect(await first.locator('.app-tag').textContent()).toMatch(/^Demo/);
    expect(await page.locator('[data-demo-notice]').isVisible()).toBe(true);

    // Wide screen: the map is on by default, loaded on demand, with one marker per result.
    await page.locator('[data-outlet-marker], [data-cluster-count]').first().waitFor();
    await expect.poll(() => placesOnMap(page)).toBe(count);
    expect(guarded!.tileRequests.length).toBeGreaterThan(0);
    expect(await page.locator('.leaflet-control-attribution').textContent()).toContain('OpenStreetMap');
    // The search was asked for: focus moves to the results heading, bringing it into view.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('results-heading');
    await screenshot(page, 'find-results-map-desktop', { fullPage: false });
    await screenshot(page, 'find-results-full-desktop');
  });

  it('loads at most 60 KB of JavaScript (gzip) before a search, and no map code', async () => {
    guarded = await newGuardedContext(browser, { viewport: desktop });
    const page = await guarded.context.newPage();
    const scripts: { url: string; bytes: number }[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      // The finder gzips text like the CDN does; content-length is the size on the wire.
      scripts.push({ url: response.url(), bytes: Number(response.headers()['content-length'] ?? Infinity) });
    });

    await page.goto(finder.url, { waitUntil: 'networkidle' });

    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.reduce((sum, script) => sum + script.bytes, 0)).toBeLessThanOrEqual(60 * 1024);
    expect(scripts.some((script) => script.url.includes('results-map'))).toBe(false);
    expect(guarded.tileRequests).toEqual([]);
  });

  it('selecting a marker highlights its place in the list', async () => {
    const page = await openPage({ viewport: desktop }, '/?postcode=M15+4AB');
    const marker = page.locator('[data-outlet-marker]').first();
    await marker.waitFor();
    const id = await marker.getAttribute('data-outlet-marker');

    await marker.focus();
    await page.keyboard.press('Enter');

    await expect.poll(() => page.locator(`#result-${id}`).getAttribute('class')).toContain('app-result--selected');
    expect(await page.evaluate(() => document.activeElement?.closest('li')?.id)).toBe(`result-${id}`);
    expect(await marker.getAttribute('class')).toContain('app-map-marker--selected');
  });

  it('searches near the rounded location when the person uses their location', async () => {
    const page = await openPage({ viewport: phone, geolocation: manchester, permissions: ['geolocation'] });
    const apiCall = page.waitForRequest((request) => new URL(request.url()).pathname === '/outlets');

    await page.getByRole('button', { name: 'Use my location' }).click();

    const sent = new URL((await apiCall).url()).searchParams;
    expect([sent.get('lat'), sent.get('lng')]).toEqual(['53.478', '-2.245']);
    expect(sent.has('postcode')).toBe(false);
    await expect.poll(() => page.locator('[data-results-status]').textContent()).toMatch(/^\d+ places? found near your location$/);
    expect(await page.locator('[data-results-list] > li').count()).toBeGreaterThan(0);
    // Phone: the map stays off (and unloaded) until asked for.
    expect(await page.locator('[data-map-panel]').isHidden()).toBe(true);
    await screenshot(page, 'find-results-full-phone');
  });

  it('says plainly when the location cannot be used', async () => {
    const page = await openPage({ viewport: phone });

    await page.getByRole('button', { name: 'Use my location' }).click();

    await expect.poll(() => page.locator('[data-location-status]').textContent()).toContain('Enter a postcode instead');
    expect(await page.locator('[data-results]').isHidden()).toBe(true);
  });

  it('shows the error summary and the same message at the field for a postcode that is not real', async () => {
    const page = await openPage({ viewport: phone });

    await searchPostcode(page, 'HELLO');

    const summary = page.locator('[data-error-summary]');
    await summary.waitFor();
    expect(await summary.locator('h2').textContent()).toBe('There is a problem');
    const summaryMessage = (await summary.locator('li a').textContent())?.trim();
    const fieldMessage = (await page.locator('[data-field-error-text]').textContent())?.trim();
    expect(summaryMessage).toBeTruthy();
    expect(fieldMessage).toBe(summaryMessage);
    expect(await summary.locator('li a').getAttribute('href')).toBe('#postcode');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByLabel('Postcode').inputValue()).toBe('HELLO');
    expect(await page.getByLabel('Postcode').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
    await screenshot(page, 'find-error-full-phone');

    // Correcting it clears the error and the title prefix.
    await searchPostcode(page, 'M15 4AB');
    await page.locator('[data-results-list] > li').first().waitFor();
    expect(await page.locator('[data-error-summary]').isHidden()).toBe(true);
    expect(await page.title()).not.toMatch(/^Error: /);
  });

  it('works with the keyboard alone: postcode, Enter, then Tab to the first result', async () => {
    const page = await openPage({ viewport: desktop });

    // From the top of the page: the skip link, the 999 link, the header link, then the field.
    for (let tabs = 0; tabs < 10; tabs++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.id === 'postcode')) break;
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('postcode');
    await page.keyboard.type('m154ab');
    await page.keyboard.press('Enter');
    const firstLink = page.locator('[data-results-list] > li').first().locator('[data-result-link]');
    await firstLink.waitFor();

    let reached = false;
    for (let tabs = 0; tabs < 10 && !reached; tabs++) {
      await page.keyboard.press('Tab');
      reached = await firstLink.evaluate((link) => link === document.activeElement);
    }
    expect(reached).toBe(true);
  });

  it('keeps the search in the URL, so back and forward replay it', async () => {
    const page = await openPage({ viewport: phone });
    await searchPostcode(page, 'M15 4AB');
    await expect.poll(() => page.locator('[data-results-status]').textContent()).toContain('near M15 4AB');
    await page.locator('summary', { hasText: 'Filter results' }).click();
    await page.getByLabel('Nasal spray (Nyxoid)').check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('kit')).toBe('nasal');
    await expect.poll(() => page.locator('[data-results-status]').textContent()).toContain('near M15 4AB');
    const kits = await page.locator('[data-results-list] > li dl').allTextContents();
    expect(kits.every((text) => text.includes('Nasal spray'))).toBe(true);

    await page.goBack();

    await expect.poll(() => page.getByLabel('Any kit').isChecked()).toBe(true);
    expect(new URL(page.url()).searchParams.get('kit')).toBeNull();
    await page.goBack();
    await expect.poll(() => page.locator('[data-results]').isHidden()).toBe(true);
    expect(await page.title()).toBe('Find free naloxone near you – Find free naloxone');
  });

  it('says kindly when nothing is nearby and offers a wider search', async () => {
    // Truro: a real postcode district, far from the Greater Manchester demo pharmacies.
    const page = await openPage({ viewport: phone }, '/?postcode=TR1');

    const none = page.locator('[data-no-results]');
    await none.waitFor();
    expect(await none.locator('h2').textContent()).toBe('No places found near TR1');
    expect(await none.textContent()).toContain('post a free naloxone kit');
    const widen = page.getByRole('link', { name: /Search further away/ });
    expect(new URL(await widen.getAttribute('href') ?? '', finder.url).searchParams.get('radiusKm')).toBe('100');
  });

  it('keeps the last results and the 999 link when the finder stops answering', async () => {
    const page = await openPage({ viewport: phone }, '/?postcode=M15+4AB');
    await page.locator('[data-results-list] > li').first().waitFor();
    const before = await page.locator('[data-results-list] > li').count();
    await page.route('**/outlets?*', (route) => route.abort('connectionrefused'));

    await searchPostcode(page, 'M16 0RA');

    const problem = page.locator('[data-problem]');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('Sorry, the finder is not working right now');
    expect(await page.locator('[data-problem-kept]').isVisible()).toBe(true);
    expect(await page.locator('[data-results-list] > li').count()).toBe(before);
    expect(await page.locator('a[href="tel:999"]').first().isVisible()).toBe(true);
  });
});
