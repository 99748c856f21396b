/**
 * Steps and readings shared by the find page's browser tests.
 */
import type { Page } from 'playwright-core';

/** Types a postcode and presses Search, as a person would. */
export async function searchPostcode(page: Page, postcode: string): Promise<void> {
  await page.getByLabel('Postcode').fill(postcode);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
}

/** Markers on the map, counting each cluster as the number of places in it. */
export async function placesOnMap(page: Page): Promise<number> {
  return page.evaluate(() => {
    const single = document.querySelectorAll('[data-outlet-marker]').length;
    const clustered = [...document.querySelectorAll<HTMLElement>('[data-cluster-count]')].reduce(
      (sum, element) => sum + Number(element.dataset.clusterCount),
      0,
    );
    return single + clustered;
  });
}

/** Counts `GET /outlets` searches the page sends from now on. */
export function countSearches(page: Page): () => number {
  let count = 0;
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/outlets') count += 1;
  });
  return () => count;
}
