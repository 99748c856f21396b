/**
 * Search results count "open now" by the outlet's own nation, decided the same way as on its page:
 * from its local authority, which the geo index carries for this, not from its postcode area. Two
 * outlets in the one postcode district TD12, either side of the Tweed: Coldstream (Scottish
 * Borders) and Cornhill-on-Tweed (Northumberland, England). Made-up listings at real places.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { listingOpenStateAt, toNearbyOutlet } from '../../../functions/core/outlet-views.js';
import { ensureTable } from '../../../functions/data/create-table.js';
import { findNearestOutlets } from '../../../functions/data/nearest-outlets.js';
import { putOutlets } from '../../../functions/data/outlets.js';
import { weekdaysOnly } from '../../functions/core/opening-hours-builders.js';
import { buildOutlet } from '../../fixtures/outlets.js';

const hours = weekdaysOnly(['09:00-18:00'], { bankHolidays: 'closed' });
const coldstream = buildOutlet({
  id: 'TD-SCO',
  hours,
  address: { lines: ['1 High Street'], town: 'Coldstream', postcode: 'TD12 4AA' },
  location: { lat: 55.6478, lng: -2.2525 },
  localAuthorityCode: 'S12000026',
});
const cornhill = buildOutlet({
  id: 'TD-ENG',
  hours,
  address: { lines: ['1 Main Street'], town: 'Cornhill-on-Tweed', postcode: 'TD12 4UX' },
  location: { lat: 55.6453, lng: -2.2178 },
  localAuthorityCode: 'E06000057',
});
/** St Andrew's Day, a bank holiday in Scotland only: Monday 30 November 2026, noon. */
const standrewsDay = new Date('2026-11-30T12:00:00Z');

describe('open now in search results, by the outlet’s nation', () => {
  beforeAll(async () => {
    await ensureTable();
    await putOutlets([coldstream, cornhill]);
  });

  it('closes the Scottish outlet on St Andrew’s Day and keeps the English one across the river open, as their pages do', async () => {
    // Act
    const found = await findNearestOutlets({ point: { lat: 55.646, lng: -2.235 }, limit: 5, radiusKm: 10 });
    const results = found.results.map(({ outlet, distanceKm }) => toNearbyOutlet(outlet, distanceKm, standrewsDay));

    // Assess
    expect(results.map((result) => [result.id, result.openState.status])).toEqual(
      expect.arrayContaining([
        ['TD-SCO', 'closed'],
        ['TD-ENG', 'open'],
      ]),
    );
    expect(results).toHaveLength(2);
    for (const outlet of [coldstream, cornhill]) {
      expect(results.find((result) => result.id === outlet.id)?.openState).toEqual(listingOpenStateAt(outlet, standrewsDay));
    }
    // The code decides; it is not shown in the results.
    expect(JSON.stringify(results)).not.toContain('E06000057');
  });
});
