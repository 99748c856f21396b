/**
 * A commissioner's area dashboard in a real browser against the real finder, signed in as the demo
 * commissioner of Manchester: the overview (open reports dealt with in place, stale listings,
 * counts, every listing in a table and on the opt-in map, the estimate), kits given out as a chart
 * and tables against the estimate, batches expiring and a recall search, and who may not see an
 * area. axe-core checks every state at a phone's and a desktop's width; the keyboard does the work
 * where a person would use it; each table's CSV is read back.
 */
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, desktop, phone, screenshot } from './support/browser.js';
import { apiAs, openSignedIn, preparedSession, recordCspViolations, type PreparedSession } from './support/portal.js';
import { useE2eSession } from './support/session.js';
import { londonDate } from '../support/london-dates.js';

const e2e = useE2eSession({ portal: true });
const manchester = 'E08000003';
let chloe: PreparedSession;
let asha: PreparedSession;

beforeAll(async () => {
  [chloe, asha] = await Promise.all([preparedSession(e2e.finder.url, 'chloe'), preparedSession(e2e.finder.url, 'asha')]);
});

async function open(path: string, ready: string, viewport: { width: number; height: number }, session: PreparedSession = chloe): Promise<{ page: Page; csp: () => string[] }> {
  const page = await e2e.newPage({ viewport });
  const csp = await recordCspViolations(page.context());
  await openSignedIn(page, e2e.finder.url, session, path);
  await page.locator(ready).first().waitFor();
  return { page, csp };
}

/** Clicks a table's "Download this table (CSV)" and returns the file's name and rows. */
async function downloadCsv(page: Page, button: ReturnType<Page['locator']>): Promise<{ name: string; lines: string[] }> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const text = await readFile((await download.path())!, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return { name: download.suggestedFilename(), lines: text.slice(1).trimEnd().split('\r\n') };
}


