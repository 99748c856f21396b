/**
 * The outlet portal's records, in a real browser against the real finder: kits given out (with
 * the GOV.UK conditional reveal for a replacement's reason, monthly totals in a real table, and a
 * retried record counted once), stock batches (expiry tags, recall search), the change history a
 * page at a time, and the public's problem reports marked dealt with and reopened. axe-core checks
 * every state.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, desktop, phone, screenshot } from './support/browser.js';
import { apiAs, demoUser, openSignedIn, preparedSession, type PreparedSession } from './support/portal.js';
import { useE2eSession } from './support/session.js';
import { londonDate } from '../support/london-dates.js';

const e2e = useE2eSession({ portal: true });
let asha: PreparedSession;
let [ashaFirst, ashaSecond] = ['', ''];

beforeAll(async () => {
  asha = await preparedSession(e2e.finder.url, 'asha');
  [ashaFirst = '', ashaSecond = ''] = demoUser('asha').outlets;
});

const summary = (page: Page) => page.locator('[data-error-summary]');

async function open(path: string, ready: string, viewport: { width: number; height: number } = phone, session: PreparedSession = asha): Promise<Page> {
  const page = await e2e.newPage({ viewport });
  await openSignedIn(page, e2e.finder.url, session, path);
  await page.locator(ready).first().waitFor();
  return page;
}


/** The month table's body rows as text: month, first kits, replacements, total. */
const monthRows = (page: Page) =>
  page.locator('[data-kits-months] table').first().locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent?.trim())));

describe('kits given out', () => {
  it('records first kits and replacements, and shows the monthly totals in a table', async () => {
    const page = await open(`/portal/outlet/kits/?id=${ashaFirst}`, '[data-kits-form]');
    // The reason is asked only for a replacement (GOV.UK conditional reveal).
    expect(await page.locator('#resupply-reason').isHidden()).toBe(true);
    expect(await page.getByLabel('Date given out').inputValue()).toBe(londonDate());

    await page.getByLabel('Nasal spray (Nyxoid)', { exact: true }).check();
    await page.getByLabel('How many kits').fill('3');
    await page.getByLabel('First kit', { exact: true }).check();
    await page.getByRole('button', { name: 'Record kits' }).click();
    await page.locator('[data-kits-saved]').getByText(`3 nasal spray kits recorded for`).waitFor();
    expect(await page.locator('[data-kits-saved]').textContent()).toContain('(first kits)');

    await page.getByLabel('Nasal spray (Nyxoid)', { exact: true }).check();
    await page.getByLabel('How many kits').fill('2');
    await page.getByLabel('Replacement kit – they had one before').check();
    expect(await page.locator('#resupply-reason').isVisible()).toBe(true);
    expect(await page.getByLabel('Replacement kit – they had one before').getAttribute('aria-controls')).toBe('resupply-reason');
    await page.getByLabel('Used on someone').check();
    await page.getByRole('button', { name: 'Record kits' }).click();
    await page.locator('[data-kits-saved]').getByText('2 nasal spray kits recorded').waitFor();

    const month = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(new Date());
    await expect.poll(() => monthRows(page)).toEqual([[month, '3', '2', '5']]);
    expect(await page.locator('[data-kits-months] caption').first().textContent()).toBe('Nasal spray (Nyxoid) kits given out by month');
    expect(await page.locator('[data-kits-months] tfoot').first().textContent()).toContain('Total');
    expect(await page.locator('[data-resupply-reasons]').textContent()).toBe('Used on someone: 2');
    expect(await page.locator('[data-kits-days] tbody tr').count()).toBe(1);
    // No personal data anywhere: the form asks for none.
    expect(await page.locator('[data-kits-form] input[type="text"], [data-kits-form] textarea').evaluateAll((fields) => fields.map((field) => field.id))).toEqual(['count']);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'portal-kits-recorded-phone');
  });

  it('asks why a replacement was needed, and says what is missing in GOV.UK’s words', async () => {
    const page = await open(`/portal/outlet/kits/?id=${ashaFirst}`, '[data-kits-form]', desktop);

    await page.getByLabel('How many kits').fill('0');
    await page.getByLabel('Replacement kit – they had one before').check();
    await page.getByRole('button', { name: 'Record kits' }).click();

    await summary(page).waitFor();
    const messages = await summary(page).locator('li').allTextContents();
    expect(messages).toContain('Enter at least 1 kit');
    expect(messages).toContain('Choose why they needed another kit');
    expect(await summary(page).getByRole('link', { name: 'Choose why they needed another kit' }).getAttribute('href')).toBe('#resupplyReason');
    expect(await page.locator('#count-error [data-field-error-text]').textContent()).toBe('Enter at least 1 kit');
    expect(await page.getByLabel('How many kits').inputValue()).toBe('0');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'portal-kits-error-desktop', { fullPage: false });
  });

  it('counts a record once when its answer was lost and it is sent again', async () => {
    const page = await open(`/portal/outlet/kits/?id=${ashaSecond}`, '[data-kits-form]');
    const keys: string[] = [];
    let dropFirst = true;
    await page.route('**/api/portal/outlets/*/supplies', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (!dropFirst) return route.continue();
      dropFirst = false;
      await route.fetch();
      return route.abort('connectionreset');
    });

    await page.getByLabel('Injection (Prenoxad)').check();
    await page.getByLabel('How many kits').fill('4');
    await page.getByLabel('First kit', { exact: true }).check();
    await page.getByRole('button', { name: 'Record kits' }).click();
    await page.locator('[data-send-problem]').getByText('We could not record these kits.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Record kits' }).click();
    await page.locator('[data-kits-saved]').waitFor();

    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    const { body } = await apiAs<{ months: { kitType: string; first: number }[] }>(e2e.finder.url, asha, 'GET', `/portal/outlets/${ashaSecond}/supplies`);
    expect(body.months.filter((month) => month.kitType === 'injectable').reduce((sum, month) => sum + month.first, 0)).toBe(4);
  });
});

