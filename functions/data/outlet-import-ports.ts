/**
 * The import core's lookups and writer (`core/outlet-import-plan.ts`), on this table: postcodes
 * from the postcode table, listings read consistently (so a change is compared with, and written
 * over, the version really stored), new listings created, changes written with their history.
 */
import type { ImportLookups, ImportWriter } from '../core/outlet-import-plan.js';
import { parsePostcodeInput } from '../core/postcodes.js';
import { type StoredOutlet, getStoredOutlets, putOutlets, writeListingChange } from './outlets.js';
import { getPostcodeLocation } from './postcodes.js';

export const importLookups: ImportLookups<StoredOutlet> = {
  async placePostcode(postcode) {
    const parsed = parsePostcodeInput(postcode);
    return parsed.kind === 'full' ? getPostcodeLocation(parsed.postcode) : null;
  },
  storedListings: (ids) => getStoredOutlets(ids, { consistent: true }),
};

export const importWriter: ImportWriter<StoredOutlet> = {
  createMany: putOutlets,
  change: writeListingChange,
};
