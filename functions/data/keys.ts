/**
 * Key builders: the only place that knows how items are keyed.
 */
import type { AreaRecordKind } from './table-schema.js';

export const outletKey = (id: string) => ({ pk: `OUTLET#${id}`, sk: 'OUTLET' });

/** Full postcodes are keyed without spaces, upper case: `POSTCODE#M154AB`. */
export const postcodeKey = (postcode: string) => ({ pk: `POSTCODE#${postcode.replace(/\s+/g, '').toUpperCase()}`, sk: 'POSTCODE' });

/** Outward codes (`M15`) hold the centroid of the postcode district. */
export const outwardCodeKey = (outwardCode: string) => ({ pk: `OUTCODE#${outwardCode.toUpperCase()}`, sk: 'OUTCODE' });

/** A local authority: name, boundary and the commissioner's estimate. */
export const areaKey = (code: string) => ({ pk: `AREA#${code}`, sk: 'AREA' });

/** Marks a dataset as fully loaded (for example the local demo), so loading is done once. */
export const datasetKey = (name: string) => ({ pk: `DATASET#${name}`, sk: 'DATASET' });

/**
 * Problem reports live in their outlet's partition. Report ids begin with the time they were
 * received, so the sort key orders them and an outlet's reports are one Query
 * (`begins_with(sk, 'REPORT#')`), newest first when read backwards.
 */
export const reportKey = (outletId: string, reportId: string) => ({ pk: `OUTLET#${outletId}`, sk: `${reportSortPrefix}${reportId}` });
export const reportSortPrefix = 'REPORT#';

/**
 * A listing's older changes, one item each, in the outlet's partition, ordered by time: moved out
 * of the listing item's recent `history` as new changes arrive.
 */
export const historySortPrefix = 'HISTORY#';
export const historyArchiveKey = (outletId: string, at: string, entryId: string) => ({
  pk: `OUTLET#${outletId}`,
  sk: `${historySortPrefix}${at}#${entryId}`,
});

/** One day's kits given out of one kit type, in the outlet's partition: `SUPPLY#2026-11-30#nasal`. */
export const supplySortPrefix = 'SUPPLY#';
export const supplyKey = (outletId: string, date: string, kitType: string) => ({
  pk: `OUTLET#${outletId}`,
  sk: `${supplySortPrefix}${date}#${kitType}`,
});

/** A stock batch, in the outlet's partition, ordered by expiry date: `BATCH#2027-03-31#<id>`. */
export const batchSortPrefix = 'BATCH#';
export const batchKey = (outletId: string, expiresOn: string, batchId: string) => ({
  pk: `OUTLET#${outletId}`,
  sk: `${batchSortPrefix}${expiresOn}#${batchId}`,
});

/**
 * Idempotency records of the portal's POSTs (`idempotency.ts`): one partition, keyed by a
 * hash of the outlet, the route and the `Idempotency-Key`. Small, short-lived items; the code
 * checks their expiry, since the embedded engine has no TTL.
 */
export const idempotencyPartition = 'IDEMPOTENCY';

/**
 * The keys of a record in the `area` index: `E08000003#outlet` and the record's order within its
 * kind. Only records whose local authority is known carry them.
 */
export const areaIndexKeys = (area: string, kind: AreaRecordKind, sort: string) => ({ areaKey: `${area}#${kind}`, areaSort: sort });

/** A person's records: their profile and one membership item per outlet or area, one Query (`pk = USER#<sub>`). */
export const userPartition = (subject: string) => `USER#${subject}`;

/** The profile: how the person is named in change history. */
export const userProfileKey = (subject: string) => ({ pk: userPartition(subject), sk: 'PROFILE' });

/** What a membership is of: an outlet's staff, or a local authority's commissioners. */
export type MembershipKind = 'outlet' | 'area';
export const membershipSortPrefix = 'MEMBER#';