describe('stock batches', () => {
  it('adds batches, lists them soonest expiry first with tags, and finds a recalled batch number', async () => {
    const page = await open(`/portal/outlet/batches/?id=${ashaFirst}`, '[data-batch-form]');
    const add = async (batchNumber: string, kit: string, quantity: string, expiresOn: string) => {
      await page.getByLabel('Batch number', { exact: true }).fill(batchNumber);
      await page.locator('[data-batch-form]').getByLabel(kit).check();
      await page.getByLabel('How many kits').fill(quantity);
      await page.getByLabel('Expiry date').fill(expiresOn);
      await page.getByRole('button', { name: 'Add batch' }).click();
      await page.locator('[data-batch-saved]').getByText(`Batch ${batchNumber} added`).waitFor();
    };

    await add('NX-2041', 'Nasal spray (Nyxoid)', '20', londonDate(400));
    await add('PX 118', 'Injection (Prenoxad)', '10', londonDate(20));
    await add('NX-1990', 'Nasal spray (Nyxoid)', '5', londonDate(-3));

    const rows = page.locator('[data-batch-list] tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.locator('th').allTextContents()).toEqual(['NX-1990', 'PX 118', 'NX-2041']);
    expect(await rows.nth(0).locator('[data-expiry-tag]').textContent()).toBe('Expired');
    expect(await rows.nth(1).locator('[data-expiry-tag]').textContent()).toBe('Expires in 20 days');
    expect(await rows.nth(2).locator('[data-expiry-tag]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'portal-batches-phone');

    await page.getByLabel('Find a batch number').fill('px118');
    await page.getByRole('button', { name: 'Find batch' }).click();
    await expect.poll(() => rows.locator('th').allTextContents()).toEqual(['PX 118']);
    expect(await page.locator('[data-batch-list-status]').textContent()).toBe('1 batch found');

    await page.getByLabel('Find a batch number').fill('ZZ999');
    await page.getByRole('button', { name: 'Find batch' }).click();
    await page.getByText('No batch with number ZZ999 has been recorded here.').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Show all batches' }).click();
    await expect.poll(() => rows.count()).toBe(3);
  });

  it('puts each missing answer on its field', async () => {
    const { kitTypes } = (await (await fetch(`${e2e.finder.url}/api/outlets/${ashaFirst}`)).json()) as { kitTypes: string[] };
    const page = await open(`/portal/outlet/batches/?id=${ashaFirst}`, '[data-batch-form]', desktop);

    await page.getByRole('button', { name: 'Add batch' }).click();

    await summary(page).waitFor();
    // A listing with one kit type has it chosen already; otherwise the question is unanswered.
    expect(await summary(page).locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual(
      kitTypes.length === 1 ? ['#batchNumber', '#quantity', '#expiresOn'] : ['#batchNumber', '#kitType', '#quantity', '#expiresOn'],
    );
    expect(await page.getByLabel('Batch number', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('change history', () => {
  it('lists who changed what, newest first, and shows older changes on request', async () => {
    // Enough changes for a second page: 25 confirmations and a stock update through the API.
    for (let change = 0; change < 25; change += 1) {
      const answer = await apiAs(e2e.finder.url, asha, 'POST', `/portal/outlets/${ashaSecond}/confirmations`, { body: {}, headers: { 'idempotency-key': `history-test-${change}-${Date.now()}` } });
      expect(answer.status).toBe(201);
    }
    expect((await apiAs(e2e.finder.url, asha, 'PUT', `/portal/outlets/${ashaSecond}/stock`, { body: { status: 'running_low' } })).status).toBe(200);
    const page = await open(`/portal/outlet/history/?id=${ashaSecond}`, '[data-history-entry]');
    const entries = page.locator('[data-history-entry]');

    expect(await entries.count()).toBe(25);
    const newest = entries.first();
    expect(await newest.textContent()).toContain(`${demoUser('asha').name} (${demoUser('asha').email}) updated the stock`);
    expect(await newest.locator('tbody tr').first().locator('th').textContent()).toBe('Stock');
    expect(await newest.locator('tbody tr').first().locator('td').last().textContent()).toBe('Running low');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'portal-history-phone', { fullPage: false });

    await page.getByRole('button', { name: 'Show older changes' }).click();
    await expect.poll(() => entries.count()).toBeGreaterThan(25);
    // Focus moves to the first of the older changes, where reading carries on.
    expect(await page.evaluate(() => [...document.querySelectorAll('[data-history-entry]')].findIndex((entry) => entry.contains(document.activeElement)))).toBe(25);
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('problem reports from the public', () => {
  it('shows what was reported, and marks a report dealt with (with a note) and open again', async () => {
    const details = `Shelf empty at 3pm (${Date.now()})`;
    const sent = await fetch(`${e2e.finder.url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outletId: ashaFirst, problem: 'no_kits', details }),
    });
    expect(sent.status).toBe(201);
    const page = await open(`/portal/outlet/reports/?id=${ashaFirst}`, '[data-report]', desktop);
    const report = page.locator('[data-report]').filter({ hasText: details });

    expect(await report.locator('h2').textContent()).toBe('They had no naloxone kits');
    expect(await report.locator('[data-report-status]').textContent()).toBe('Open');
    expect(await page.locator('[data-reports-count]').textContent()).toMatch(/^\d+ open reports?$/);
    expect(await axeViolations(page)).toEqual([]);

    await report.getByLabel('What did you do about it? (optional)').fill('x'.repeat(501));
    await report.getByRole('button', { name: /^Mark as dealt with/ }).click();
    await summary(page).waitFor();
    expect(await summary(page).locator('li').allTextContents()).toEqual(['Enter a note of 500 characters or fewer']);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'portal-reports-error-desktop', { fullPage: false });

    await report.getByLabel('What did you do about it? (optional)').fill('Restocked the same afternoon.');
    await report.getByRole('button', { name: /^Mark as dealt with/ }).click();
    await expect.poll(() => report.locator('[data-report-status]').textContent()).toBe('Dealt with');
    expect(await report.textContent()).toContain('Restocked the same afternoon.');
    expect(await summary(page).isHidden()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'portal-reports-dealt-with-desktop', { fullPage: false });

    await report.getByRole('button', { name: /^Reopen/ }).click();
    await expect.poll(() => report.locator('[data-report-status]').textContent()).toBe('Open');
  });

  it('shows a commissioner the reports without the buttons', async () => {
    const chloe = await preparedSession(e2e.finder.url, 'chloe');
    const page = await open(`/portal/outlet/reports/?id=${ashaFirst}`, '[data-reports] h1', phone, chloe);

    await page.locator('[data-report]').first().waitFor();
    expect(await page.locator('[data-report-form]').count()).toBe(0);
    expect(await page.locator('[data-read-only]').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });
});
