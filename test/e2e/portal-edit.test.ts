/**
 * Changing a listing in the outlet portal, in a real browser against the real finder: the weekly
 * hours editor (a second session, a day closed, a Christmas exception) seen on the public listing;
 * only changed fields sent with If-Match; errors from the contract and from the API on their
 * inputs; someone else's change in between (412); a temporary closure that stays in search; and
 * unsaved changes kept across a new sign-in. axe-core checks every state.
 */
import type { Page, Request } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, desktop, phone, screenshot } from './support/browser.js';
import { apiAs, demoUser, enterCodeOnProvider, openSignedIn, preparedSession, type PreparedSession } from './support/portal.js';
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
const saveButton = (page: Page) => page.getByRole('button', { name: 'Save changes' });

async function openEditor(id: string, viewport: { width: number; height: number } = phone, session: PreparedSession = asha): Promise<Page> {
  const page = await e2e.newPage({ viewport });
  await openSignedIn(page, e2e.finder.url, session, `/portal/outlet/edit/?id=${id}`);
  await page.locator('[data-edit-form]').waitFor();
  return page;
}


/** The next Christmas Day, `YYYY-MM-DD`. */
function nextChristmas(): string {
  const today = londonDate();
  const year = Number(today.slice(0, 4));
  return today <= `${year}-12-25` ? `${year}-12-25` : `${year + 1}-12-25`;
}

/** The PATCH requests the page sends to the listing, with their body and If-Match. */
function patches(page: Page): { body: Record<string, unknown>; ifMatch: string | undefined }[] {
  const sent: { body: Record<string, unknown>; ifMatch: string | undefined }[] = [];
  page.on('request', (request: Request) => {
    if (request.method() === 'PATCH' && /\/api\/portal\/outlets\/[^/]+$/.test(new URL(request.url()).pathname)) {
      sent.push({ body: JSON.parse(request.postData() ?? '{}') as Record<string, unknown>, ifMatch: request.headers()['if-match'] });
    }
  });
  return sent;
}

async function listingNow(id: string): Promise<{ etag: string; outlet: Record<string, unknown> & { hours: { exceptions: { date: string; closed: boolean; note?: string }[] } } }> {
  return (await apiAs<never>(e2e.finder.url, asha, 'GET', `/portal/outlets/${id}`)).body;
}

