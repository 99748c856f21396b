/**
 * Reporting a problem with a listing, in a real browser against the real finder (handlers,
 * embedded DynamoDB, demo pharmacies): from a search result to a stored report, the GOV.UK error
 * pattern, the character count, the API being down, keyboard use and axe-core in every state.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxReportDetailsLength, reportIdSchema, reportProblemLabels, reportProblemSchema } from '../../functions/contract/report.js';
import { axeViolations, desktop, phone, screenshot } from './support/browser.js';
import { useE2eSession } from './support/session.js';

const e2e = useE2eSession();
/** The finder's data layer. Imported once the finder has set the table's environment. */
let reports: typeof import('../../functions/data/reports.js');
let outlet: { id: string; name: string };

beforeAll(async () => {
  reports = await import('../../functions/data/reports.js');
  const response = await fetch(`${e2e.finder.url}/api/outlets?postcode=M15%204AB&limit=1`);
  const first = ((await response.json()) as { results: { id: string; name: string }[] }).results[0];
  if (!first) throw new Error('No demo outlet near M15 4AB');
  outlet = first;
});

/** The report form for the demo outlet, once its listing has loaded. */
async function openForm(viewport: { width: number; height: number } = phone): Promise<Page> {
  const page = await e2e.openPage(`/report/?id=${outlet.id}`, { viewport });
  await page.locator('[data-report-form]').waitFor();
  return page;
}

const sendReport = (page: Page) => page.getByRole('button', { name: 'Send report' }).click();
const detailsField = (page: Page) => page.getByLabel('Tell us more (optional)');
const summary = (page: Page) => page.locator('[data-error-summary]');

/** What the error summary lists, and what each field says, without the hidden "Error:" prefix. */
async function errorsOnPage(page: Page): Promise<{ summary: string[]; fields: string[] }> {
  return {
    summary: (await summary(page).locator('li').allTextContents()).map((text) => text.trim()),
    fields: (await page.locator('[data-field-error]:visible [data-field-error-text]').allTextContents()).map((text) => text.trim()),
  };
}

/** Every request a page made to `POST /reports`, to show when the client stopped one. */
function reportPosts(page: Page): string[] {
  const posts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/reports') posts.push(request.postData() ?? '');
  });
  return posts;
}

