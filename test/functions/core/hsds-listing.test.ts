/**
 * Paging, `modified_after` and proximity of the open data API, with the ports given plain in-memory
 * data: what the core asks of them and what it answers.
 */
import { describe, expect, it } from 'vitest';
import type { PublishedListing } from '../../../functions/contract/open-data.js';
import { type HsdsListingPorts, type PublishedEntry, findPublishedListing, hsdsPageOf, listPublishedListings } from '../../../functions/core/hsds-listing.js';
import { hsdsServiceId } from '../../../functions/core/hsds-service-at-location.js';
import { buildOutlet } from '../../fixtures/outlets.js';

/** `count` published listings, changed one minute apart from 09:00 UTC on 1 June 2026, in service id order. */
function published(count: number): PublishedListing[] {
  return Array.from({ length: count }, (_, index) => ({
    listing: buildOutlet({ id: `OUT${String(index).padStart(3, '0')}` }),
    updatedAt: new Date(Date.UTC(2026, 5, 1, 9, index)).toISOString(),
  })).sort((a, b) => (hsdsServiceId(a.listing.id) < hsdsServiceId(b.listing.id) ? -1 : 1));
}

/** Ports over plain data, recording which outlets' listings were read. */
function portsOver(listings: PublishedListing[], nearest: string[] = []) {
  const reads: string[][] = [];
  const entries: PublishedEntry[] = listings.map(({ listing, updatedAt }) => ({ outletId: listing.id, serviceId: hsdsServiceId(listing.id), updatedAt }));
  const byId = new Map(listings.map((entry) => [entry.listing.id, entry]));
  const ports: HsdsListingPorts = {
    publishedEntries: async () => entries,
    entryOf: async (serviceId) => entries.find((entry) => entry.serviceId === serviceId) ?? null,
    listings: async (ids) => {
      reads.push([...ids]);
      return ids.flatMap((id) => byId.get(id) ?? []);
    },
    locate: async () => ({ lat: 53.48, lng: -2.24 }),
    nearest: async () => nearest.map((outletId, index) => ({ outletId, distanceKm: index })),
  };
  return { ports, reads };
}

describe('hsdsPageOf', () => {
  it.each([
    ['no items', 0, 1, 10, 0, { total_pages: 0, first_page: true, last_page: true, empty: true }],
    ['one short page', 3, 1, 10, 3, { total_pages: 1, first_page: true, last_page: true, empty: false }],
    ['an exact multiple, on its last page', 20, 2, 10, 10, { total_pages: 2, first_page: false, last_page: true, empty: false }],
    ['a middle page', 25, 2, 10, 10, { total_pages: 3, first_page: false, last_page: false, empty: false }],
    ['a short last page', 25, 3, 10, 5, { total_pages: 3, first_page: false, last_page: true, empty: false }],
    ['a page past the last', 25, 4, 10, 0, { total_pages: 3, first_page: false, last_page: true, empty: true }],
  ])('describes %s', (_label, total, page, perPage, onPage, expected) => {
    // Act
    const result = hsdsPageOf(total, page, perPage, Array.from({ length: onPage }, (_, index) => index));

    // Assess
    expect(result).toEqual({ total_items: total, page_number: page, size: onPage, contents: expect.any(Array), ...expected });
  });
});

describe('listPublishedListings', () => {
  it('pages through every published listing once, in service id order, reading only each page\'s listings', async () => {
    // Prepare
    const listings = published(23);
    const { ports, reads } = portsOver(listings);

    // Act
    const pages = await Promise.all([1, 2, 3, 4].map((page) => listPublishedListings({ page, perPage: 7 }, ports)));

    // Assess
    expect(pages.map((page) => page.contents.length)).toEqual([7, 7, 7, 2]);
    expect(pages.flatMap((page) => page.contents.map((entry) => entry.listing.id))).toEqual(listings.map((entry) => entry.listing.id));
    expect(pages.every((page) => page.total_items === 23 && page.total_pages === 4)).toBe(true);
    expect(reads.map((ids) => ids.length)).toEqual([7, 7, 7, 2]);
  });

  it('answers a page past the last empty, without reading any listing', async () => {
    // Prepare
    const { ports, reads } = portsOver(published(5));

    // Act
    const page = await listPublishedListings({ page: 2, perPage: 5 }, ports);

    // Assess
    expect(page).toMatchObject({ total_items: 5, total_pages: 1, page_number: 2, size: 0, empty: true, last_page: true, contents: [] });
    expect(reads).toEqual([]);
  });

  it('keeps only listings changed at or after modified_after, comparing instants whatever their offsets', async () => {
    // Prepare: listing n changed at 09:0n UTC; 10:05+01:00 is 09:05 UTC.
    const listings = published(10);
    const { ports } = portsOver(listings);

    // Act
    const page = await listPublishedListings({ page: 1, perPage: 50, modifiedAfter: '2026-06-01T10:05:00+01:00' }, ports);

    // Assess
    expect(page.contents.map((entry) => entry.listing.id).sort()).toEqual(['OUT005', 'OUT006', 'OUT007', 'OUT008', 'OUT009']);
    expect(page.total_items).toBe(5);
  });

  it('lists a proximity search nearest first, as the nearest search found them, and pages through that order', async () => {
    // Prepare
    const listings = published(6);
    const order = ['OUT004', 'OUT001', 'OUT005', 'OUT000'];
    const { ports } = portsOver(listings, order);

    // Act
    const pages = await Promise.all([1, 2].map((page) => listPublishedListings({ page, perPage: 3, near: { postcode: 'M15 4AB', proximityMetres: 2000 } }, ports)));

    // Assess
    expect(pages.flatMap((page) => page.contents.map((entry) => entry.listing.id))).toEqual(order);
    expect(pages.map((page) => [page.total_items, page.size, page.last_page])).toEqual([
      [4, 3, false],
      [4, 1, true],
    ]);
  });

  it('applies modified_after to a proximity search too, keeping its order', async () => {
    // Prepare
    const { ports } = portsOver(published(6), ['OUT004', 'OUT001', 'OUT005', 'OUT000']);

    // Act
    const page = await listPublishedListings({ page: 1, perPage: 10, modifiedAfter: '2026-06-01T09:04:00Z', near: { postcode: 'M15 4AB', proximityMetres: 2000 } }, ports);

    // Assess
    expect(page.contents.map((entry) => entry.listing.id)).toEqual(['OUT004', 'OUT005']);
  });
});

describe('findPublishedListing', () => {
  it('finds a listing by its HSDS service id, and nothing by an id no published listing has', async () => {
    // Prepare
    const { ports } = portsOver(published(3));

    // Act
    const [found, missing] = await Promise.all([
      findPublishedListing(hsdsServiceId('OUT001'), ports),
      findPublishedListing(hsdsServiceId('WITHDRAWN'), ports),
    ]);

    // Assess
    expect(found?.listing.id).toBe('OUT001');
    expect(missing).toBeNull();
  });
});
