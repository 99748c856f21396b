/**
 * Posters in a real browser against the real finder: an area's and an outlet's, on screen and in
 * print (axe in both), printed to PDF by Chromium (one A4 sheet holding the poster's words), and a
 * QR code that encodes exactly the address its label gives, which opens a search with results.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { qrCodeShape } from '../../site/src/scripts/qr-code.js';
import { axeViolations, desktop, screenshot } from './support/browser.js';
import { a4Points, readPdf } from './support/pdf.js';
import { useE2eSession } from './support/session.js';

const e2e = useE2eSession();

/** Words without any whitespace, so a PDF's text runs split mid-phrase still match. */
const squashed = (text: string) => text.replace(/\s+/g, '');

/** The poster's QR code: the address its label names, and whether its modules are that address's code. */
async function posterCode(page: Page): Promise<{ url: string; encodesUrl: boolean }> {
  const svg = page.locator('[data-poster-qr] svg');
  const label = (await svg.getAttribute('aria-label')) ?? '';
  const url = label.replace(/^QR code: opens /, '');
  const path = await svg.locator('path').getAttribute('d');
  return { url, encodesUrl: path === qrCodeShape(url).path };
}

/** Axe on screen and as printed, then the page printed to PDF as the print button would. */
async function checkPrint(page: Page, name: string) {
  expect(await axeViolations(page)).toEqual([]);
  await page.emulateMedia({ media: 'print' });
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, `${name}-print`);
  // `preferCSSPageSize`: the sheet size comes from the stylesheet's `@page { size: A4 }`.
  return readPdf(await page.pdf({ preferCSSPageSize: true, printBackground: false }));
}

describe('area poster', () => {
  it('prints one A4 sheet with the area, the finder’s address, a QR code to the area’s search and the 999 message', async () => {
    // Prepare
    const page = await e2e.openPage('/poster/area/E08000009/', { viewport: desktop });
    await page.locator('[data-poster-qr] svg').waitFor();

    // Act
    const code = await posterCode(page);
    const printed = await checkPrint(page, 'poster-area');

    // Assess
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Free naloxone near here');
    expect(code.url).toMatch(new RegExp(`^${e2e.finder.url}/\\?lat=53\\.\\d{3}&lng=-2\\.\\d{3}$`));
    expect(code.encodesUrl).toBe(true);
    expect(printed).toHaveLength(1);
    expect(printed[0]?.width).toBeCloseTo(a4Points.width, 0);
    expect(printed[0]?.height).toBeCloseTo(a4Points.height, 0);
    const text = squashed(printed[0]?.text ?? '');
    for (const words of ['Free naloxone near here', 'Trafford', 'Someone overdosing? Call 999.', new URL(e2e.finder.url).host]) {
      expect(text).toContain(squashed(words));
    }
    // The site's chrome stays on screen: the print button, the banner and the footer are not printed.
    expect(text).not.toContain(squashed('Print this poster'));
    expect(text).not.toContain(squashed('Where this information comes from'));
  });

  it('opens, when scanned, a search around the area that finds places', async () => {
    // Prepare
    const poster = await e2e.openPage('/poster/area/E08000009/', { viewport: desktop });
    await poster.locator('[data-poster-qr] svg').waitFor();
    const { url } = await posterCode(poster);

    // Act
    const page = await e2e.openPage(new URL(url).pathname + new URL(url).search);

    // Assess
    await page.locator('[data-results-list] li').first().waitFor();
    expect(await page.locator('[data-results-list] li').count()).toBeGreaterThan(0);
    // As with any link holding a point, the find page keeps it out of the address bar.
    expect(new URL(page.url()).search).toBe('');
  });

  it('lists every area’s poster', async () => {
    // Act
    const page = await e2e.openPage('/poster/area/', { viewport: desktop });

    // Assess
    expect(await page.getByRole('link', { name: 'Trafford', exact: true }).getAttribute('href')).toBe('/poster/area/E08000009/');
    expect(await page.locator('.app-poster-areas li').count()).toBeGreaterThan(300);
    expect(await axeViolations(page)).toEqual([]);
  });
});

/** The nearest demo pharmacy to a postcode, asked of the API directly. */
async function nearestOutlet(postcode: string): Promise<{ id: string; name: string }> {
  const response = await fetch(`${e2e.finder.url}/api/outlets?postcode=${encodeURIComponent(postcode)}&limit=1`);
  const { results } = (await response.json()) as { results: { id: string; name: string }[] };
  if (!results[0]) throw new Error(`No outlet near ${postcode}`);
  return results[0];
}

describe('outlet poster', () => {
  it('is linked from the outlet page', async () => {
    // Prepare
    const outlet = await nearestOutlet('M15 4AB');

    // Act
    const page = await e2e.openPage(`/outlet/?id=${outlet.id}`);
    const link = page.getByRole('link', { name: 'Print a poster for this place' });

    // Assess
    expect(await link.getAttribute('href')).toBe(`/poster/outlet/?id=${outlet.id}`);
  });

  it('prints one A4 sheet with the place, its hours, a QR code to its listing and the 999 message', async () => {
    // Prepare
    const outlet = await nearestOutlet('M15 4AB');
    const page = await e2e.openPage(`/poster/outlet/?id=${outlet.id}`, { viewport: desktop });
    await page.locator('[data-poster]').waitFor();

    // Act
    const code = await posterCode(page);
    const hours = await page.locator('[data-poster-hours] tbody tr').allTextContents();
    const printed = await checkPrint(page, 'poster-outlet');

    // Assess
    expect(await page.title()).toBe(`Poster: ${outlet.name} – Find free naloxone`);
    expect(await page.locator('[data-poster-name]').textContent()).toBe(outlet.name);
    expect(hours).toHaveLength(7);
    expect(code.url).toBe(`${e2e.finder.url}/outlet/?id=${outlet.id}`);
    expect(code.encodesUrl).toBe(true);
    // The demo's listings are made up: their posters say so, in print too.
    expect(await page.locator('[data-poster-demo]').isVisible()).toBe(true);
    expect(printed).toHaveLength(1);
    expect(printed[0]?.width).toBeCloseTo(a4Points.width, 0);
    expect(printed[0]?.height).toBeCloseTo(a4Points.height, 0);
    const text = squashed(printed[0]?.text ?? '');
    const heading = (await page.locator('#poster-heading').textContent()) ?? '';
    expect(heading).toMatch(/^(Free naloxone here|Naloxone here)$/);
    for (const words of [heading, outlet.name, 'Monday', 'Sunday', 'Someone overdosing? Call 999.', 'Demo:', new URL(e2e.finder.url).host]) {
      expect(text).toContain(squashed(words));
    }
  });

  it('says so when the place does not exist, and shows no poster', async () => {
    // Act
    const page = await e2e.openPage('/poster/outlet/?id=NOPE0');

    // Assess
    await page.getByRole('heading', { name: 'We could not find that place', level: 1 }).waitFor();
    expect(await page.locator('[data-poster]').isHidden()).toBe(true);
    expect(await page.getByRole('button', { name: 'Print this poster' }).isHidden()).toBe(true);
  });
});
