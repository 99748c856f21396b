/**
 * The find page in a real browser against the real finder (handlers, embedded DynamoDB, demo
 * pharmacies): searching by postcode and by location, errors, keyboard use, the URL and history.
 * The map has its own file, `find-page-map.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { axeViolations, desktop, manchester, phone, screenshot } from './support/browser.js';
import { countSearches, placesOnMap, searchPostcode } from './support/find-page.js';
import { useE2eSession } from './support/session.js';
import { injectDynamoDbFaults } from '../support/dynamodb-faults.js';

const e2e = useE2eSession();

describe('find page', () => {
  it('lists the places near a postcode and shows the same places on the map', async () => {
    const page = await e2e.openPage('/', { viewport: desktop });

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
    // The search was asked for: focus moves to the results heading, bringing it into view.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('results-heading');

    // The map is off until asked for, even on a wide screen: the tile server would see the area.
    expect(await page.locator('[data-map-panel]').isHidden()).toBe(true);
    expect(e2e.guarded.tileRequests).toEqual([]);
    expect(await page.evaluate(() => performance.getEntriesByType('resource').some((entry) => entry.name.includes('results-map')))).toBe(false);
    await page.getByRole('button', { name: 'Show map' }).click();

    // Loaded on demand, with one marker per result.
    await page.locator('[data-outlet-marker], [data-cluster-count]').first().waitFor();
    await expect.poll(() => placesOnMap(page)).toBe(count);
    expect(e2e.guarded.tileRequests.length).toBeGreaterThan(0);
    expect(await page.locator('.leaflet-control-attribution').textContent()).toContain('OpenStreetMap');
    await screenshot(page, 'find-results-map-desktop', { fullPage: false });
    await screenshot(page, 'find-results-full-desktop');
  });

  it('loads at most 60 KB of JavaScript (gzip) before a search, and no map code', async () => {
    const page = await e2e.newPage({ viewport: desktop });
    const scripts: { url: string; bytes: number }[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      // The finder gzips text like the CDN does; content-length is the size on the wire.
      scripts.push({ url: response.url(), bytes: Number(response.headers()['content-length'] ?? Infinity) });
    });

    await page.goto(e2e.finder.url, { waitUntil: 'networkidle' });

    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.reduce((sum, script) => sum + script.bytes, 0)).toBeLessThanOrEqual(60 * 1024);
    expect(scripts.some((script) => script.url.includes('results-map'))).toBe(false);
    expect(e2e.guarded.tileRequests).toEqual([]);
  });

  it('searches near the rounded location when the person uses their location', async () => {
    const page = await e2e.openPage('/', { viewport: phone, geolocation: manchester, permissions: ['geolocation'] });
    const apiCall = page.waitForRequest((request) => new URL(request.url()).pathname === '/api/outlets');

    await page.getByRole('button', { name: 'Use my location' }).click();

    const sent = new URL((await apiCall).url()).searchParams;
    expect([sent.get('lat'), sent.get('lng')]).toEqual(['53.478', '-2.245']);
    expect(sent.has('postcode')).toBe(false);
    await expect.poll(() => page.locator('[data-results-status]').textContent()).toMatch(/^\d+ places? found near your location$/);
    expect(await page.locator('[data-results-list] > li').count()).toBeGreaterThan(0);
    // The map stays off (and unloaded) until asked for.
    expect(await page.locator('[data-map-panel]').isHidden()).toBe(true);
    await screenshot(page, 'find-results-full-phone');
  });

  it('keeps a location search out of the URL, while back and forward still replay it', async () => {
    const page = await e2e.openPage('/', { viewport: phone, geolocation: manchester, permissions: ['geolocation'] });
    await page.getByRole('button', { name: 'Use my location' }).click();
    await expect.poll(() => page.locator('[data-results-status]').textContent()).toMatch(/near your location$/);
    expect(page.url()).toBe(`${e2e.finder.url}/`);

    await searchPostcode(page, 'M15 4AB');
    await expect.poll(() => page.locator('[data-results-status]').textContent()).toContain('near M15 4AB');
    await page.goBack();

    await expect.poll(() => page.locator('[data-results-status]').textContent()).toMatch(/near your location$/);
    expect(page.url()).toBe(`${e2e.finder.url}/`);
    expect(await page.getByLabel('Postcode').inputValue()).toBe('');
    await page.goBack();
    await expect.poll(() => page.locator('[data-results]').isHidden()).toBe(true);
    await page.goForward();
    await expect.poll(() => page.locator('[data-results-status]').textContent()).toMatch(/near your location$/);
    expect(page.url()).toBe(`${e2e.finder.url}/`);
  });

  it('takes coordinates out of an old link, and still searches there', async () => {
    const page = await e2e.openPage('/?lat=53.478&lng=-2.245', { viewport: phone });

    await expect.poll(() => page.locator('[data-results-status]').textContent()).toMatch(/near your location$/);
    expect(page.url()).toBe(`${e2e.finder.url}/`);
  });

  it('says plainly when the location cannot be used', async () => {
    const page = await e2e.openPage('/', { viewport: phone });
    // The live region is on the page (rendered, though empty) before anything is said in it.
    const region = page.locator('[role="status"]:has([data-location-status])');
    expect(await region.evaluate((element) => getComputedStyle(element).display)).not.toBe('none');

    await page.getByRole('button', { name: 'Use my location' }).click();

    await expect.poll(() => page.locator('[data-location-status]').textContent()).toContain('Enter a postcode instead');
    expect(await page.locator('[data-results]').isHidden()).toBe(true);
  });

  it('shows the error summary and the same message at the field for a postcode that is not real', async () => {
    const page = await e2e.openPage('/', { viewport: phone });

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
    const page = await e2e.openPage('/', { viewport: desktop });

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
    const page = await e2e.openPage('/', { viewport: phone });
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
    const page = await e2e.openPage('/?postcode=TR1', { viewport: phone });

    const none = page.locator('[data-no-results]');
    await none.waitFor();
    expect(await none.locator('h2').textContent()).toBe('No places found near TR1');
    expect(await none.textContent()).toContain('post a free naloxone kit');
    const widen = page.getByRole('link', { name: /Search further away/ });
    expect(new URL(await widen.getAttribute('href') ?? '', e2e.finder.url).searchParams.get('radiusKm')).toBe('100');
    // TR1 is a postcode area, searched from its middle: said here too, not only above a list.
    expect(await none.locator('[data-no-results-note]').textContent()).toBe('We searched from the middle of the TR1 postcode area.');
    expect(await none.textContent()).toContain('This demonstration only lists places in Greater Manchester.');
    expect(await none.textContent()).toContain('In Scotland, Wales and Northern Ireland the rules and services are different.');
  });

  it.each(['&radiusKm=100', ''])('offers no wider search when a search (%s) stopped short at the API’s read budget', async (radius) => {
    // Prepare: what the API answers when a filter matches nothing and the budget stops it at 37 km
    // (for the default 25 km, stopped at 8 km)
    const searchedRadiusKm = radius ? 37.23 : 8.69;
    const page = await e2e.openPage('/', { viewport: phone });
    await page.route('**/api/outlets?*', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          location: { lat: 53.4808, lng: -2.2426, source: 'coordinates', label: null },
          searchedRadiusKm,
          results: [],
          area: { nation: null, localAuthorityCode: null, localAuthorityName: null, knownFrom: 'unknown' },
          postalServices: [],
        }),
      }),
    );

    // Act
    await page.goto(`${e2e.finder.url}/?lat=53.4808&lng=-2.2426&kit=injectable${radius}`);

    // Assess: it says how far it looked, and does not send people round in a circle
    const none = page.locator('[data-no-results]');
    await none.waitFor();
    expect(await none.textContent()).toContain(radius ? 'within 23 miles (37 km)' : 'within 5 miles (9 km)');
    expect(await page.getByRole('link', { name: /Search further away/ }).count()).toBe(0);
  });

  it('keeps the last results and the 999 link when the finder stops answering', async () => {
    const page = await e2e.openPage('/?postcode=M15+4AB', { viewport: phone });
    await page.locator('[data-results-list] > li').first().waitFor();
    const before = await page.locator('[data-results-list] > li').count();
    await page.route('**/outlets?*', (route) => route.abort('connectionrefused'));

    await searchPostcode(page, 'M16 0RA');

    const problem = page.locator('[data-service-problem]');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('Sorry, the finder is not working right now');
    expect(await page.locator('[data-problem-kept]').isVisible()).toBe(true);
    expect(await page.locator('[data-results-list] > li').count()).toBe(before);
    expect(await page.locator('a[href="tel:999"]').first().isVisible()).toBe(true);
  });

  it('says plainly that the finder is not working, and keeps the last results and the emergency guidance, when the API answers 503', async () => {
    // Prepare: results on screen, then DynamoDB throttles every request (in this process's finder).
    const page = await e2e.openPage('/?postcode=M15+4AB', { viewport: phone });
    await page.locator('[data-results-list] > li').first().waitFor();
    const before = await page.locator('[data-results-list] > li').allTextContents();
    const faults = await injectDynamoDbFaults();
    faults.plan({ kind: 'throttling' });
    try {
      const answered = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/outlets');

      // Act
      await searchPostcode(page, 'M16 0RA');

      // Assess: the API's answer, then what the person sees.
      const response = await answered;
      expect([response.status(), response.headers()['retry-after']]).toEqual([503, '2']);
      expect(((await response.json()) as { error: string }).error).toBe('service_unavailable');
      const problem = page.locator('[data-service-problem]');
      await problem.waitFor();
      expect(await problem.locator('[data-service-problem-down]').textContent()).toContain('Sorry, the finder is not working right now');
      expect(await problem.textContent()).toContain('Try again in a few minutes.');
      expect(await page.locator('[data-problem-kept]').isVisible()).toBe(true);
      expect(await page.locator('[data-results-list] > li').allTextContents()).toEqual(before);
      expect(await page.locator('.app-emergency').textContent()).toContain('Someone overdosing?');
      expect(await page.locator('.app-emergency a[href="tel:999"]').isVisible()).toBe(true);
      expect(await problem.locator('a[href="tel:999"]').isVisible()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'find-api-503-phone');
    } finally {
      faults.clear();
    }

    // Once DynamoDB answers again, the same search works.
    await searchPostcode(page, 'M16 0RA');
    await expect.poll(() => page.locator('[data-results-status]').textContent()).toMatch(/places? found near M16 0RA$/);
    expect(await page.locator('[data-service-problem]').isHidden()).toBe(true);
  });

  it('says the device is offline, with the guides that still work, rather than that the finder is broken', async () => {
    const page = await e2e.openPage('/?postcode=M15+4AB', { viewport: phone });
    await page.locator('[data-results-list] > li').first().waitFor();
    await e2e.guarded.context.setOffline(true);

    await searchPostcode(page, 'M16 0RA');

    const offline = page.locator('[data-service-problem-offline]');
    await offline.waitFor();
    expect(await offline.textContent()).toContain('You’re offline');
    expect(await page.locator('[data-service-problem-down]').isHidden()).toBe(true);
    expect(await offline.locator('a[href^="/how-to-give-naloxone/"]').count()).toBe(4);
    expect(await page.locator('[data-service-problem]').textContent()).toContain('Phone calls work without the internet');
    await e2e.guarded.context.setOffline(false);
  });

  it('error summary links move focus to the field without searching again', async () => {
    const page = await e2e.openPage('/', { viewport: phone });
    const searches = countSearches(page);
    await searchPostcode(page, 'HELLO');
    const summary = page.locator('[data-error-summary]');
    await summary.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
    expect(searches()).toBe(1);

    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#postcode');
    await page.keyboard.press('Enter');

    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('postcode');
    // The label is on screen above the field, and the URL (so the history) did not change.
    expect(await page.locator('label[for="postcode"]').evaluate((label) => label.getBoundingClientRect().top)).toBeGreaterThanOrEqual(-1);
    expect(new URL(page.url()).hash).toBe('');
    await page.waitForTimeout(300);
    expect(searches()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('postcode');
  });

  it('skip link goes to the content without searching again', async () => {
    const page = await e2e.openPage('/?postcode=M15+4AB', { viewport: phone });
    await page.locator('[data-results-list] > li').first().waitFor();
    const searches = countSearches(page);

    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#main-content');
    await page.keyboard.press('Enter');

    await page.waitForTimeout(300);
    expect(searches()).toBe(0);
    expect(await page.locator('[data-results-list] > li').count()).toBeGreaterThan(0);
  });

  it('skip link after a location search keeps the results', async () => {
    const page = await e2e.openPage('/', { viewport: phone, geolocation: manchester, permissions: ['geolocation'] });
    await page.getByRole('button', { name: 'Use my location' }).click();
    await expect.poll(() => page.locator('[data-results-status]').textContent()).toMatch(/near your location$/);
    const searches = countSearches(page);

    await page.locator('.app-skip-link').focus();
    await page.keyboard.press('Enter');

    await page.waitForTimeout(300);
    expect(searches()).toBe(0);
    expect(await page.locator('[data-results]').isVisible()).toBe(true);
  });

  it('goes back from a listing to the same place in the list', async () => {
    const page = await e2e.openPage('/?postcode=M15+4AB', { viewport: phone });
    const cards = page.locator('[data-results-list] > li');
    await cards.first().waitFor();
    const link = cards.nth(6).locator('[data-result-link]');
    await link.scrollIntoViewIfNeeded();
    const before = await page.evaluate(() => window.scrollY);
    expect(before).toBeGreaterThan(1000);

    await link.click();
    await page.waitForURL(/\/outlet\//);
    await page.locator('[data-outlet] h1').waitFor();
    await page.goBack();

    await cards.first().waitFor();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before - 50);
    expect(await page.evaluate(() => window.scrollY)).toBeLessThan(before + 50);
  });

  it('keeps the heading outline: the demo notice is not a heading between the results and their names', async () => {
    const page = await e2e.openPage('/?postcode=M15+4AB', { viewport: phone });
    await page.locator('[data-results-list] > li').first().waitFor();

    const levels = await page.locator('[data-results]').evaluate((section) =>
      [...section.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter((h) => (h as HTMLElement).offsetParent !== null).map((h) => h.tagName),
    );
    expect(levels[0]).toBe('H2');
    expect(levels.slice(1).every((level) => level === 'H3')).toBe(true);
    // The notice names everything made up, not only kits and stock.
    const notice = (await page.locator('[data-demo-notice]').textContent())?.replace(/\s+/g, ' ');
    expect(notice).toContain('names, addresses and opening hours come from 2025 NHS data');
    expect(notice).toMatch(/whether they give it out, the kits, the stock, what to expect when you go, and when the listing was confirmed/);
  });
});
