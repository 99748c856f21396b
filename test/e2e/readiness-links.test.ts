/**
 * A readiness reminder from end to end, in a real browser against the real finder: the job runs as
 * if on the day the first reminder is due, the reminder is read from the local outbox, each of its
 * links opens a page that changes nothing, "Running low" is pressed and the public listing says so,
 * confirmed today; a used, an expired and a broken link each say so; a lost answer and a second
 * press are not counted twice; the commissioner sees the listings nobody could be reminded of.
 * Phone and desktop, axe-core on every page and state.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ListingAction } from '../../functions/contract/listing-actions.js';
import type { OutletDetail } from '../../functions/contract/find-outlets.js';
import { axeViolations, desktop, phone, screenshot } from './support/browser.js';
import { demoUser, openSignedIn, preparedSession, recordCspViolations } from './support/portal.js';
import { useE2eSession } from './support/session.js';
import { tampered } from '../support/tokens.js';

const e2e = useE2eSession();
const asha = demoUser('asha');
/** Asha's first pharmacy: confirmed longest ago of hers, so the first to be reminded. */
const listingId = 'FD532';
let links: Record<ListingAction, string>;
let scanTable: () => Promise<string>;
let signLink: (action: ListingAction, issuedAt: Date) => Promise<string>;

/** The link for `label` in a reminder's text. */
function linkAfter(text: string, label: string): string {
  const match = new RegExp(`^${label}:\\n(\\S+)$`, 'm').exec(text);
  if (!match?.[1]) throw new Error(`No "${label}" link in the reminder`);
  return match[1];
}

/** The path and query of a link, on the finder under test. */
const onFinder = (link: string) => {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
};

const ready = (page: Page) => page.locator('[data-confirm-ready] h1').waitFor();

beforeAll(async () => {
  // The day FD532's first reminder is due: 75 days after it was last confirmed, at 09:00.
  const before = (await (await fetch(`${e2e.finder.url}/api/outlets/${listingId}`)).json()) as OutletDetail;
  if (!before.assuredAt) throw new Error(`${listingId} was never confirmed in the demo`);
  const clock = new Date(Date.parse(before.assuredAt) + 75 * 86_400_000 + 12 * 3_600_000);
  const run = await e2e.finder.runReadinessJob(clock);
  expect(run.reminded).toContainEqual({ outletId: listingId, reminder: 1 });

  const outbox = (await (await fetch(`${e2e.finder.url}/_local/outbox.json`)).json()) as { to: string; subject: string; text: string }[];
  const reminder = outbox.find((message) => message.to === asha.email && message.subject.startsWith('Check your naloxone listing'));
  if (!reminder) throw new Error('No reminder to Asha in the outbox');
  links = {
    in_stock: linkAfter(reminder.text, 'In stock'),
    running_low: linkAfter(reminder.text, 'Running low'),
    out: linkAfter(reminder.text, 'Out of stock'),
    confirm: linkAfter(reminder.text, 'Still correct \\(nothing has changed\\)'),
  };

  // Loaded now: the finder has pointed the data layer at its own engine.
  const { documents, tableName } = await import('../../functions/data/client.js');
  const { ScanCommand } = await import('../../functions/data/dynamodb-documents.js');
  const { signListingLink } = await import('../../functions/core/listing-links.js');
  const { signingLinkKey } = await import('../../functions/data/link-keys.js');
  signLink = async (action, issuedAt) => signListingLink(await signingLinkKey(), { outletId: listingId, action }, issuedAt);
  scanTable = async () => {
    const items: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documents.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey, ConsistentRead: true }));
      items.push(...(page.Items ?? []).map((item) => JSON.stringify(item)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items.sort().join('\n');
  };
}, 120_000);

