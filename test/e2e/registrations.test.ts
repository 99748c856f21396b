/**
 * Registrations in a real browser against the real finder: a pharmacy registered on a phone (the
 * GOV.UK error pattern, check your answers with the place on a map, the reference), approved by
 * Trafford's commissioner in the portal, found in a public search, and its registrant signed in
 * with the code from the outbox; changes asked for and made through the emailed link; a rejection;
 * and an emergency cabinet whose guardian's one tap the public sees. Axe-core checks every page and
 * state, at phone and desktop widths.
 *
 * The demo's postcode data is Trafford's, so the registrations are in Trafford, for Tariq, Trafford's
 * demo commissioner (Chloe's Manchester has no full postcodes in the demo data).
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, desktop, phone, screenshot } from './support/browser.js';
import { apiAs, enterCodeOnProvider, openSignedIn, preparedSession, signInFromPortal, type PreparedSession } from './support/portal.js';
import { useE2eSession } from './support/session.js';

const e2e = useE2eSession({ portal: true });
let tariq: PreparedSession;
let dami: PreparedSession;

beforeAll(async () => {
  [tariq, dami] = await Promise.all([preparedSession(e2e.finder.url, 'tariq'), preparedSession(e2e.finder.url, 'dami')]);
});

const unique = () => randomUUID().slice(0, 8);
const summary = (page: Page) => page.locator('[data-error-summary]');
const summaryTexts = async (page: Page) => (await summary(page).locator('li').allTextContents()).map((text) => text.trim());
const fieldTexts = async (page: Page) => (await page.locator('[data-field-error]:visible [data-field-error-text]').allTextContents()).map((text) => text.trim());

async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  expect({ state, violations: await axeViolations(page) }).toEqual({ state, violations: [] });
}

/** The newest email the outbox holds for `to` with `subject`. */
async function emailTo(to: string, subject: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const found = e2e.finder.outbox.list().find((message) => message.to === to && message.subject === subject);
    if (found) return found.text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No email "${subject}" to ${to}`);
}

/** Fills the form for a pharmacy in Old Trafford, typing as a person would. */
async function fillPharmacy(page: Page, { name, email, postcode = 'm15 4ab' }: { name: string; email: string; postcode?: string }): Promise<void> {
  await page.getByLabel('A place where staff hand out naloxone kits').check();
  await page.getByLabel('Name of the organisation').fill('Gorse Hill Health Ltd');
  await page.getByLabel('Name of the place, as the public will see it').fill(name);
  await page.getByLabel('A pharmacy', { exact: true }).check();
  await page.getByLabel('Address line 1').fill('12 Chester Road');
  await page.getByLabel('Town or city').fill('Stretford');
  await page.getByLabel('Postcode').fill(postcode);
  await page.getByLabel('Phone number the public can call (optional)').fill('0161 496 0123');
  await page.getByLabel('Nasal spray (Nyxoid)').check();
  await page.getByLabel('People can walk in – no appointment needed').check();
  const monday = page.getByRole('group', { name: 'Monday' });
  await monday.getByLabel('Open', { exact: true }).check();
  await monday.getByLabel('Opens').fill('09:00');
  await monday.getByLabel('Closes').fill('17:30');
  await page.getByLabel('Your full name').fill('Priya Shah');
  await page.getByLabel('Email address').fill(email);
}

const continueButton = (page: Page) => page.getByRole('button', { name: 'Continue' });

describe('registering a place', () => {
  it('takes a pharmacy from the form to approval, a public listing and its registrant signed in', async () => {
    const name = `Gorse Hill Pharmacy ${unique()}`;
    const email = `priya.${unique()}@example.org`;
    const page = await e2e.openPage('/register/', { viewport: phone });
    await page.locator('[data-registration-form]').waitFor();
    await expectNoAxeViolations(page, 'empty form, phone');

    // Nothing chosen: every problem at once, the same words at each field, focus on the summary.
    await continueButton(page).click();
    await summary(page).waitFor();
    const problems = await summaryTexts(page);
    expect(problems[0]).toBe('Choose whether you are registering a place that hands out kits or an emergency cabinet');
    expect(problems).toContain('Enter the name of the organisation');
    expect(await fieldTexts(page)).toEqual(problems);
    expect(await page.title()).toMatch(/^Error: Register a place/);
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
    await expectNoAxeViolations(page, 'errors, phone');
    await screenshot(page, 'register-errors-phone', { fullPage: false });

    // The summary's link takes focus to the field; answers are kept after the next error.
    await summary(page).getByRole('link', { name: 'Enter the name of the organisation' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('organisation');
    await fillPharmacy(page, { name, email, postcode: 'M15' });
    await continueButton(page).click();
    await page.locator('[data-field-error]:visible').first().waitFor();
    expect(await summaryTexts(page)).toEqual(['Enter the full postcode, like M15 4AB']);
    expect(await page.getByLabel('Name of the place, as the public will see it').inputValue()).toBe(name);

    // Check your answers: where the postcode puts it, in words, and on a map when asked.
    await page.getByLabel('Postcode').fill('m15 4ab');
    await continueButton(page).click();
    const check = page.locator('[data-register-step="check"]');
    await check.getByRole('heading', { level: 1 }).waitFor();
    expect(await check.locator('[data-check-address]').textContent()).toBe('12 Chester Road, Stretford, M15 4AB');
    expect(await check.locator('[data-check-reviewer]').textContent()).toContain('The naloxone commissioner for Trafford');
    expect(await check.locator('[data-check-answers]').textContent()).toContain('Monday 09:00 to 17:30');
    expect(e2e.guarded.tileRequests).toEqual([]);
    await check.getByRole('button', { name: 'Show on a map' }).click();
    await check.locator('[data-place-map] .leaflet-tile-loaded').first().waitFor();
    expect(e2e.guarded.tileRequests.length).toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'check your answers with the map, phone');
    await screenshot(page, 'register-check-map-phone');

    await check.getByRole('button', { name: 'Send registration' }).click();
    const sent = page.locator('[data-register-step="sent"]');
    await sent.getByRole('heading', { name: 'Registration sent' }).waitFor();
    const reference = (await sent.locator('[data-sent-reference]').textContent()) ?? '';
    expect(reference).toMatch(/^\d{8}T\d{9}Z-[a-z0-9]{10}$/);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Registration sent');
    await expectNoAxeViolations(page, 'sent, phone');

    // Tariq, Trafford's commissioner, finds it in his queue and approves it.
    const portal = await e2e.newPage({ viewport: desktop });
    await openSignedIn(portal, e2e.finder.url, tariq, '/portal/');
    await portal.getByRole('link', { name: 'Check registrations' }).click();
    const card = portal.locator(`[data-registration="${reference}"]`);
    await card.waitFor();
    expect(await card.locator('[data-registration-status]').textContent()).toBe('Waiting for a decision');
    await expectNoAxeViolations(portal, 'registrations waiting, desktop');
    await card.getByRole('link', { name }).click();
    await portal.locator('[data-decision-form]').waitFor();
    expect(await portal.locator('[data-registration-details]').textContent()).toContain(email);
    await expectNoAxeViolations(portal, 'one registration, desktop');
    await portal.getByLabel('Approve it: publish the listing and make the registrant its staff').check();
    expect(await portal.getByLabel('A pharmacy', { exact: true }).isChecked()).toBe(true);
    await portal.getByRole('button', { name: 'Send decision' }).click();
    const banner = portal.locator('[data-decision-saved]');
    await banner.getByText('Approved: the listing is live').waitFor();
    expect(await banner.textContent()).toContain(`We have emailed ${email}`);
    await expectNoAxeViolations(portal, 'approved, desktop');
    await screenshot(portal, 'registration-approved-desktop');

    // The public finds it; the email tells the registrant how to sign in, and they can.
    const search = (await (await fetch(`${e2e.finder.url}/api/outlets?postcode=M15%204AB&limit=50`)).json()) as { results: { id: string; name: string }[] };
    const listed = search.results.find((result) => result.name === name);
    expect(listed).toBeDefined();
    const welcome = await emailTo(email, 'Your naloxone finder listing is live');
    expect(welcome).toContain(`${e2e.finder.url}/portal/`);

    const registrant = await e2e.newPage({ viewport: phone });
    await registrant.goto(`${e2e.finder.url}/portal/`);
    await signInFromPortal(registrant, e2e.finder.url, email);
    const listing = registrant.locator(`[data-listing="${listed?.id}"]`);
    await listing.waitFor();
    expect(await listing.getByRole('heading', { level: 2 }).textContent()).toBe(name);
    await expectNoAxeViolations(registrant, 'the registrant signed in, phone');
  });

  it('can be filled in and sent with the keyboard alone', async () => {
    const page = await e2e.openPage('/register/', { viewport: desktop });
    await page.locator('[data-registration-form]').waitFor();
    const type = async (label: string, text: string) => {
      await page.getByLabel(label, { exact: true }).focus();
      await page.keyboard.type(text);
    };

    // Radios and checkboxes: focus, then Space, as a keyboard user does.
    await page.getByLabel('An emergency naloxone cabinet: a locked box on a public wall, like a defibrillator cabinet').focus();
    await page.keyboard.press('Space');
    await type('Name of the organisation', 'Sale Community Trust');
    await type('Name of the place, as the public will see it', `Keyboard cabinet ${unique()}`);
    await type('Address line 1', 'Tatton Road');
    await type('Town or city', 'Sale');
    await type('Postcode', 'M33 7AA');
    await type('Where exactly is the cabinet?', 'Left of the library doors');
    await page.getByLabel('Nasal spray (Nyxoid)').focus();
    await page.keyboard.press('Space');
    await type('Your full name', 'Sam Keys');
    await type('Email address', `sam.${unique()}@example.org`);
    await page.keyboard.press('Enter');

    const send = page.getByRole('button', { name: 'Send registration' });
    await send.waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await send.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Registration sent' }).waitFor();
    await expectNoAxeViolations(page, 'a cabinet sent by keyboard, desktop');
  });
});

describe('moderating', () => {
  it('asks for changes; the registrant changes it through the emailed link, once', async () => {
    const email = `lee.${unique()}@example.org`;
    const name = `Stretford Drug Service ${unique()}`;
    const sent = await fetch(`${e2e.finder.url}/api/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ kind: 'outlet', organisation: 'Change Grow Live', name, addressLine1: '1 Kingsway', town: 'Stretford', postcode: 'M32 0AA', basis: 'not_sure', hours: { weekly: [], exceptions: [], bankHolidays: 'unknown' }, kitTypes: ['nasal'], contactName: 'Lee', contactEmail: email }),
    });
    const { id } = (await sent.json()) as { id: string };

    const portal = await e2e.newPage({ viewport: phone });
    await openSignedIn(portal, e2e.finder.url, tariq, `/portal/registrations/review/?id=${id}`);
    await portal.locator('[data-decision-form]').waitFor();
    await portal.getByLabel('Ask for changes: we email them a link to change it and send it again').check();
    await portal.getByRole('button', { name: 'Send decision' }).click();
    await summary(portal).waitFor();
    expect(await summaryTexts(portal)).toEqual(['Enter what needs to change']);
    await expectNoAxeViolations(portal, 'a decision without its message, phone');
    await portal.getByLabel('What needs to change?').fill('Please give the postcode of the building itself.');
    await portal.getByRole('button', { name: 'Send decision' }).click();
    await portal.locator('[data-decision-saved]').getByText('Changes asked for').waitFor();
    await expectNoAxeViolations(portal, 'changes asked for, phone');

    const link = /(http\S+\/register\/change\/\S+)/.exec(await emailTo(email, 'Changes needed to your naloxone finder registration'))?.[1] ?? '';
    const page = await e2e.newPage({ viewport: phone });
    await page.goto(link);
    await page.getByText('Please give the postcode of the building itself.').waitFor();
    // The secret leaves the address bar at once.
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.getByLabel('Name of the place, as the public will see it').inputValue()).toBe(name);
    await expectNoAxeViolations(page, 'change your registration, phone');
    await page.getByLabel('Postcode').fill('M32 0AB');
    await continueButton(page).click();
    await page.getByRole('button', { name: 'Send your changes' }).click();
    await page.getByRole('heading', { name: 'Changes sent' }).waitFor();
    await expectNoAxeViolations(page, 'changes sent, phone');

    const again = await e2e.newPage({ viewport: desktop });
    await again.goto(link);
    await again.getByRole('heading', { name: 'This link has expired or has already been used' }).waitFor();
    await expectNoAxeViolations(again, 'a used link, desktop');
    const { body } = await apiAs<{ status: string; postcode: string }>(e2e.finder.url, tariq, 'GET', `/portal/registrations/${id}`);
    expect(body).toMatchObject({ status: 'resubmitted', postcode: 'M32 0AB' });
  });

  it('rejects with a reason, which the registrant is told', async () => {
    const email = `spam.${unique()}@example.org`;
    const sent = await fetch(`${e2e.finder.url}/api/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ kind: 'cabinet', organisation: 'Nobody', name: `Not a cabinet ${unique()}`, addressLine1: '1 Road', town: 'Sale', postcode: 'M33 7AB', kitTypes: ['nasal'], locationDescription: 'Nowhere', contactName: 'Nobody', contactEmail: email }),
    });
    const { id } = (await sent.json()) as { id: string };

    const portal = await e2e.newPage({ viewport: desktop });
    await openSignedIn(portal, e2e.finder.url, dami, `/portal/registrations/review/?id=${id}`);
    await portal.locator('[data-decision-form]').waitFor();
    await portal.getByLabel('Reject it').check();
    await portal.getByLabel('Why is it rejected?').fill('There is no cabinet at this address.');
    await portal.getByRole('button', { name: 'Send decision' }).click();
    await portal.locator('[data-decision-saved]').getByText('Rejected').waitFor();
    expect(await portal.locator('[data-decide]').isHidden()).toBe(true);
    await expectNoAxeViolations(portal, 'rejected, desktop');
    expect(await emailTo(email, 'Your naloxone finder registration was not approved')).toContain('There is no cabinet at this address.');
  });
});

describe('an emergency cabinet', () => {
  it('shows the public, in search and on its page, what its guardian sets in one tap', async () => {
    const email = `guardian.${unique()}@example.org`;
    const name = `Sale Library cabinet ${unique()}`;
    const sent = await fetch(`${e2e.finder.url}/api/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ kind: 'cabinet', organisation: 'Sale Community Trust', name, addressLine1: 'Tatton Road', town: 'Sale', postcode: 'M33 7AA', kitTypes: ['nasal'], locationDescription: 'Left of the library’s main doors', contactName: 'Gail Guardian', contactEmail: email }),
    });
    const { id } = (await sent.json()) as { id: string };
    const { etag } = await (async () => {
      const read = await apiAs(e2e.finder.url, tariq, 'GET', `/portal/registrations/${id}`);
      return { etag: read.headers.get('etag') ?? '' };
    })();
    const approved = await apiAs<{ registration: { outletId: string } }>(e2e.finder.url, tariq, 'POST', `/portal/registrations/${id}/decisions`, { body: { decision: 'approve' }, headers: { 'if-match': etag } });
    const outletId = approved.body.registration.outletId;

    const publicPage = await e2e.newPage({ viewport: phone });
    await publicPage.goto(`${e2e.finder.url}/?postcode=M33+7AA`);
    const result = publicPage.locator(`[data-results-list] > li[data-outlet-id="${outletId}"]`);
    await result.waitFor();
    expect(await result.locator('[data-cabinet-status]').textContent()).toBe('Emergency cabinet – ready');
    await expectNoAxeViolations(publicPage, 'a ready cabinet in search, phone');

    const guardian = await e2e.guarded.context.newPage();
    await guardian.goto(`${e2e.finder.url}/portal/`);
    const sentAfter = new Date(Date.now() - 1000);
    await guardian.getByLabel('Email address').fill(email);
    await guardian.getByRole('button', { name: 'Send me a sign-in code' }).click();
    await enterCodeOnProvider(guardian, e2e.finder.url, email, sentAfter);
    const controls = guardian.locator(`[data-cabinet-tap][data-outlet-id="${outletId}"]`);
    await controls.waitFor();
    await expectNoAxeViolations(guardian, 'a guardian’s cabinet controls, phone');
    await controls.getByRole('button', { name: 'Used – awaiting restock' }).click();
    await controls.getByText('Saved: Used – awaiting restock.').waitFor();
    expect(await controls.locator('[data-cabinet-current]').textContent()).toBe('Used – awaiting restock');
    await screenshot(guardian, 'cabinet-used-phone', { fullPage: false });

    await publicPage.goto(`${e2e.finder.url}/?postcode=M33+7AA`);
    await result.waitFor();
    expect(await result.textContent()).toContain('Used – awaiting restock: call 999 and ask the call handler');
    expect(await result.locator('[data-cabinet-status]').count()).toBe(0);
    await publicPage.goto(`${e2e.finder.url}/outlet/?id=${outletId}`);
    const article = publicPage.locator('[data-outlet]');
    await article.locator('h1').waitFor();
    expect(await article.textContent()).toContain('Used – awaiting restock: call 999 and ask the call handler');
    expect(await article.textContent()).toContain('Where it is: Left of the library’s main doors');
    await expectNoAxeViolations(publicPage, 'a used cabinet’s page, phone');
  });
});
