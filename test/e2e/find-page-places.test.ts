/**
 * The find page searching by town or area name, and the links it makes: the name search, the
 * choice between places of one name, an unknown name, and a result link that reloads to the same
 * results, while a search near the device's location never puts its point in any URL.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, manchester, phone, screenshot } from './support/browser.js';
import { searchPostcode } from './support/find-page.js';
import { useE2eSession } from './support/session.js';

const e2e = useE2eSession();

const status = (page: Page) => page.locator('[data-results-status]').textContent();
const resultNames = (page: Page) => page.locator('[data-results-list] > li h3').allTextContents();

/** Records every URL the page puts in its history (pushState, replaceState), across reloads. */
async function recordHistoryUrls(page: Page): Promise<string[]> {
  const urls: string[] = [];
  await page.exposeFunction('recordHistoryUrl', (url: string) => urls.push(url));
  await page.addInitScript(() => {
    const record = (window as unknown as { recordHistoryUrl: (url: string) => void }).recordHistoryUrl;
    for (const method of ['pushState', 'replaceState'] as const) {
      const original = history[method].bind(history);
      history[method] = (data: unknown, unused: string, url?: string | URL | null) => {
        if (url !== undefined && url !== null) record(String(url));
        original(data, unused, url);
      };
    }
  });
  return urls;
}

describe('find page: towns and areas', () => {
  it('searches near the centre of a town, says so, and puts the name in the URL', async () => {
    const page = await e2e.openPage('/', { viewport: phone });

    await searchPostcode(page, 'altrincham');

    await expect.poll(() => status(page)).toMatch(/^\d+ places? found near Altrincham$/);
    expect(await page.locator('[data-results-heading]').textContent()).toBe('Places near Altrincham');
    expect(await page.locator('[data-results-note]').textContent()).toContain('Showing places near the centre of Altrincham.');
    expect(new URL(page.url()).searchParams.get('place')).toBe('altrincham');
    expect(new URL(page.url()).searchParams.has('postcode')).toBe(false);
    expect(await page.title()).toMatch(/^Places near Altrincham/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'find-place-results-phone');
  });

  it('asks which place a shared name means, with a link to each, and searches the one chosen', async () => {
    const page = await e2e.openPage('/', { viewport: phone });

    await searchPostcode(page, 'Newport');

    const choices = page.locator('[data-place-choices]');
    await choices.waitFor();
    expect(await choices.locator('h2').textContent()).toBe('Which Newport do you mean?');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('place-choices-heading');
    const labels = await choices.getByRole('link').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['Newport, Isle of Wight', 'Newport, Telford and Wrekin', 'Newport, Wales']));
    // Each choice is a real link to its own search.
    const href = await choices.getByRole('link', { name: 'Newport, Telford and Wrekin' }).getAttribute('href');
    expect(new URL(href ?? '', e2e.finder.url).searchParams.get('place')).toBe('Newport, Telford and Wrekin');
    expect(await page.title()).toMatch(/^Which Newport do you mean\?/);
    expect(await page.locator('[data-results]').isHidden()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'find-place-choices-phone');

    // Chosen by keyboard: the search runs there, and the URL names that Newport.
    await choices.getByRole('link', { name: 'Newport, Telford and Wrekin' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-no-results]').waitFor();
    expect(await page.locator('[data-no-results-heading]').textContent()).toBe('No places found near Newport, Telford and Wrekin');
    expect(await page.locator('[data-no-results-note]').textContent()).toBe('Showing places near the centre of Newport, Telford and Wrekin.');
    expect(new URL(page.url()).searchParams.get('place')).toBe('Newport, Telford and Wrekin');
    expect(await choices.isHidden()).toBe(true);

    // Back returns to the question.
    await page.goBack();
    await choices.waitFor();
    expect(await page.getByLabel('Postcode').inputValue()).toBe('Newport');
  });

  it('says plainly when it does not know a name, at the field and in the summary, with the postcode hint', async () => {
    const page = await e2e.openPage('/', { viewport: phone });

    await searchPostcode(page, 'Atlantis');

    const summary = page.locator('[data-error-summary]');
    await summary.waitFor();
    const summaryMessage = (await summary.locator('li a').textContent())?.trim();
    expect(summaryMessage).toBe('We could not find a town or area with that name. Check the spelling, or enter a postcode');
    expect((await page.locator('[data-field-error-text]').textContent())?.trim()).toBe(summaryMessage);
    expect(await summary.locator('li a').getAttribute('href')).toBe('#postcode');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByLabel('Postcode').inputValue()).toBe('Atlantis');
    expect(await page.locator('#postcode-hint').textContent()).toContain('M15 4AB');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'find-place-unknown-phone');
  });

  it('reloads a shared result link to the same results, for a place name and for a postcode', async () => {
    for (const typed of ['Hulme', 'M15 4AB']) {
      // Prepare: a search with a filter, as someone would share it.
      const page = await e2e.openPage('/', { viewport: phone });
      await searchPostcode(page, typed);
      await page.locator('summary', { hasText: 'Filter results' }).click();
      await page.getByLabel('Nasal spray (Nyxoid)').check();
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('kit')).toBe('nasal');
      await expect.poll(() => status(page)).toContain(`near ${typed}`);
      const shared = page.url();
      const before = await resultNames(page);

      // Act: the link opened somewhere else (a fresh context: no history, no state).
      const other = await e2e.openPage(shared.replace(e2e.finder.url, ''), { viewport: phone });

      // Assess
      await expect.poll(() => status(other)).toContain(`near ${typed}`);
      expect(await resultNames(other)).toEqual(before);
      expect(await other.getByLabel('Postcode').inputValue()).toBe(typed);
      expect(await other.getByLabel('Nasal spray (Nyxoid)').isChecked()).toBe(true);
    }
  });

  it('searches a town sent as the form’s own postcode field (before the script ran) as a town', async () => {
    const page = await e2e.openPage('/?postcode=Altrincham', { viewport: phone });

    await expect.poll(() => status(page)).toMatch(/^\d+ places? found near Altrincham$/);
    expect(await page.locator('[data-error-summary]').isHidden()).toBe(true);
  });

  it('never puts a device location in any URL, after a name search or before one', async () => {
    const page = await e2e.newPage({ viewport: phone, geolocation: manchester, permissions: ['geolocation'] });
    const urls = await recordHistoryUrls(page);
    await page.goto(`${e2e.finder.url}/?place=Hulme`);
    await expect.poll(() => status(page)).toContain('near Hulme');

    await page.getByRole('button', { name: 'Use my location' }).click();
    await expect.poll(() => status(page)).toMatch(/near your location$/);
    await page.reload();
    await expect.poll(() => status(page)).toMatch(/near your location$/);

    expect(page.url()).toBe(`${e2e.finder.url}/`);
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter((url) => /lat|lng|53\.47|-2\.24/.test(url))).toEqual([]);
    // Back to the name search: the place name is still in its own entry's URL.
    await page.goBack();
    await expect.poll(() => status(page)).toContain('near Hulme');
    expect(new URL(page.url()).searchParams.get('place')).toBe('Hulme');
  });
});
