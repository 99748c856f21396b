/**
 * What the open data API answers for one published listing: the HSDS 3.0 `service_at_location`
 * of `hsds-service-at-location.ts`, and the fully nested `service` HSDS's `/services` endpoints
 * return, each with when the listing last changed (`service.last_modified`) and its status as of the
 * answer (a temporary closure whose reopening day has come reads as active, as on the site).
 */
import type { PublishedListing } from '../contract/open-data.js';
import { type HsdsServiceAtLocation, toHsdsServiceAtLocation } from './hsds-service-at-location.js';
import { statusAt } from './listing-visibility.js';

/** HSDS `service` with when it last changed. */
type HsdsServiceFields = HsdsServiceAtLocation['service'] & { last_modified: string };

/** A `service_at_location`, its service carrying `last_modified`. */
export type HsdsServiceAtLocationView = Omit<HsdsServiceAtLocation, 'service'> & { service: HsdsServiceFields };

/** A fully nested HSDS `service`: the service, its organisation and its one service at location. */
export type HsdsServiceView = HsdsServiceFields & {
  service_at_locations: (Pick<HsdsServiceAtLocation, 'id' | 'service_id' | 'location_id' | 'location' | 'phones' | 'schedules' | 'attributes'>)[];
};

/**
 * HSDS asks `last_modified` with millisecond accuracy; the stored `updatedAt` has it. Re-written
 * through `Date` so any offset the store held comes out as UTC.
 */
const lastModifiedOf = (updatedAt: string): string => new Date(updatedAt).toISOString();

/** The listing as an HSDS `service_at_location`, as of `now`. */
export function toHsdsServiceAtLocationView({ listing, updatedAt }: PublishedListing, now: Date): HsdsServiceAtLocationView {
  const sal = toHsdsServiceAtLocation({ ...listing, status: statusAt(listing, now) });
  return { ...sal, service: { ...sal.service, last_modified: lastModifiedOf(updatedAt) } };
}

/**
 * The listing as a fully nested HSDS `service`, as of `now`. The phones, schedules and attributes
 * belong to the service at its location (their `service_at_location_id` and `link_id` say so), so
 * they stay nested in `service_at_locations`, as HSDS's compiled `service` schema nests them.
 */
export function toHsdsServiceView(published: PublishedListing, now: Date): HsdsServiceView {
  const { service, id, service_id, location_id, location, phones, schedules, attributes } = toHsdsServiceAtLocationView(published, now);
  return { ...service, service_at_locations: [{ id, service_id, location_id, location, phones, schedules, attributes }] };
}
