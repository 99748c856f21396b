/**
 * What the portal shows of a stored listing, and the `ETag` that stands for its version. Pure.
 */
import type { PortalOutlet } from '../contract/portal-outlet.js';
import type { Outlet } from '../contract/outlet.js';
import { ageInDays } from './listing-age.js';
import { statusAt } from './listing-visibility.js';
import { listingOpenStateAt } from './outlet-views.js';

/** A listing as stored: the contract's fields, the version its writes are conditional on, when it last changed. */
export interface StoredListing {
  outlet: Outlet;
  version: number;
  updatedAt: string;
}

/** The strong `ETag` of a version: the number in quotes. */
export const etagOf = (version: number): string => `"${version}"`;

/** The version an `If-Match` value names, or null if it names none (`*`, a weak or malformed tag, a list). */
export function versionOfIfMatch(value: string): number | null {
  const match = /^"(\d{1,15})"$/.exec(value.trim());
  return match ? Number(match[1]) : null;
}

/** The portal's view of a listing as of `now`. */
export function toPortalOutlet(stored: StoredListing, now: Date): PortalOutlet {
  const { outlet } = stored;
  return {
    outlet,
    version: stored.version,
    etag: etagOf(stored.version),
    updatedAt: stored.updatedAt,
    publicStatus: statusAt(outlet, now),
    openSummary: listingOpenStateAt(outlet, now).summary,
    stockAgeDays: ageInDays(outlet.stock.updatedAt, now),
    assuredAgeDays: ageInDays(outlet.assuredAt, now),
  };
}
