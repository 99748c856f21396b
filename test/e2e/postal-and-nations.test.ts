/**
 * Postal services and each nation's numbers in a real browser against the real finder (demo data
 * seeded, its one illustrative postal service included): the find page's own postal section, the
 * "nothing found" state naming the services that post to the place, and outlet pages in Scotland
 * and Northern Ireland showing that nation's numbers next to 999. Every state passes axe.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, desktop, screenshot } from './support/browser.js';
import { searchPostcode } from './support/find-page.js';
import { useE2eSession } from './support/session.js';
import { buildOutlet } from '../fixtures/outlets.js';

const e2e = useE2eSession();

beforeAll(async () => {
  // Loaded now: the finder has pointed the data layer at its own engine.
  const { savePostalService } = await import('../../functions/data/postal-services.js');
  const { putOutlet } = await import('../../functions/data/outlets.js');
  const { putPostcodes } = await import('../../functions/data/postcodes.js');
  // Test data, named as such: a Glasgow postcode with its council (no demo outlet is within 100 km)
  // and a service posting to Scotland.
  await putPostcodes([{ postcode: 'G1 1XQ', lat: 55.8609, lng: -4.2514, localAuthorityCode: 'S12000049' }]);
  await savePostalService({
    id: 'test-scotland-post',
    name: 'Test postal service for Scotland',
    organisation: 'Test data',
    description: 'Test data for the browser tests.',
    whoCanOrder: 'Anyone',
    website: null,
    phone: '0100 000 0000',
    kitTypes: [],
    serviceArea: { nations: ['scotland'], localAuthorities: [] },
    status: 'active',
    demo: true,
  });
  // Listings in Scotland and Northern Ireland, told apart by their councils' codes.
  // Edinburgh's is 67 km from Glasgow: a Glasgow search with the usual 25 km finds nothing near.
  await putOutlet(buildOutlet({ id: 'TESTSCOT1', name: 'Test place in Edinburgh', address: { lines: ['1 Test Street'], town: 'Edinburgh', postcode: 'EH1 1AA' }, location: { lat: 55.9533, lng: -3.1883 }, localAuthorityCode: 'S12000036', odsCode: null, demo: true }));
  await putOutlet(buildOutlet({ id: 'TESTNI1', name: 'Test place in Belfast', address: { lines: ['1 Test Street'], town: 'Belfast', postcode: 'BT1 1AA' }, location: { lat: 54.6007, lng: -5.9289 }, localAuthorityCode: 'N09000003', odsCode: null, demo: true }));
});

describe('postal services on the find page', () => {
  it('shows the services posting to the searched council in their own section, after the places', async () => {
    const page = await e2e.openPage('/?postcode=M15+4AB');

    await page.locator('[data-results-list] > li').first().waitFor();
    const postal = page.locator('[data-postal]');
    await postal.waitFor();
    expect(await postal.getByRole('heading', { level: 2 }).textContent()).toBe('Free naloxone by post');
    expect(await page.locator('[data-postal-intro]').textContent()).toBe('This service posts free naloxone kits to Trafford.');
    const card = postal.locator('[data-postal-service="example-postal-gm"]');
    expect(await card.locator('h3').textContent()).toBe('Example postal service – demo, not a real service');
    expect(await card.textContent()).toContain('Bolton, Bury, Manchester');
    expect(await card.locator('.app-tag').textContent()).toMatch(/^Demo/);
    // Never among the places ranked by distance.
    expect(await page.locator('[data-results-list]').textContent()).not.toContain('Example postal service');
    // England's numbers next to 999.
    const help = page.locator('[data-nation-help="england"]');
    expect(await help.getByRole('heading').textContent()).toBe('Help in England');
    expect(await help.locator('a[href="tel:111"]').textContent()).toBe('NHS 111: 111');
    expect(await help.locator('a[href="tel:03001236600"]').textContent()).toBe('FRANK: 0300 123 6600');
    expect(await page.locator('.app-emergency a[href="tel:999"]').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'find-postal-phone');
  });

  it('names the services posting to the place when nothing is near, with Scotland’s numbers', async () => {
    const page = await e2e.openPage('/', { viewport: desktop });

    await searchPostcode(page, 'G1 1XQ');

    const none = page.locator('[data-no-results]');
    await none.waitFor();
    expect(await none.locator('h2').textContent()).toBe('No places found near G1 1XQ');
    expect(await page.locator('[data-no-results-postal]').textContent()).toBe(
      'Free naloxone by post to Glasgow City: Test postal service for Scotland. See “Free naloxone by post” below.',
    );
    const postal = page.locator('[data-postal]');
    expect(await postal.isVisible()).toBe(true);
    expect(await postal.locator('[data-postal-service]').count()).toBe(1);
    expect(await postal.locator('a[href="tel:01000000000"]').textContent()).toContain('Call 0100 000 0000');
    const help = page.locator('[data-nation-help="scotland"]');
    expect(await help.getByRole('heading').textContent()).toBe('Help in Scotland');
    expect(await help.locator('a[href="tel:111"]').textContent()).toBe('NHS 24: 111');
    expect(await help.locator('a[href="tel:08005875879"]').textContent()).toBe('Know the Score: 0800 587 5879');
    expect(await page.locator('[data-nation-help="england"]').count()).toBe(0);
    expect(await page.locator('.app-emergency a[href="tel:999"]').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'find-postal-none-desktop');
  });

  it('says only nation-wide services were looked for when only the postcode area is known', async () => {
    const page = await e2e.openPage('/?postcode=TR1');

    const none = page.locator('[data-no-results]');
    await none.waitFor();
    expect(await page.locator('[data-no-results-postal]').textContent()).toBe(
      'We do not know of a service that posts naloxone to all of England. Search with your full postcode to see services for your council area.',
    );
    expect(await page.locator('[data-postal]').isHidden()).toBe(true);
    expect(await page.locator('[data-nation-help="england"]').isVisible()).toBe(true);
  });

  it('says it cannot name postal services for “use my location”, and shows no nation’s numbers', async () => {
    const page = await e2e.openPage('/?lat=57.5&lng=-4.2');

    const none = page.locator('[data-no-results]');
    await none.waitFor();
    expect(await page.locator('[data-no-results-postal]').textContent()).toContain('We could not tell which council area you are in');
    expect(await page.locator('[data-postal]').isHidden()).toBe(true);
    expect(await page.locator('[data-nation-help]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('each nation’s numbers on the outlet page', () => {
  it('shows Scotland’s numbers for a listing in a Scottish council', async () => {
    const page = await e2e.openPage('/outlet/?id=TESTSCOT1');

    const help = page.locator('[data-nation-help="scotland"]');
    await help.waitFor();
    expect(await help.locator('li').allTextContents()).toEqual([
      'Call 999 if someone has overdosed or you think they have: give naloxone if you have it and stay with them.',
      'NHS 24: 111 – urgent medical advice when it is not an emergency.',
      'Know the Score: 0800 587 5879 – Scotland’s drug advice line.',
      'FRANK: 0300 123 6600 – confidential drug advice, any time (UK-wide).',
    ]);
    expect(await page.locator('.app-emergency a[href="tel:999"]').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('says Northern Ireland has no 111 and names no helpline it does not have', async () => {
    const page = await e2e.openPage('/outlet/?id=TESTNI1', { viewport: desktop });

    const help = page.locator('[data-nation-help="northern_ireland"]');
    await help.waitFor();
    expect(await help.getByRole('heading').textContent()).toBe('Help in Northern Ireland');
    expect(await help.textContent()).toContain('Northern Ireland has no 111 service: call your GP, or GP out of hours when the surgery is closed.');
    expect(await help.locator('a[href="tel:111"]').count()).toBe(0);
    expect(await help.locator('a[href^="tel:"]').allTextContents()).toEqual(['Call 999', 'FRANK: 0300 123 6600']);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'outlet-ni-desktop');
  });
});
