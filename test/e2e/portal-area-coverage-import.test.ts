/**
 * The area dashboard's coverage gaps and listing imports in a real browser against the real finder,
 * as the demo commissioner of Manchester: the three times compared, the worst-served places for
 * the time chosen by keyboard, the opt-in map layer, the file of every place; an import file
 * checked row by row (new, changed, unchanged, invalid) and then applied once. axe-core checks
 * every state at a phone's and a desktop's width.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, desktop, phone, screenshot } from './support/browser.js';
import { openSignedIn, preparedSession, recordCspViolations, type PreparedSession } from './support/portal.js';
import { useE2eSession } from './support/session.js';

const e2e = useE2eSession({ portal: true });
const manchester = 'E08000003';
let chloe: PreparedSession;

beforeAll(async () => {
  chloe = await preparedSession(e2e.finder.url, 'chloe');
});

async function open(path: string, ready: string, viewport: { width: number; height: number }): Promise<{ page: Page; csp: () => string[] }> {
  const page = await e2e.newPage({ viewport });
  const csp = await recordCspViolations(page.context());
  await openSignedIn(page, e2e.finder.url, chloe, path);
  await page.locator(ready).first().waitFor();
  return { page, csp };
}

async function download(page: Page, button: ReturnType<Page['locator']>): Promise<string[]> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return (await readFile((await file.path())!, 'utf8')).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
}

describe('coverage gaps', () => {
  it('compares the three times, lists the worst-served places for the time chosen by keyboard, and gives every place as CSV', async () => {
    const { page, csp } = await open(`/portal/area/coverage/?code=${manchester}`, '[data-coverage-summary] table', desktop);

    expect(await page.locator('[data-coverage-places]').textContent()).toMatch(/^Measured from the centre of each of the area’s \d+ postcode districts/);
    const whens = await page.locator('[data-coverage-summary] tbody th').allTextContents();
    expect(whens.map((when) => when.replace(/ \(.*\)$/, ''))).toEqual(['Wednesday 12:00', 'Wednesday 22:00', 'Sunday 12:00']);
    // Fewer outlets are open at night than by day.
    const openOutlets = await page.locator('[data-coverage-summary] tbody tr').evaluateAll((rows) => rows.map((row) => Number(row.children[1]?.textContent)));
    expect(openOutlets[0]).toBeGreaterThan(openOutlets[1]!);
    // Night is chosen first: it is where the gaps are.
    expect(await page.locator('[data-worst] caption').textContent()).toMatch(/^The \d+ places furthest from an open outlet on Wednesday 22:00 \(/);
    const nightFirst = await page.locator('[data-worst] tbody th').first().textContent();
    expect(nightFirst).toMatch(/^[A-Z]{1,2}\d/);
    expect(await axeViolations(page)).toEqual([]);

    // Radios move with the arrow keys: from Wednesday 22:00 down to Sunday 12:00.
    await page.getByLabel(/^Wednesday 22:00/).focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('[data-worst] caption').textContent()).toMatch(/on Sunday 12:00 \(/);
    expect(await page.locator('[data-worst-status]').textContent()).toMatch(/^Showing the places furthest from an open outlet on Sunday 12:00/);
    const distances = await page.locator('[data-worst] tbody tr').evaluateAll((rows) => rows.map((row) => row.children[1]?.textContent ?? ''));
    const km = distances.filter((text) => text.endsWith(' km')).map((text) => Number(text.replace(' km', '')));
    expect(km).toEqual([...km].sort((a, b) => b - a));
    expect(await axeViolations(page)).toEqual([]);

    const worstCsv = await download(page, page.locator('[data-worst]').getByRole('button', { name: /^Download this table/ }));
    expect(worstCsv[0]).toBe('Place,Distance,Nearest open outlet,Outlet id,Latitude,Longitude');
    expect(worstCsv.length - 1).toBe(await page.locator('[data-worst] tbody tr').count());

    const every = await download(page, page.getByRole('button', { name: 'Download every place (CSV)' }));
    expect(every[0]).toMatch(/^place,latitude,longitude,Wednesday 12:00 \(\d{4}-\d{2}-\d{2}\) km,/);
    expect(every.length - 1).toBe(Number((await page.locator('[data-coverage-places]').textContent())!.match(/(\d+) postcode districts/)![1]));
    expect(csp()).toEqual([]);
    await screenshot(page, 'portal-area-coverage-desktop', { fullPage: false });
  });

  it('shades the places on a map only when asked, with a legend in words', async () => {
    const { page } = await open(`/portal/area/coverage/?code=${manchester}`, '[data-worst] table', phone);
    expect(e2e.guarded.tileRequests).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);

    await page.locator('[data-coverage-map] [data-map-toggle]').click();
    await page.locator('path.app-coverage-square').first().waitFor();
    expect(await page.locator('[data-coverage-legend] li').allTextContents()).toEqual(['Within 1 km', '1 to 2 km', '2 to 5 km', 'More than 5 km', 'No outlet open within reach'].map((label) => ` ${label}`));
    const night = await page.locator('path.app-coverage-square').count();
    expect(night).toBeGreaterThan(5);
    await expect.poll(() => e2e.guarded.tileRequests.length).toBeGreaterThan(0);
    // Another time shades the same squares by its own distances.
    const bands = () => page.locator('path.app-coverage-square').evaluateAll((paths) => paths.map((path) => path.getAttribute('class')).join());
    const nightBands = await bands();
    await page.getByLabel(/^Wednesday 12:00/).check();
    await expect.poll(bands).not.toBe(nightBands);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'portal-area-coverage-map-phone', { fullPage: false });
  });
});

describe('importing listings', () => {
  const header = 'external_id,name,address_1,town,postcode,latitude,longitude,local_authority,hours_note';
  const rows = [
    'E2E-AREA-1,Hulme Naloxone Test Service,1 Test Street,Manchester,M15 5AA,53.4668,-2.2490,E08000003,Closed for lunch 1-2',
    'E2E-AREA-2,Elsewhere Test Service,2 Test Street,Stretford,M32 0AA,53.4466,-2.3223,E08000009,',
    'E2E-AREA-3,,3 Test Street,Manchester,M1 1AE,53.4794,-2.2453,E08000003,',
  ];
  const file = (lines: string[]) => ({ name: 'services.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...lines].join('\n')) });

  it('checks a file row by row without writing, then imports it once; a second check finds nothing to change', async () => {
    const { page, csp } = await open(`/portal/area/import/?code=${manchester}`, '[data-import-form]', phone);
    expect(await axeViolations(page)).toEqual([]);

    // Nothing chosen: GOV.UK's error, linked to the field.
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.locator('[data-error-summary]').waitFor();
    expect(await page.locator('[data-error-summary] li').allTextContents()).toEqual(['Choose a file to upload']);
    expect(await page.locator('#import-file-error').textContent()).toContain('Choose a file to upload');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Choose a file').setInputFiles(file(rows));
    await page.getByRole('button', { name: 'Check the file' }).focus();
    await page.keyboard.press('Enter');
    const heading = page.locator('[data-import-result-heading]');
    await heading.getByText('Check of services.csv: nothing has been imported yet').waitFor();
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-import-result-heading'))).toBe(true);
    expect(await page.locator('[data-import-counts] li').allTextContents()).toEqual(['New: 1 row', 'Changed: 0 rows', 'Unchanged: 0 rows', 'Invalid: 2 rows']);
    const outcomes = () => page.locator('[data-import-table] tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.children[0]?.textContent, tr.querySelector('[data-outcome]')?.textContent]));
    expect(await outcomes()).toEqual([
      ['2', 'New'],
      ['3', 'Invalid'],
      ['4', 'Invalid'],
    ]);
    expect(await page.locator('[data-import-table] tbody tr').nth(1).textContent()).toMatch(/not in your area/);
    // A lunch closure said only in words is imported with the row and shown for checking.
    expect(await page.locator('[data-import-table] tbody tr').nth(0).textContent()).toMatch(/Check: hours_note: The note mentions a lunch closure/);
    // The warning links to each invalid row.
    const link = page.locator('[data-import-invalid-rows] a').first();
    expect(await link.getAttribute('href')).toBe('#import-line-3');
    expect(await page.locator('#import-line-3').count()).toBe(1);
    // Nothing was written by the check.
    expect((await fetch(`${e2e.finder.url}/api/outlets?postcode=M15%205AA&limit=20`).then((response) => response.json()) as { results: { name: string }[] }).results.map((result) => result.name)).not.toContain(
      'Hulme Naloxone Test Service',
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'portal-area-import-check-phone');

    await page.getByRole('button', { name: 'Import 1 listing' }).click();
    await page.locator('[data-import-applied]').getByText('services.csv imported: 1 listing added or changed').waitFor();
    expect(await heading.textContent()).toBe('Import of services.csv');
    expect(await page.locator('[data-import-apply]').isHidden()).toBe(true);
    const created = page.locator('[data-import-table] tbody tr').first().getByRole('link', { name: 'Hulme Naloxone Test Service' });
    const id = new URL((await created.getAttribute('href'))!, e2e.finder.url).searchParams.get('id');
    const listed = await fetch(`${e2e.finder.url}/api/outlets/${id}`);
    expect(listed.status).toBe(200);
    expect(await listed.json()).toMatchObject({ name: 'Hulme Naloxone Test Service', assuredAt: null });
    expect(await axeViolations(page)).toEqual([]);

    // The same file again: the check finds nothing to change, and offers no import.
    await page.getByLabel('Choose a file').setInputFiles(file(rows.slice(0, 1)));
    await page.getByRole('button', { name: 'Check the file' }).click();
    await expect.poll(() => page.locator('[data-import-counts] li').allTextContents()).toEqual(['New: 0 rows', 'Changed: 0 rows', 'Unchanged: 1 row', 'Invalid: 0 rows']);
    expect(await page.locator('[data-import-summary] .app-lead').textContent()).toBe('Importing this file would change nothing.');
    expect(await page.locator('[data-import-apply]').isHidden()).toBe(true);
    expect(csp()).toEqual([]);
  });

  it('shows a check at a desktop’s width, with the report as CSV', async () => {
    const { page } = await open(`/portal/area/import/?code=${manchester}`, '[data-import-form]', desktop);
    await page.getByLabel('Choose a file').setInputFiles(file(rows.slice(1)));
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.locator('[data-import-table] table').waitFor();
    expect(await page.locator('[data-import-apply]').isHidden()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    const csv = await download(page, page.locator('[data-import-table]').getByRole('button', { name: /^Download this table/ }));
    expect(csv[0]).toBe('Line,Id,Name,Outcome,Details,Listing id');
    expect(csv.slice(1).map((line) => line.split(',')[3])).toEqual(['Invalid', 'Invalid']);
    await screenshot(page, 'portal-area-import-desktop', { fullPage: false });
  });

  it('offers the template the import reads', async () => {
    const response = await fetch(`${e2e.finder.url}/portal/area/listing-template.csv`);
    expect(response.status).toBe(200);
    expect((await response.text()).split('\r\n')[0]).toMatch(/^external_id,name,organisation,outlet_type,supply_basis,address_1,/);
  });
});