describe('report a problem with a listing', () => {
  it('opens the form for the outlet chosen in the search results', async () => {
    const page = await e2e.openPage('/?postcode=M15+4AB');
    const card = page.locator('[data-results-list] > li').first();
    await card.waitFor();
    const cardId = await card.getAttribute('data-outlet-id');
    const cardName = (await card.locator('h3').textContent())!.trim();

    await card.getByRole('link', { name: /^Report a problem/ }).click();

    await page.locator('[data-report-form]').waitFor();
    expect(new URL(page.url()).searchParams.get('id')).toBe(cardId);
    expect(await page.locator('[data-report-outlet-name]').textContent()).toBe(cardName);
    expect(await page.locator('[data-report-outlet-address]').textContent()).toMatch(/M\d+ \d[A-Z]{2}$/);
    expect(await page.title()).toBe('Report a problem with a listing – Find free naloxone');
    // One radio per problem the API accepts, in its order, with the contract's own labels.
    const labels = await page.locator('[data-report-form] fieldset label').allTextContents();
    expect(labels.map((label) => label.trim())).toEqual(reportProblemSchema.options.map((problem) => reportProblemLabels[problem]));
    expect(await page.getByRole('group', { name: 'What went wrong?' }).isVisible()).toBe(true);
    expect(await page.getByText('Do not include names, phone numbers or other personal details.').isVisible()).toBe(true);
    expect(await page.locator('[data-character-count-status]').textContent()).toBe(`You have ${maxReportDetailsLength} characters remaining`);
    await screenshot(page, 'report-from-search-phone-full');
  });

  it('links to the report form from the outlet page with the outlet id', async () => {
    const page = await e2e.openPage(`/outlet/?id=${outlet.id}`);

    const link = page.getByRole('link', { name: 'Report a problem with this listing' });
    await link.waitFor();

    expect(await link.getAttribute('href')).toBe(`/report/?id=${outlet.id}`);
  });

  it('shows the error summary and the field error, in the same words, when nothing is chosen', async () => {
    const page = await openForm();
    const posts = reportPosts(page);

    await sendReport(page);

    await summary(page).waitFor();
    expect(await errorsOnPage(page)).toEqual({ summary: ['Select what went wrong'], fields: ['Select what went wrong'] });
    expect(await summary(page).getByRole('heading').textContent()).toBe('There is a problem');
    expect(await page.title()).toBe('Error: Report a problem with a listing – Find free naloxone');
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
    // The summary links to the first radio; the message describes the whole question.
    expect(await summary(page).getByRole('link').getAttribute('href')).toBe('#problem');
    expect(await page.locator('fieldset').getAttribute('aria-describedby')).toContain('problem-error');
    // Checked on the device with the contract's schema: nothing was sent.
    expect(posts).toEqual([]);
    await screenshot(page, 'report-nothing-chosen-phone-full');
  });

  it('sends the report, shows the reference and stores it', async () => {
    const page = await e2e.openPage('/?postcode=M15+4AB');
    const card = page.locator('[data-results-list] > li').first();
    await card.getByRole('link', { name: /^Report a problem/ }).click();
    await page.locator('[data-report-form]').waitFor();
    const outletId = new URL(page.url()).searchParams.get('id')!;
    const details = `Shelf was empty at 14:00 (${Date.now()}).`;

    await page.getByLabel('They had no naloxone kits').check();
    await detailsField(page).fill(details);
    await sendReport(page);

    const panel = page.locator('[data-report-sent]');
    await panel.waitFor();
    const reference = (await panel.locator('[data-report-reference]').textContent())!;
    // The contract's reference: when it was received, then a UUID.
    expect(reportIdSchema.safeParse(reference).success).toBe(true);
    expect(await page.title()).toBe('Report sent – Find free naloxone');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Report sent');
    expect(await panel.textContent()).toContain('We do not reply to reports');
    expect(await panel.getByRole('link', { name: 'Go back to your search results' }).getAttribute('href')).toBe(
      `${e2e.finder.url}/?postcode=M15+4AB`,
    );
    expect(await panel.getByRole('link', { name: 'Search for free naloxone near you' }).getAttribute('href')).toBe('/');
    const stored = await reports.listReports(outletId);
    expect(stored).toContainEqual(expect.objectContaining({ id: reference, outletId, problem: 'no_kits', details }));
    // The service worker saved nothing of the report: no /reports entry, no page holding the text.
    const cached = await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      const entries: { url: string; body: string }[] = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) entries.push({ url: request.url, body: await (await cache.match(request))!.text() });
      }
      return entries;
    });
    expect(cached.length).toBeGreaterThan(0);
    expect(cached.filter((entry) => new URL(entry.url).pathname.startsWith('/api/') || entry.body.includes(details))).toEqual([]);
    await screenshot(page, 'report-sent-phone-full');
  });

  it('counts the characters left and announces the count only once typing pauses', async () => {
    const page = await openForm();
    const status = page.locator('[data-character-count-status]');
    const announcement = page.locator('[data-character-count-announcement]');
    expect(await announcement.getAttribute('aria-live')).toBe('polite');

    await detailsField(page).pressSequentially('Closed', { delay: 30 });

    expect(await status.textContent()).toBe(`You have ${maxReportDetailsLength - 6} characters remaining`);
    expect(await announcement.textContent()).toBe('');
    await expect.poll(() => announcement.textContent()).toBe(`You have ${maxReportDetailsLength - 6} characters remaining`);

    await detailsField(page).fill('x'.repeat(maxReportDetailsLength + 1));

    expect(await status.textContent()).toBe('You have 1 character too many');
    await expect.poll(() => announcement.textContent()).toBe('You have 1 character too many');
  });

  it('says the details are too long, and keeps what was typed', async () => {
    const page = await openForm();
    const posts = reportPosts(page);
    const tooLong = 'x'.repeat(maxReportDetailsLength + 1);

    await page.getByLabel('The opening hours or address are wrong').check();
    await detailsField(page).fill(tooLong);
    await sendReport(page);

    await summary(page).waitFor();
    const message = `Details must be ${maxReportDetailsLength} characters or fewer`;
    expect(await errorsOnPage(page)).toEqual({ summary: [message], fields: [message] });
    expect(await page.title()).toMatch(/^Error: /);
    expect(await detailsField(page).inputValue()).toBe(tooLong);
    expect(await page.getByLabel('The opening hours or address are wrong').isChecked()).toBe(true);
    expect(await detailsField(page).getAttribute('aria-invalid')).toBe('true');
    expect(posts).toEqual([]);
  });

  it("shows the API's own message when the API refuses the report", async () => {
    const page = await openForm();
    // The page checks length before sending, so stretch the details on the way to the real API.
    await page.route('**/reports', (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>;
      return route.continue({ postData: JSON.stringify({ ...body, details: 'y'.repeat(maxReportDetailsLength + 1) }) });
    });

    await page.getByLabel('They asked for ID, a prescription or an appointment').check();
    await detailsField(page).fill('Asked for ID.');
    await sendReport(page);

    await summary(page).waitFor();
    const message = `Details must be ${maxReportDetailsLength} characters or fewer`;
    expect(await errorsOnPage(page)).toEqual({ summary: [message], fields: [message] });
    expect(await detailsField(page).inputValue()).toBe('Asked for ID.');
    expect(await page.locator('[data-report-sent]').isHidden()).toBe(true);
  });

  it('says plainly when the report cannot be sent, and keeps the form as it was', async () => {
    const page = await openForm();
    await page.route('**/reports', (route) => route.abort('connectionrefused'));

    await page.getByLabel('It was closed when the listing said open').check();
    await detailsField(page).fill('Told to come back tomorrow.');
    await sendReport(page);

    const problem = page.locator('[data-report-send-problem]');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('Sorry, we could not send your report.');
    expect(await page.getByLabel('It was closed when the listing said open').isChecked()).toBe(true);
    expect(await detailsField(page).inputValue()).toBe('Told to come back tomorrow.');
    expect(await page.getByRole('button', { name: 'Send report' }).isVisible()).toBe(true);
    expect(await summary(page).isHidden()).toBe(true);
    await screenshot(page, 'report-unavailable-phone');
  });

  it('says so when the place does not exist or no id is given', async () => {
    for (const path of ['/report/?id=NOPE0', '/report/', '/report/?id=not%20an%20id']) {
      const page = await e2e.openPage(path);

      await page.getByRole('heading', { name: 'We could not find that place', level: 1 }).waitFor();
      expect(await page.title()).toBe('Place not found – Find free naloxone');
      expect(await page.getByRole('link', { name: 'Search for free naloxone near you' }).getAttribute('href')).toBe('/');
      expect(await page.locator('[data-report-form]').isHidden()).toBe(true);

      // Checked (nothing off the machine, no cookie) and closed before the next path.
      await e2e.closeContext();
    }
  });

  it('can be completed with the keyboard alone', async () => {
    const page = await openForm(desktop);
    const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');

    // Tab from the top of the page: skip link, 999, header, then the first choice.
    for (let presses = 0; presses < 10 && (await focusedId()) !== 'problem'; presses++) await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('problem');
    await page.keyboard.press('ArrowDown');
    expect(await focusedId()).toBe('problem-closed_when_listed_open');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Space');
    expect(await page.getByLabel('They had no naloxone kits').isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('details');
    await page.keyboard.type('Keyboard only.');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Send report');
    await page.keyboard.press('Enter');

    await page.locator('[data-report-sent]').waitFor();
    const reference = (await page.locator('[data-report-reference]').textContent())!;
    expect(await reports.listReports(outlet.id)).toContainEqual(
      expect.objectContaining({ id: reference, problem: 'no_kits', details: 'Keyboard only.' }),
    );
    await screenshot(page, 'report-keyboard-desktop', { fullPage: false });
  });
});

describe.each([
  { screen: 'phone', viewport: phone },
  { screen: 'desktop', viewport: desktop },
])('report page on a $screen screen', ({ screen, viewport }) => {
  it('has no axe violations in the form, error, confirmation and not-found states', async () => {
    const page = await openForm(viewport);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, `report-form-${screen}`, { fullPage: false });

    await sendReport(page);
    await summary(page).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, `report-error-${screen}`, { fullPage: false });

    await page.getByLabel('It was closed when the listing said open').check();
    await sendReport(page);
    await page.locator('[data-report-sent]').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, `report-sent-${screen}`, { fullPage: false });

    await page.goto(`${e2e.finder.url}/report/?id=NOPE0`);
    await page.locator('[data-place-not-found]').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, `report-not-found-${screen}`, { fullPage: false });
  });
});