describe('opening hours', () => {
  it('adds a session, closes a day and adds Christmas, sending only the hours, and the public listing shows them', async () => {
    const before = await listingNow(ashaFirst);
    const page = await openEditor(ashaFirst);
    const sent = patches(page);
    const monday = page.locator('#day-monday-sessions');

    await monday.locator('[data-closes]').first().fill('13:00');
    await monday.getByRole('button', { name: 'Add another session on Monday' }).click();
    // The new row's first field has focus, ready to type.
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-opens'))).toBe(true);
    await monday.locator('[data-opens]').nth(1).fill('14:00');
    await monday.locator('[data-closes]').nth(1).fill('18:00');
    expect(await monday.getByLabel('Opens (session 2 on Monday)').inputValue()).toBe('14:00');
    await page.locator('#day-tuesday-closed').check();
    expect(await page.locator('#day-tuesday-sessions').isHidden()).toBe(true);
    await page.getByRole('button', { name: 'Add a special date' }).click();
    const christmas = page.locator('[data-exception]').last();
    await christmas.getByLabel('Date', { exact: true }).fill(nextChristmas());
    await christmas.getByLabel('Closed all day').check();
    await christmas.getByLabel('Note for the public (optional)').fill('Christmas Day');
    await saveButton(page).click();

    const saved = page.locator('[data-edit-saved]');
    await saved.waitFor();
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-edit-saved'))).toBe(true);
    const changes = await saved.locator('[data-saved-changes] li').allTextContents();
    expect(changes).toHaveLength(1);
    expect(changes[0]).toContain('Opening hours: Monday: 09:30 to 13:00 and 14:00 to 18:00; Tuesday: closed;');
    expect(changes[0]).toContain('Christmas Day');
    expect(sent).toHaveLength(1);
    expect(Object.keys(sent[0]!.body)).toEqual(['hours']);
    expect(sent[0]!.ifMatch).toBe(before.etag);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'portal-edit-saved-phone', { fullPage: false });

    const publicPage = await e2e.guarded.context.newPage();
    await publicPage.goto(`${e2e.finder.url}/outlet/?id=${ashaFirst}`);
    const week = publicPage.locator('[data-weekly-hours] tbody tr');
    await week.first().waitFor();
    expect(await week.nth(0).locator('td').textContent()).toBe('09:30 to 13:00, 14:00 to 18:00');
    expect(await week.nth(1).locator('td').textContent()).toBe('Closed');
    const detail = (await (await fetch(`${e2e.finder.url}/api/outlets/${ashaFirst}`)).json()) as {
      hours: { exceptions: { date: string; closed: boolean; note?: string }[] };
      upcomingHoursChanges: { date: string }[];
    };
    expect(detail.hours.exceptions).toContainEqual({ date: nextChristmas(), closed: true, sessions: [], note: 'Christmas Day' });
    // The public page lists the changes of the next six weeks: Christmas once it is that close.
    if (detail.upcomingHoursChanges.some((change) => change.date === nextChristmas())) {
      expect(await publicPage.locator('[data-hours-changes]').textContent()).toContain('Christmas Day');
    }
  });

  it('puts each problem on its input: a missing time found on the device, a reopening date refused by the API', async () => {
    const page = await openEditor(ashaFirst, desktop);
    const sent = patches(page);
    const wednesday = page.locator('#day-wednesday-sessions');

    await wednesday.getByRole('button', { name: 'Add another session on Wednesday' }).click();
    await saveButton(page).click();

    await summary(page).waitFor();
    const emptyOpens = await wednesday.locator('[data-opens]').nth(1).getAttribute('id');
    expect(await summary(page).locator('li').allTextContents()).toEqual([
      'Enter an opening time as HH:MM, from 00:00 to 23:59',
      'Enter a time as HH:MM, for example 09:30',
    ]);
    expect(await summary(page).locator('a').first().getAttribute('href')).toBe(`#${emptyOpens}`);
    expect(await page.locator(`#${emptyOpens}-error [data-field-error-text]`).textContent()).toBe('Enter an opening time as HH:MM, from 00:00 to 23:59');
    expect(await page.title()).toBe('Error: Change hours and details – Outlet portal – Find free naloxone');
    expect(sent).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'portal-edit-error-desktop', { fullPage: false });
    await summary(page).locator('a').first().click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(emptyOpens);

    await wednesday.getByRole('button', { name: /^Remove \(session 2 on Wednesday\)/ }).click();
    await page.getByLabel('Temporarily closed').check();
    await page.getByLabel('Date you will open again').fill(londonDate(-1));
    await saveButton(page).click();

    await expect.poll(() => summary(page).locator('li').allTextContents()).toEqual(['The date you will open again must be after today']);
    expect(await summary(page).locator('a').getAttribute('href')).toBe('#reopensOn');
    expect(await page.locator('#reopensOn-error [data-field-error-text]').textContent()).toBe('The date you will open again must be after today');
    expect(await page.getByLabel('Date you will open again').inputValue()).toBe(londonDate(-1));
    expect(sent.map((patch) => Object.keys(patch.body))).toEqual([['status', 'reopensOn']]);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('says so when nothing was changed, and sends nothing', async () => {
    const page = await openEditor(ashaSecond);
    const sent = patches(page);

    await saveButton(page).click();

    await page.locator('[data-edit-notice]').getByText('You have not changed anything, so there is nothing to save.').waitFor();
    expect(sent).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('someone else changed the listing', () => {
  it('loads their version, says what they and the person changed, and puts the person’s changes back on request', async () => {
    const dami = await preparedSession(e2e.finder.url, 'dami');
    const page = await openEditor(ashaSecond, desktop);
    const { etag } = await listingNow(ashaSecond);
    const phoneBefore = await page.getByLabel('Phone number (optional)').inputValue();

    await page.getByLabel('Phone number (optional)').fill('0161 496 0999');
    const theirs = await apiAs(e2e.finder.url, dami, 'PATCH', `/portal/outlets/${ashaSecond}`, {
      body: { alert: 'Closed for stocktake on Friday' },
      headers: { 'if-match': etag },
    });
    expect(theirs.status).toBe(200);
    await saveButton(page).click();

    const notice = page.locator('[data-edit-notice]');
    await notice.getByText('Someone else changed this listing while you were editing it').waitFor();
    expect(await notice.locator('[data-their-changes] li').allTextContents()).toEqual(['Public alert: now Closed for stocktake on Friday']);
    expect(await notice.locator('[data-my-changes] li').allTextContents()).toEqual(['Phone number: you entered 0161 496 0999']);
    expect(await page.getByLabel('Public alert (optional)').inputValue()).toBe('Closed for stocktake on Friday');
    expect(await page.getByLabel('Phone number (optional)').inputValue()).toBe(phoneBefore);
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-edit-notice'))).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'portal-edit-conflict-desktop', { fullPage: false });

    await notice.getByRole('button', { name: 'Put my changes back into the form' }).click();
    expect(await page.getByLabel('Phone number (optional)').inputValue()).toBe('0161 496 0999');
    await saveButton(page).click();

    await page.locator('[data-edit-saved]').waitFor();
    const now = await listingNow(ashaSecond);
    expect(now.outlet).toMatchObject({ phone: '0161 496 0999', alert: 'Closed for stocktake on Friday' });
  });
});

describe('a temporary closure', () => {
  it('stays in the public search, with the day it reopens and its alert', async () => {
    const page = await openEditor(ashaSecond);
    const reopens = londonDate(5);

    await page.getByLabel('Temporarily closed').check();
    await page.getByLabel('Date you will open again').fill(reopens);
    await page.getByLabel('Public alert (optional)').fill('Closed for a refit – kits at our Piccadilly branch');
    await saveButton(page).click();

    await page.locator('[data-edit-saved]').waitFor();
    const detail = (await (await fetch(`${e2e.finder.url}/api/outlets/${ashaSecond}`)).json()) as { location: { lat: number; lng: number } };
    const search = (await (await fetch(`${e2e.finder.url}/api/outlets?lat=${detail.location.lat}&lng=${detail.location.lng}&limit=5`)).json()) as {
      results: { id: string; status: string; reopensOn: string | null; alert: string | null }[];
    };
    expect(search.results.find((result) => result.id === ashaSecond)).toMatchObject({
      status: 'temporarily_closed',
      reopensOn: reopens,
      alert: 'Closed for a refit – kits at our Piccadilly branch',
    });
  });
});

describe('sessions and roles', () => {
  it('keeps unsaved changes while the person signs in again, and puts them back', async () => {
    const session = await preparedSession(e2e.finder.url, 'asha');
    // No refresh token: when the API refuses the token, the session is over.
    const page = await openEditor(ashaFirst, phone, { ...session, refreshToken: null });
    await page.route('**/api/portal/outlets/*', (route) =>
      route.request().method() === 'PATCH'
        ? route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ error: 'unauthorised', message: 'Sign in', issues: [] }) })
        : route.continue(),
    );

    await page.getByLabel('Languages staff speak (optional)').fill('English, Polish, Urdu');
    await saveButton(page).click();

    const problem = page.locator('[data-edit-send-problem]');
    await problem.getByText('Your session has ended, so your changes have not been saved yet.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.unroute('**/api/portal/outlets/*');
    const sentAfter = new Date(Date.now() - 1000);
    await problem.getByRole('button', { name: 'Sign in again' }).click();
    await page.getByLabel('Enter your email address').fill(demoUser('asha').email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await enterCodeOnProvider(page, e2e.finder.url, demoUser('asha').email, sentAfter);

    await page.locator('[data-edit-notice]').getByText('We kept the changes you had not saved. Check them, then save.').waitFor();
    expect(await page.getByLabel('Languages staff speak (optional)').inputValue()).toBe('English, Polish, Urdu');
    await saveButton(page).click();
    await page.locator('[data-edit-saved]').waitFor();
    expect((await listingNow(ashaFirst)).outlet.languages).toEqual(['English', 'Polish', 'Urdu']);
  });

  it.each([
    { screen: 'phone', viewport: phone },
    { screen: 'desktop', viewport: desktop },
  ])('has no axe violations as loaded ($screen)', async ({ screen, viewport }) => {
    const page = await openEditor(ashaSecond, viewport);

    expect(await page.locator('#day-monday-sessions [data-opens]').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, `portal-edit-${screen}`);
  });

  it('shows a commissioner the page without the form', async () => {
    const chloe = await preparedSession(e2e.finder.url, 'chloe');
    const page = await e2e.newPage();
    await openSignedIn(page, e2e.finder.url, chloe, `/portal/outlet/edit/?id=${ashaFirst}`);

    await page.locator('[data-read-only]').waitFor();
    expect(await page.locator('[data-edit-form]').isHidden()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });
});