/** `MEMBER#OUTLET#FA123` or `MEMBER#AREA#E08000003`. */
export const membershipKey = (subject: string, kind: MembershipKind, target: string) => ({
  pk: userPartition(subject),
  sk: `${membershipSortPrefix}${kind.toUpperCase()}#${target}`,
});

const geoCountPrefix = 'GEOCOUNT#';

/** Sort key shared by every geo occupancy counter item (`geo-counters.ts`). */
export const geoCountSortKey = 'GEOCOUNT';

/** The occupancy counter of a 4-character geohash cell: `GEOCOUNT#gcw2`. */
export const geoCountKey = (cell: string) => ({ pk: `${geoCountPrefix}${cell}`, sk: geoCountSortKey });

/** The cell a counter item counts, from its keys; null if the item is not a counter. */
export function cellOfGeoCountKey(item: Record<string, unknown>): string | null {
  if (item.sk !== geoCountSortKey || typeof item.pk !== 'string' || !item.pk.startsWith(geoCountPrefix)) return null;
  return item.pk.slice(geoCountPrefix.length);
}

/** A registration of a new outlet or cabinet: one item, `REGISTRATION#<id>`, read and written by id. */
export const registrationKey = (id: string) => ({ pk: `REGISTRATION#${id}`, sk: 'REGISTRATION' });

/**
 * Which registration queue a pointer is in: every registration is in `all` (administrators see all);
 * one whose local authority is known is also in its area's (that area's commissioners).
 */
export type RegistrationQueueScope = 'all' | { area: string };

/** `REGQUEUE#ALL`, `REGQUEUE#AREA#E08000009`. */
export const registrationQueuePartition = (scope: RegistrationQueueScope) => `REGQUEUE#${scope === 'all' ? 'ALL' : `AREA#${scope.area}`}`;

/**
 * A queue pointer: `OPEN#<id>` while the registration waits on someone, `DECIDED#<id>` after. Ids
 * begin with the time received, so one Query reads a queue newest first, without a Scan or an index.
 */
export const registrationQueueKey = (scope: RegistrationQueueScope, queue: 'open' | 'decided', id: string) => ({
  pk: registrationQueuePartition(scope),
  sk: `${registrationQueueSortPrefix(queue)}${id}`,
});
export const registrationQueueSortPrefix = (queue: 'open' | 'decided') => `${queue.toUpperCase()}#`;
/** An outlet's readiness reminder state (`data/readiness.ts`), in its partition. */
export const readinessStateKey = (outletId: string) => ({ pk: `OUTLET#${outletId}`, sk: 'READINESS' });

/**
 * A local authority's partition: the listings escalated to its commissioners, one item each
 * (`ATTENTION#<outletId>`), read with one Query.
 */
export const areaPartition = (areaCode: string) => `AREA#${areaCode}`;
export const attentionSortPrefix = 'ATTENTION#';
export const attentionKey = (areaCode: string, outletId: string) => ({ pk: areaPartition(areaCode), sk: `${attentionSortPrefix}${outletId}` });

/** A reminder link that has been used, by its token's `jti`: single use, by conditional write. */
export const usedLinkKey = (jti: string) => ({ pk: `LINK#${jti}`, sk: 'LINK' });

/** A postal naloxone service (`data/postal-services.ts`): one item, read and written by id. */
export const postalServiceKey = (id: string) => ({ pk: `POSTAL#${id}`, sk: 'POSTAL' });

/**
 * A pointer from an area a postal service posts to (a local authority's or a nation's GSS code) to
 * the service: `POSTALAREA#E08000003` / `POSTAL#<id>`. The services covering a place are one Query
 * per code (its local authority and its nation), never a Scan.
 */
export const postalAreaPartition = (areaCode: string) => `POSTALAREA#${areaCode}`;
export const postalAreaPointerKey = (areaCode: string, serviceId: string) => ({ pk: postalAreaPartition(areaCode), sk: `POSTAL#${serviceId}` });
