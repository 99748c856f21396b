/**
 * The outlet page in a real browser against the real finder: a listing's hours, naloxone details
 * and demo label, and the not-found state.
 */
import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { useE2eSession } from './support/session.js';

const e2e = useE2eSession();

/** The nearest demo pharmacy to a postcode, asked of the API directly. */
async function nearestOutlet(postcode: string): Promise<{ id: string; name: string; hasHours: boolean; changes: { dateLabel: string }[] }> {
  const response = await fetch(`${e2e.finder.url}/api/outlets?postcode=${encodeURIComponent(postcode)}&limit=1`);
  const { results } = (await response.json()) as { results: { id: string; name: string }[] };
  const first = results[0];
  if (!first) throw new Error(`No outlet near ${postcode}`);
  const detail = (await (await fetch(`${e2e.finder.url}/api/outlets/${first.id}`)).json()) as {
    hours: { weekly: unknown[] };
    upcomingHoursChanges: { dateLabel: string }[];
  };
  return { id: first.id, name: first.name, hasHours: detail.hours.weekly.length > 0, changes: detail.upcomingHoursChanges };
}

describe('outlet page', () => {
  it('shows the listing with its weekly opening hours', async () => {
    const outlet = await nearestOutlet('M15 4AB');
    expect(outlet.hasHours).toBe(true);

    const page = await e2e.openPage(`/outlet/?id=${outlet.id}`);

    const heading = page.locator('[data-outlet] h1');
    await expect.poll(() => heading.textContent()).toContain(outlet.name);
    expect(await page.title()).toBe(`${outlet.name} – Find free naloxone`);
    const hours = page.locator('[data-weekly-hours] tbody tr');
    expect(await hours.count()).toBe(7);
    expect(await hours.first().locator('th').textContent()).toContain('Monday');
    expect(await hours.first().locator('td').textContent()).toMatch(/\d\d:\d\d to \d\d:\d\d|Closed/);
    // Bank holidays and exceptions of the coming weeks, one line each, as the API lists them.
    const changes = await page.locator('[data-hours-changes] li').allTextContents();
    expect(changes).toHaveLength(outlet.changes.length);
    for (const [index, change] of outlet.changes.entries()) expect(changes[index]).toContain(change.dateLabel);
    expect(await page.getByRole('heading', { name: 'What to expect' }).isVisible()).toBe(true);
    expect(await page.getByText('You do not need a prescription.').isVisible()).toBe(true);
    // How to use the kits given out here, from the guides that work offline.
    expect(await page.locator('[data-outlet] a[href^="/how-to-give-naloxone/"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-outlet] .app-tag').textContent()).toMatch(/^Demo/);
    expect(await page.locator('[data-demo-notice]').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: /Directions/ }).getAttribute('href')).toMatch(
      /^https:\/\/www\.openstreetmap\.org\/directions\?to=/,
    );
    await screenshot(page, 'outlet-phone');
  });

  it('says so when the place does not exist', async () => {
    const page = await e2e.openPage('/outlet/?id=NOPE0');

    await page.getByRole('heading', { name: 'We could not find that place', level: 1 }).waitFor();
    expect(await page.title()).toBe('Place not found – Find free naloxone');
    expect(await page.locator('[data-demo-notice]').isHidden()).toBe(true);
  });

  it('treats a missing or malformed id as not found', async () => {
    for (const path of ['/outlet/', '/outlet/?id=not%20an%20id']) {
      const page = await e2e.openPage(path);
      await page.getByRole('heading', { name: 'We could not find that place', level: 1 }).waitFor();
      // Checked and closed before the next path, which gets a fresh context.
      await e2e.closeContext();
    }
  });

  it('prints the API’s week: days whose hours could not be read say so, never "Closed"', async () => {
    // Noble & Peacock (FVW83) writes its weekday hours in a form the import cannot read.
    const page = await e2e.openPage('/outlet/?id=FVW83');

    const rows = page.locator('[data-weekly-hours] tbody tr');
    await rows.first().waitFor();
    expect(await page.locator('[data-outlet] h1').textContent()).toContain('Noble & Peacock');
    const week = await rows.evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector('th')!.firstChild!.textContent!.trim(), tr.querySelector('td')!.textContent!.trim()]),
    );
    expect(week.slice(0, 5)).toEqual(
      ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map((day) => [day, 'Hours unknown – call ahead']),
    );
    // Its weekend hours were readable (CLOSED in the NHS list), so they stay known.
    expect(week.slice(5)).toEqual([
      ['Saturday', 'Closed'],
      ['Sunday', 'Closed'],
    ]);
    // Today's row is still picked out.
    expect(await page.locator('[data-weekly-hours] tr.app-table__today').count()).toBe(1);
  });

  it('has an h1 saying the finder is not working when the API does not answer', async () => {
    const page = await e2e.newPage();
    await page.route('**/outlets/*', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{}' }));
    await page.goto(`${e2e.finder.url}/outlet/?id=FVW83`);

    await page.getByRole('heading', { name: 'Sorry, the finder is not working right now', level: 1 }).waitFor();
    expect(await page.locator('a[href="tel:999"]').last().isVisible()).toBe(true);
  });
});
