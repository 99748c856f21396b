/**
 * The find page's map in a real browser: opt-in, the same places as the list, keyboard order,
 * phone layout and what happens when the map cannot load.
 */
import { describe, expect, it } from 'vitest';
import { desktop, phone, screenshot } from './support/browser.js';
import { useE2eSession } from './support/session.js';

const e2e = useE2eSession();

describe('find page map', () => {
  it('says who sees what: the tile server only once the map is shown; someone else “may” be able to get a kit', async () => {
    const page = await e2e.openPage('/', { viewport: phone });

    expect(await page.locator('.app-lead').textContent()).toMatch(/you may be able to get one for someone else\./);
    const privacy = (await page.locator('footer [data-map-privacy]').textContent())!.replace(/\s+/g, ' ');
    expect(privacy).toContain('The map is off until you choose “Show map”.');
    // The e2e build's tile server, named as configured.
    expect(privacy).toContain('127.0.0.1:58213');
    expect(privacy).toContain('receives your IP address');
  });

  it('selecting a marker highlights its place in the list', async () => {
    const page = await e2e.openPage('/?postcode=M15+4AB', { viewport: desktop });
    await page.getByRole('button', { name: 'Show map' }).click();
    const marker = page.locator('[data-outlet-marker]').first();
    await marker.waitFor();
    const id = await marker.getAttribute('data-outlet-marker');

    await marker.focus();
    await page.keyboard.press('Enter');

    await expect.poll(() => page.locator(`#result-${id}`).getAttribute('class')).toContain('app-result--selected');
    expect(await page.evaluate(() => document.activeElement?.closest('li')?.id)).toBe(`result-${id}`);
    expect(await marker.getAttribute('class')).toContain('app-map-marker--selected');
  });

  it('on a phone, opens the map right under "Show map", and "Show on map" brings it into view', async () => {
    const page = await e2e.openPage('/?postcode=M15+4AB', { viewport: phone });
    await page.locator('[data-results-list] > li').first().waitFor();
    const toggle = page.locator('[data-map-toggle]');
    await toggle.scrollIntoViewIfNeeded();

    await toggle.click();

    await page.locator('[data-outlet-marker], [data-cluster-count]').first().waitFor();
    const [button, map] = await Promise.all([toggle.boundingBox(), page.locator('[data-map]').boundingBox()]);
    expect(map!.y - (button!.y + button!.height)).toBeLessThan(400);
    expect(map!.y + map!.height).toBeLessThanOrEqual(phone.height);

    // From a place far down the list, "Show on map" scrolls back up to the map.
    const last = page.locator('[data-results-list] > li').last();
    await last.scrollIntoViewIfNeeded();
    await last.getByRole('button', { name: /Show on map/ }).click();
    await expect.poll(() => page.locator('[data-map]').evaluate((element) => element.getBoundingClientRect().top)).toBeGreaterThanOrEqual(-1);
    expect(await page.locator('[data-map]').evaluate((element) => element.getBoundingClientRect().bottom)).toBeLessThanOrEqual(phone.height);
    await screenshot(page, 'find-map-phone', { fullPage: false });
  });

  it('says so in the map panel when the map code cannot be loaded', async () => {
    // The service worker would answer the chunk itself, out of the route's reach: keep it out, and
    // set the route before the page loads so no early request slips past it.
    const page = await e2e.newPage({ viewport: desktop, serviceWorkers: 'block' });
    // As after a new build: the chunk the page asks for is gone.
    await page.route(/results-map[^/]*\.js/, (route) => route.fulfill({ status: 404, body: '' }));
    await page.goto(`${e2e.finder.url}/?postcode=M15+4AB`);
    await page.locator('[data-results-list] > li').first().waitFor();

    await page.getByRole('button', { name: 'Show map' }).click();

    const failed = page.locator('[data-map-failed]');
    await failed.waitFor();
    expect(await failed.textContent()).toContain('the map could not be loaded');
    expect(await page.locator('[data-map]').isHidden()).toBe(true);
    expect(await page.getByRole('button', { name: /Show on map/ }).count()).toBe(0);
  });

  it('lets Tab reach the markers in the list’s order, after zooming too, with no animation when motion is reduced', async () => {
    const page = await e2e.openPage('/?postcode=M15+4AB', { viewport: desktop, reducedMotion: 'reduce' });
    await page.getByRole('button', { name: 'Show map' }).click();
    await page.locator('[data-outlet-marker], [data-cluster-count]').first().waitFor();
    expect(await page.locator('.leaflet-container').getAttribute('class')).not.toContain('leaflet-fade-anim');
    // Leaflet makes its zoom animation proxy only when it animates zooms.
    expect(await page.locator('.leaflet-proxy').count()).toBe(0);

    /** The list number of each marker (a cluster: its first place's), in the order Tab reaches them. */
    const tabOrder = () =>
      page.locator('.leaflet-marker-pane').evaluate((pane) =>
        [...pane.children]
          .map((element) => {
            const cluster = element.querySelector<HTMLElement>('[data-cluster-first]');
            return Number(cluster ? cluster.dataset.clusterFirst : (element as HTMLElement).dataset.markerPosition);
          })
          .filter((position) => position > 0),
      );
    const ascending = (numbers: number[]) => numbers.every((value, index) => index === 0 || value > numbers[index - 1]!);

    for (const zoom of ['Zoom out', 'Zoom in', 'Zoom in', 'Zoom in']) {
      await page.getByRole('button', { name: zoom, exact: true }).click();
      await page.waitForTimeout(150);
      const order = await tabOrder();
      expect(order.length).toBeGreaterThan(0);
      expect(ascending(order), `${zoom}: ${order.join(', ')}`).toBe(true);
    }
  });
});