describe('the overview', () => {
  it('deals with an open report from the public by keyboard, and lists every listing with its counts and CSV', async () => {
    const details = `No kits on the shelf (${randomUUID().slice(0, 8)})`;
    const sent = await fetch(`${e2e.finder.url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outletId: 'FD532', problem: 'no_kits', details }),
    });
    expect(sent.status).toBe(201);
    const { page, csp } = await open(`/portal/area/?code=${manchester}`, '[data-area] h1', desktop);

    expect(await page.title()).toContain('Area dashboard: Manchester');
    expect(await page.locator('nav[aria-label="Area dashboard"] a[aria-current="page"]').textContent()).toBe('Overview');
    expect(await page.locator('nav[aria-label="Area dashboard"] a', { hasText: 'Kits given out' }).getAttribute('href')).toBe(`/portal/area/kits/?code=${manchester}`);
    const listingRows = await page.locator('[data-area-listings] tbody tr').count();
    expect(listingRows).toBeGreaterThan(50);
    // The counts table's total is every listing.
    expect(await page.locator('[data-area-counts] tfoot td').last().textContent()).toBe(String(listingRows));
    expect(await page.locator('[data-area-summary]').textContent()).toMatch(new RegExp(`^${listingRows} listings, \\d+ open reports? from the public, \\d+ going stale\\.$`));
    expect(await axeViolations(page)).toEqual([]);

    const report = page.locator('[data-report]').filter({ hasText: details });
    expect(await report.getByRole('link', { name: 'Boots' }).getAttribute('href')).toBe('/portal/outlet/reports/?id=FD532');
    const openBefore = Number((await page.locator('[data-area-reports-count]').textContent())!.match(/^(\d+) open/)![1]);
    await report.getByLabel('What did you do about it? (optional)').focus();
    await page.keyboard.type('Phoned the pharmacy: restocked.');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Mark as dealt with/);
    await page.keyboard.press('Enter');
    await expect.poll(() => report.locator('[data-report-status]').textContent()).toBe('Dealt with');
    expect(await report.textContent()).toContain('Phoned the pharmacy: restocked.');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H3');
    expect(await page.locator('[data-area-reports-count]').textContent()).toBe(openBefore - 1 === 0 ? 'No open reports.' : `${openBefore - 1} open ${openBefore - 1 === 1 ? 'report' : 'reports'}`);
    expect(await axeViolations(page)).toEqual([]);
    // The listing's own staff see it dealt with too.
    const reports = await apiAs<{ reports: { details: string | null; status: string }[] }>(e2e.finder.url, asha, 'GET', '/portal/outlets/FD532/reports');
    expect(reports.body.reports.find((item) => item.details === details)?.status).toBe('dealt_with');

    const csv = await downloadCsv(page, page.locator('[data-area-listings]').getByRole('button', { name: /^Download this table \(CSV\)/ }));
    expect(csv.name).toBe(`manchester-listings-${londonDate()}.csv`);
    expect(csv.lines[0]).toBe('Listing,Type,Status,Stock,Confirmed,Open reports,Id,Address,Postcode,Latitude,Longitude,Last confirmed');
    expect(csv.lines).toHaveLength(listingRows + 1);
    expect(csv.lines.some((line) => line.includes(',FD532,'))).toBe(true);
    expect(csp()).toEqual([]);
    await screenshot(page, 'portal-area-overview-desktop', { fullPage: false });
  });

  it('shows the listings on a map only when asked, and a marker chosen by keyboard says which listing it is', async () => {
    const { page } = await open(`/portal/area/?code=${manchester}`, '[data-area] h1', phone);
    expect(e2e.guarded.tileRequests).toEqual([]);
    // Every demo listing is a pharmacy: with one type there is nothing to choose between.
    expect(await page.locator('[data-listings-filter]').isHidden()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    const toggle = page.locator('[data-listings-map] [data-map-toggle]');
    expect(await toggle.textContent()).toBe('Show map');
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await toggle.textContent()).toBe('Hide map');
    // Clusters at the area's zoom: zoom in until single markers show.
    await page.locator('[data-listings-map] .leaflet-marker-icon').first().waitFor();
    await expect.poll(() => e2e.guarded.tileRequests.length).toBeGreaterThan(0);
    for (let zoom = 0; zoom < 6 && (await page.locator('[data-area-marker]').count()) === 0; zoom += 1) {
      await page.locator('[data-listings-map] .leaflet-control-zoom-in').click();
      await page.waitForTimeout(300);
    }
    const marker = page.locator('[data-area-marker]').first();
    const id = await marker.getAttribute('data-area-marker');
    await marker.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-chosen-listing]').getAttribute('data-chosen-listing')).toBe(id);
    expect(await page.locator('[data-chosen-listing] a').getAttribute('href')).toBe(`/portal/outlet/?id=${id}`);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'portal-area-map-phone', { fullPage: false });
  });

  it('shows the listings of one type in the table and on the map', async () => {
    const content = [
      'external_id,name,outlet_type,supply_basis,address_1,town,postcode,latitude,longitude,local_authority',
      'E2E-TYPE-1,Hulme Drug and Alcohol Test Service,drug_service,drug_treatment_service,1 Test Street,Manchester,M15 5AA,53.4668,-2.2490,E08000003',
    ].join('\n');
    const imported = await apiAs<{ rows: { outletId: string }[] }>(e2e.finder.url, chloe, 'POST', `/portal/areas/${manchester}/imports`, {
      headers: { 'idempotency-key': randomUUID() },
      body: { fileName: 'service.csv', content, dryRun: false },
    });
    expect(imported.status).toBe(201);
    const serviceId = imported.body.rows[0]!.outletId;
    const { page } = await open(`/portal/area/?code=${manchester}`, '[data-area] h1', desktop);
    const all = await page.locator('[data-area-listings] tbody tr').count();

    const select = page.getByLabel('Type of outlet');
    const options = await select.locator('option').allTextContents();
    expect(options[0]).toBe(`All types (${all} listings)`);
    expect(options).toContain('Drug and alcohol service (1 listing)');
    await page.locator('[data-listings-map] [data-map-toggle]').click();
    await select.focus();
    await select.selectOption({ label: 'Drug and alcohol service (1 listing)' });
    await expect.poll(() => page.locator('[data-area-listings] tbody tr').count()).toBe(1);
    expect(await page.locator('[data-area-listings] caption').textContent()).toBe('Listings of type Drug and alcohol service, by name');
    expect(await page.locator('[data-listings-filter-status]').textContent()).toBe('Showing 1 listing of type Drug and alcohol service');
    const marker = page.locator(`[data-area-marker="${serviceId}"]`);
    await marker.waitFor();
    expect(await page.locator('[data-area-marker]').count()).toBe(1);
    expect(await marker.textContent()).toBe('Hulme Drug and Alcohol Test Service (Drug and alcohol service), 1 Test Street: Open as usual');
    expect(await axeViolations(page)).toEqual([]);

    await select.selectOption({ label: options[0]! });
    await expect.poll(() => page.locator('[data-area-listings] tbody tr').count()).toBe(all);
  });

  it('sets the estimate of people who use opiates, with GOV.UK errors first', async () => {
    const { page } = await open(`/portal/area/?code=${manchester}`, '[data-estimate-form]', phone);
    const form = page.locator('[data-estimate-form]');
    await form.getByLabel('Estimated number of people who use opiates').fill('');
    await form.getByLabel('Where the estimate comes from').fill('');
    await form.getByLabel('Year the estimate is for').fill('1999');
    await form.getByRole('button', { name: 'Save estimate' }).click();
    const summary = page.locator('[data-error-summary]');
    await summary.waitFor();
    expect(await summary.locator('li').allTextContents()).toEqual(['Enter the number of people, as a whole number', 'Say where the estimate comes from', 'Enter a year from 2000']);
    expect(await page.title()).toMatch(/^Error: /);
    expect(await axeViolations(page)).toEqual([]);

    await form.getByLabel('Estimated number of people who use opiates').fill('3,600');
    await form.getByLabel('Where the estimate comes from').fill('OHID opiate and crack cocaine use prevalence estimates');
    await form.getByLabel('Year the estimate is for').fill('2023');
    await form.getByRole('button', { name: 'Save estimate' }).click();
    await page.locator('[data-estimate-saved]').getByText('Estimate saved: 3,600 people (2023)').waitFor();
    expect(await page.locator('[data-estimate]').textContent()).toContain('OHID opiate and crack cocaine use prevalence estimates');
    expect(await summary.isHidden()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('kits given out', () => {
  it('shows the months as a chart with words and as tables, against the estimate, with CSVs', async () => {
    const record = (count: number, supply: 'first' | 'resupply', kitType: 'nasal' | 'injectable' = 'nasal') =>
      apiAs(e2e.finder.url, asha, 'POST', '/portal/outlets/FD532/supplies', {
        headers: { 'idempotency-key': randomUUID() },
        body: { date: londonDate(), kitType, count, supply, ...(supply === 'resupply' ? { resupplyReason: 'used_on_someone' } : {}) },
      });
    expect((await record(6, 'first')).status).toBe(201);
    expect((await record(2, 'resupply')).status).toBe(201);
    expect((await record(1, 'first', 'injectable')).status).toBe(201);
    const estimate = await apiAs(e2e.finder.url, chloe, 'PUT', `/portal/areas/${manchester}/estimate`, { body: { peopleUsingOpiates: 3600, source: 'OHID estimates', year: 2023 } });
    expect(estimate.status).toBe(200);

    for (const viewport of [phone, desktop]) {
      const { page, csp } = await open(`/portal/area/kits/?code=${manchester}`, '[data-kits-chart]', viewport);
      const month = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(new Date());
      // The chart's text alternative: the caption says what the bars show.
      expect(await page.locator('[data-kits-chart] figcaption').textContent()).toMatch(
        /^From \w+ \d{4} to \w+ \d{4}, 9 kits were given out in Manchester: 7 first kits and 2 replacements\. That is less than 0\.1 kits per person estimated to use opiates \(3,600 people, 2023\)\. Release recommends at least one kit per person: 3,591 kits short of one each\.$/,
      );
      expect(await page.locator('[data-kits-chart] [aria-hidden="true"] [data-chart-month]').count()).toBe(12);
      expect(await page.locator('[data-kits-chart] .app-chart__line').count()).toBeGreaterThan(0);
      const newest = page.locator('[data-kits-all] tbody tr').first();
      expect(await newest.locator('th, td').allTextContents()).toEqual([month, '7', '2', '9', '9']);
      expect(await page.locator('[data-kits-by-type] caption').allTextContents()).toEqual(['Nasal spray (Nyxoid) kits given out by month', 'Injection (Prenoxad) kits given out by month']);
      expect(await page.locator('[data-kits-reasons] tbody tr').allTextContents()).toEqual(['Used on someone2']);
      expect(await page.locator('[data-estimate]').textContent()).toContain('300 kits a month');
      expect(await axeViolations(page)).toEqual([]);
      expect(csp()).toEqual([]);
      if (viewport === desktop) {
        const csv = await downloadCsv(page, page.locator('[data-kits-all]').getByRole('button', { name: /^Download this table/ }));
        expect(csv.lines[0]).toBe('Month,First kits,Replacements,Total,Running total');
        expect(csv.lines[1]).toBe(`${month},7,2,9,9`);
        expect(csv.lines.at(-1)).toBe('Total,7,2,9,9');
        expect(csv.lines).toHaveLength(14);
      }
      await screenshot(page, `portal-area-kits-${viewport === phone ? 'phone' : 'desktop'}`);
    }
  });
});

describe('batches and recalls', () => {
  it('lists the batches expiring within 60 days by outlet, and finds a recalled batch across the area', async () => {
    const number = `RC-${randomUUID().slice(0, 6).toUpperCase()}`;
    for (const [outlet, days] of [['FD532', 20], ['FEX27', 300]] as const) {
      const added = await apiAs(e2e.finder.url, asha, 'POST', `/portal/outlets/${outlet}/batches`, {
        headers: { 'idempotency-key': randomUUID() },
        body: { batchNumber: number, kitType: 'nasal', quantity: 5, expiresOn: londonDate(days) },
      });
      expect(added.status).toBe(201);
    }
    const { page, csp } = await open(`/portal/area/batches/?code=${manchester}`, '[data-area] h1', phone);

    const soon = page.locator('[data-expiring] tbody tr').filter({ hasText: number });
    expect(await soon.count()).toBe(1);
    expect(await soon.locator('th').textContent()).toBe('Boots');
    expect(await soon.locator('[data-expiry-tag]').textContent()).toBe('Expires in 20 days');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Batch number').fill('');
    await page.getByLabel('Batch number').press('Enter');
    await page.locator('[data-error-summary]').waitFor();
    expect(await page.locator('[data-error-summary] li').allTextContents()).toEqual(['Enter the batch number']);
    expect(await axeViolations(page)).toEqual([]);

    // As a recall notice prints it, in another case and spacing.
    await page.getByLabel('Batch number').fill(number.toLowerCase().replace('-', ' '));
    await page.getByLabel('Batch number').press('Enter');
    await expect.poll(() => page.locator('[data-recall-status]').textContent()).toMatch(/^2 batches with number .+ at 2 outlets\.$/);
    expect((await page.locator('[data-recall-results] tbody th').allTextContents()).sort()).toEqual(['Boots', 'Boots']);
    expect(await page.locator('[data-error-summary]').isHidden()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    const csv = await downloadCsv(page, page.locator('[data-recall-results]').getByRole('button', { name: /^Download this table/ }));
    expect(csv.lines[0]).toBe('Outlet,Outlet id,Batch number,Kit,Kits,Expiry date,Expiry');
    expect(csv.lines.slice(1).map((line) => line.split(',')[1]).sort()).toEqual(['FD532', 'FEX27']);
    expect(csp()).toEqual([]);
  });
});

describe('who may see an area', () => {
  it('tells an outlet’s staff they have no access, and anyone that a malformed code is not an area', async () => {
    const { page } = await open(`/portal/area/?code=${manchester}`, '[data-portal-state="forbidden"]:not([hidden])', phone, asha);
    expect(await page.getByRole('heading', { level: 1, name: 'You do not have access to this area' }).isVisible()).toBe(true);
    expect(await page.title()).toContain('No access to this area');
    expect(await axeViolations(page)).toEqual([]);

    // The import page has no data of its own to be refused: it says so before offering the form.
    const upload = await open(`/portal/area/import/?code=${manchester}`, '[data-portal-state="forbidden"]:not([hidden])', desktop, asha);
    expect(await upload.page.locator('[data-import-form]').isVisible()).toBe(false);
    expect(await axeViolations(upload.page)).toEqual([]);

    const other = await open('/portal/area/coverage/?code=nonsense', '[data-portal-state="not_found"]:not([hidden])', desktop);
    expect(await other.page.getByRole('heading', { level: 1, name: 'We could not find that area' }).isVisible()).toBe(true);
    expect(await axeViolations(other.page)).toEqual([]);
  });
});
