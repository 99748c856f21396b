/**
 * The bulk open data files, GeoJSON and CSV, of every published listing: built from the public
 * listing alone (`PublishedListing`), so no private field can reach them, with the I/O injected
 * (the data layer's readers of the `published` index and of listings by key).
 */
import {
  type OpenDataGeoJson,
  type OpenDataOutlet,
  type PublishedListing,
  openDataCsvColumns,
} from '../contract/open-data.js';
import { toCsv } from './csv.js';
import { hsdsServiceId } from './hsds-service-at-location.js';
import type { HsdsListingPorts } from './hsds-listing.js';
import { statusAt } from './listing-visibility.js';
import { describeWeeklyHours } from './opening-hours-text.js';

/** What the files say about themselves. */
const description =
  'Places in the UK that give out free take-home naloxone: published listings only. ' +
  'Rows with demo true are real pharmacies with illustrative naloxone details, not facts: their names, ' +
  'addresses and hours are from the NHS Business Services Authority\'s Consolidated Pharmaceutical List, ' +
  'Open Government Licence v3.0.';

/** Listings read by key at a time: one page's worth, so memory stays flat whatever the count. */
const listingsPerRead = 100;

/** One published listing as a file row, as of `now`. */
export function toOpenDataOutlet({ listing, updatedAt }: PublishedListing, now: Date): OpenDataOutlet {
  return {
    id: listing.id,
    hsds_service_id: hsdsServiceId(listing.id),
    name: listing.name,
    organisation: listing.organisation,
    outlet_type: listing.outletType,
    supply_basis: listing.supplyBasis,
    address: listing.address.lines.join(', '),
    town: listing.address.town,
    postcode: listing.address.postcode,
    latitude: listing.location.lat,
    longitude: listing.location.lng,
    phone: listing.phone,
    website: listing.website,
    kit_types: [...listing.kitTypes],
    free: listing.eligibility.free,
    no_id_needed: listing.eligibility.noIdNeeded,
    walk_in: listing.eligibility.walkIn,
    family_and_friends_can_collect: listing.eligibility.familyAndFriendsCanCollect,
    minimum_age: listing.eligibility.minimumAge,
    languages: [...listing.languages],
    accessibility: listing.accessibility,
    status: statusAt(listing, now),
    reopens_on: listing.reopensOn,
    alert: listing.alert,
    opening_hours: describeWeeklyHours(listing.hours).map((row) => row.line).join('; '),
    stock_status: listing.stock.status,
    stock_updated_at: listing.stock.updatedAt,
    assured_at: listing.assuredAt,
    listed_at: listing.listedAt,
    last_modified: new Date(updatedAt).toISOString(),
    ods_code: listing.odsCode,
    local_authority_code: listing.localAuthorityCode,
    cabinet_status: listing.cabinetStatus,
    demo: listing.demo,
  };
}

/** The GeoJSON file's object: one point feature per listing, `[longitude, latitude]` as RFC 7946 orders them. */
export function toOpenDataGeoJson(rows: readonly OpenDataOutlet[], generatedAt: Date): OpenDataGeoJson {
  return {
    type: 'FeatureCollection',
    metadata: { generated_at: generatedAt.toISOString(), count: rows.length, description },
    features: rows.map(({ latitude, longitude, ...properties }) => ({
      type: 'Feature',
      id: properties.hsds_service_id,
      geometry: { type: 'Point', coordinates: [longitude, latitude] },
      properties,
    })),
  };
}

/** The CSV file's text: a header of `openDataCsvColumns`, lists joined with `;`. */
export function toOpenDataCsv(rows: readonly OpenDataOutlet[]): string {
  return toCsv(
    openDataCsvColumns,
    rows.map((row) => openDataCsvColumns.map((column) => {
      const value = row[column];
      return Array.isArray(value) ? value.join(';') : value;
    })),
  );
}

/** Both files' text, and what building them read. */
export interface OpenDataFilesBuilt {
  geojson: string;
  csv: string;
  /** Listings in the files. */
  count: number;
  /** Entries of the `published` index read, and listings asked for by key: what one build costs. */
  reads: { indexEntries: number; listings: number };
}

/**
 * Every published listing, in service id order, as both files. The listings are read a page at a
 * time; one withdrawn between the index read and its own is left out.
 */
export async function buildOpenDataFiles(ports: Pick<HsdsListingPorts, 'publishedEntries' | 'listings'>, now: Date): Promise<OpenDataFilesBuilt> {
  const entries = await ports.publishedEntries();
  const rows: OpenDataOutlet[] = [];
  for (let start = 0; start < entries.length; start += listingsPerRead) {
    const ids = entries.slice(start, start + listingsPerRead).map((entry) => entry.outletId);
    for (const published of await ports.listings(ids)) rows.push(toOpenDataOutlet(published, now));
  }
  return {
    geojson: JSON.stringify(toOpenDataGeoJson(rows, now)),
    csv: toOpenDataCsv(rows),
    count: rows.length,
    reads: { indexEntries: entries.length, listings: entries.length },
  };
}