describe('a reminder link', () => {
  it('opens a page that shows what will happen and changes nothing, for every link and every request the page makes', async () => {
    // Prepare
    const before = await scanTable();
    const requests: string[] = [];

    // Act
    for (const [action, link] of Object.entries(links)) {
      const viewport = action === 'confirm' ? desktop : phone;
      const page = await e2e.newPage({ viewport });
      page.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));
      await page.goto(`${e2e.finder.url}${onFinder(link)}`);
      await ready(page);
      expect(await axeViolations(page), action).toEqual([]);
      if (action === 'running_low') await screenshot(page, 'confirm-ready-phone');
    }
    const apiRequests = requests.filter((request) => request.includes('/api/'));
    // Everything the page asked the API, asked again: a GET changes nothing, however often.
    for (const request of apiRequests) await fetch(request.replace(/^GET /, ''));

    // Assess
    expect(apiRequests.length).toBe(4);
    expect(apiRequests.every((request) => request.startsWith(`GET ${e2e.finder.url}/api/listing-actions?t=`))).toBe(true);
    expect(await scanTable()).toBe(before);
  });

  it('says what it will do in words, with one button', async () => {
    // Act
    const page = await e2e.openPage(onFinder(links.running_low));
    await ready(page);

    // Assess
    expect(await page.locator('h1:visible').textContent()).toBe('Set your stock to ‘Running low’');
    expect(await page.title()).toBe('Set your stock to ‘Running low’ – Find free naloxone');
    expect(await page.locator('[data-confirm-effect]').textContent()).toBe('Your listing will say ‘Running low’, and that it was confirmed today.');
    expect(await page.locator('[data-confirm-ready] button').allTextContents()).toEqual(['Set stock to Running low']);
    expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex, nofollow');
    expect(await page.locator('[data-demo-notice]').isVisible()).toBe(true);
  });

  it('sets the stock when its button is pressed, and the public listing says "Running low", confirmed today', async () => {
    // Prepare
    const page = await e2e.openPage(onFinder(links.running_low));
    const violations = await recordCspViolations(e2e.guarded.context);
    await ready(page);

    // Act
    await page.getByRole('button', { name: 'Set stock to Running low' }).click();

    // Assess
    await page.locator('[data-confirm-done] h1').waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Listing updated');
    expect(await page.locator('[data-confirm-done]').textContent()).toContain('Running low, confirmed today');
    expect(await page.title()).toBe('Listing updated – Find free naloxone');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'confirm-done-phone');
    const detail = (await (await fetch(`${e2e.finder.url}/api/outlets/${listingId}`)).json()) as OutletDetail;
    expect([detail.stock.status, detail.stockAgeDays, detail.assuredAgeDays]).toEqual(['running_low', 0, 0]);

    await page.getByRole('link', { name: 'See your listing as the public sees it' }).click();
    await page.locator('[data-outlet] h1').waitFor();
    const listing = await page.locator('[data-outlet]').textContent();
    expect(listing).toContain('Running low – confirmed today');
    expect(listing).toMatch(/Listing last confirmed.*\(today\)/);
    expect(violations()).toEqual([]);
  });

  it('says the link was used when it is opened again, on a phone and on a desktop', async () => {
    for (const viewport of [phone, desktop]) {
      // Act
      const page = await e2e.openPage(onFinder(links.running_low), { viewport });
      await page.locator('[data-confirm-used] h1').waitFor();

      // Assess
      expect(await page.locator('[data-confirm-used]').textContent()).toContain('to set the stock to ‘Running low’.');
      expect(await page.title()).toBe('This link has already been used – Find free naloxone');
      expect(await axeViolations(page)).toEqual([]);
    }
  });

  it('can be used by keyboard alone: Tab to the button, then Enter', async () => {
    // Prepare
    const page = await e2e.openPage(onFinder(links.confirm), { viewport: desktop });
    await ready(page);

    // Act
    let presses = 0;
    for (; presses < 30; presses += 1) {
      if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === 'Confirm it is still correct') break;
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');

    // Assess
    await page.locator('[data-confirm-done] h1').waitFor();
    expect(presses).toBeLessThan(30);
    expect(await page.locator('[data-confirm-done]').textContent()).toContain('Confirmed as still correct, confirmed today');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'confirm-done-desktop');
  });

  it('keeps the page as it was when the answer is lost, and a second press says it was already done', async () => {
    // Prepare: the first press reaches the API, but its answer is lost on the way back.
    const page = await e2e.newPage();
    let dropFirst = true;
    await page.route('**/api/listing-actions', async (route) => {
      if (route.request().method() === 'POST' && dropFirst) {
        dropFirst = false;
        await route.fetch();
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    await page.goto(`${e2e.finder.url}${onFinder(links.in_stock)}`);
    await ready(page);

    // Act
    await page.getByRole('button', { name: 'Set stock to In stock' }).click();
    await page.locator('[data-confirm-problem]').waitFor();
    const problem = await page.locator('[data-confirm-problem]').textContent();
    const violations = await axeViolations(page);
    await page.getByRole('button', { name: 'Set stock to In stock' }).click();

    // Assess
    expect(problem).toContain('Sorry, we could not save your answer.');
    expect(violations).toEqual([]);
    await page.locator('[data-confirm-done] h1').waitFor();
    expect(await page.locator('[data-confirm-done-text]').textContent()).toMatch(/^This was already done, on .*: nothing more was changed\. Thank you\.$/);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('says a link has expired after 14 days, and changes nothing', async () => {
    // Prepare
    const expired = await signLink('out', new Date(Date.now() - 15 * 86_400_000));
    const before = await scanTable();

    for (const viewport of [phone, desktop]) {
      // Act
      const page = await e2e.openPage(`/confirm/?t=${expired}`, { viewport });
      await page.locator('[data-confirm-expired] h1').waitFor();

      // Assess
      expect(await page.locator('[data-confirm-expired]').textContent()).toContain('work for 14 days');
      expect(await page.getByRole('link', { name: 'sign in to the outlet portal' }).getAttribute('href')).toBe('/portal/');
      expect(await axeViolations(page)).toEqual([]);
    }
    expect(await scanTable()).toBe(before);
  });

  it('says a link that was changed, cut short or left out does not work', async () => {
    // Prepare
    const changed = tampered(new URL(links.out).searchParams.get('t') ?? '');

    for (const [path, viewport] of [
      [`/confirm/?t=${changed}`, phone],
      [`/confirm/?t=${new URL(links.out).searchParams.get('t')?.slice(0, 40)}`, desktop],
      ['/confirm/', phone],
    ] as const) {
      // Act
      const page = await e2e.openPage(path, { viewport });
      await page.locator('[data-confirm-invalid] h1').waitFor();

      // Assess
      expect(await page.title()).toBe('This link does not work – Find free naloxone');
      expect(await axeViolations(page)).toEqual([]);
    }
  });

  it('says the finder is not working when the API cannot be reached', async () => {
    // Prepare
    const page = await e2e.newPage();
    await page.route('**/api/listing-actions?**', (route) => route.abort('connectionrefused'));

    // Act
    await page.goto(`${e2e.finder.url}${onFinder(links.out)}`);

    // Assess
    await page.getByRole('heading', { level: 1, name: 'Sorry, the finder is not working right now' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('the commissioner', () => {
  it.each([
    { screen: 'phone', viewport: phone },
    { screen: 'desktop', viewport: desktop },
  ])('sees on the first screen the listings in their area nobody could be reminded of ($screen)', async ({ screen, viewport }) => {
    // Prepare
    const chloe = await preparedSession(e2e.finder.url, 'chloe');
    const page = await e2e.newPage({ viewport });

    // Act
    await openSignedIn(page, e2e.finder.url, chloe, '/portal/');
    const section = page.locator('[data-attention-area="E08000003"]');
    await section.waitFor();

    // Assess
    expect(await section.locator('h2').textContent()).toBe('Listings to check in Manchester');
    const entries = section.locator('[data-attention-listing]');
    expect(await entries.count()).toBeGreaterThan(0);
    expect(await entries.first().textContent()).toContain('No contact email, so we could not send reminders.');
    expect(await section.locator(`[data-attention-listing="${listingId}"]`).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, `portal-commissioner-attention-${screen}`, { fullPage: false });
  });
});
