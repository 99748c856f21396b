/**
 * Postcode and outward-code locations: one small item each, loaded in bulk from the ONS Postcode
 * Directory and read one at a time by the search.
 */
import { GetCommand } from './dynamodb-documents.js';
import * as z from 'zod';
import { type BatchWriteOptions, type BatchWriteResult, batchWrite } from './batch-write.js';
import { logger } from '../shared/logger.js';
import { documents, tableName } from './client.js';
import { areaIndexKeys, outwardCodeKey, postcodeKey } from './keys.js';

/** Where a postcode or outward code is: its centroid, and for full postcodes its local authority. */
export interface PostcodeLocation {
  lat: number;
  lng: number;
  /** ONS (GSS) code of the local authority, e.g. `E08000009`; full postcodes only. */
  localAuthorityCode?: string;
}

/** One full postcode to store; `postcode` is normalised (`M15 4AB`). */
export interface PostcodeRecord extends PostcodeLocation {
  postcode: string;
}

/** One outward code (postcode district) to store, with its centroid; `outward` is normalised (`M15`). */
export interface OutwardCodeRecord {
  outward: string;
  lat: number;
  lng: number;
  /** The local authority whose boundary holds the centroid, when boundaries were given. */
  localAuthorityCode?: string;
}

/** The stored item of a full postcode. */
export function postcodeItem(record: PostcodeRecord) {
  return {
    ...postcodeKey(record.postcode),
    postcode: record.postcode,
    lat: record.lat,
    lng: record.lng,
    ...(record.localAuthorityCode ? { localAuthorityCode: record.localAuthorityCode, ...areaIndexKeys(record.localAuthorityCode, 'postcode', record.postcode) } : {}),
  };
}

/** The stored item of an outward code, in its local authority's part of the area index when known. */
export function outwardCodeItem(record: OutwardCodeRecord) {
  return {
    ...outwardCodeKey(record.outward),
    outward: record.outward,
    lat: record.lat,
    lng: record.lng,
    ...(record.localAuthorityCode ? { localAuthorityCode: record.localAuthorityCode, ...areaIndexKeys(record.localAuthorityCode, 'outward', record.outward) } : {}),
  };
}

const locationItemSchema = z.object({
  lat: z.number(),
  lng: z.number(),
  localAuthorityCode: z.string().optional(),
});

async function getLocation(key: { pk: string; sk: string }): Promise<PostcodeLocation | null> {
  const { Item } = await documents.send(
    new GetCommand({ TableName: tableName, Key: key, ProjectionExpression: 'lat, lng, localAuthorityCode' }),
  );
  if (!Item) return null;
  const parsed = locationItemSchema.safeParse(Item);
  if (!parsed.success) {
    // A damaged item is treated as unknown, so the search falls back or says so, never a 500.
    logger.error('Stored postcode item is malformed; treating it as unknown', {
      key: key.pk.startsWith('POSTCODE#') ? 'POSTCODE#(full postcode withheld)' : key.pk,
      fields: parsed.error.issues.map((issue) => issue.path.join('.')),
    });
    return null;
  }
  const { lat, lng, localAuthorityCode } = parsed.data;
  return localAuthorityCode ? { lat, lng, localAuthorityCode } : { lat, lng };
}

/** The centroid of a full postcode (any case and spacing), or null if it is not in the table. */
export function getPostcodeLocation(postcode: string): Promise<PostcodeLocation | null> {
  return getLocation(postcodeKey(postcode));
}

/** The centroid of a postcode district (`M15`), or null if it is not in the table. */
export function getOutwardCodeLocation(outward: string): Promise<PostcodeLocation | null> {
  return getLocation(outwardCodeKey(outward));
}

/** Keeps the last item for each key: one BatchWriteItem call must not name a key twice. */
function lastPerKey<T extends { pk: string }>(items: T[]): T[] {
  return [...new Map(items.map((item) => [item.pk, item])).values()];
}

/** Stores full postcodes, overwriting any already there (imports are re-runnable). */
export function putPostcodes(records: readonly PostcodeRecord[], options?: BatchWriteOptions): Promise<BatchWriteResult> {
  return batchWrite(
    lastPerKey(records.map(postcodeItem)).map((item) => ({ put: item })),
    options,
  );
}

/** Stores outward-code centroids, overwriting any already there. */
export function putOutwardCodes(
  records: readonly OutwardCodeRecord[],
  options?: BatchWriteOptions,
): Promise<BatchWriteResult> {
  return batchWrite(
    lastPerKey(records.map(outwardCodeItem)).map((item) => ({ put: item })),
    options,
  );
}

/** The postcode lookups the search core needs (`LocationLookup` in `core/resolve-search-location.ts`). */
export const postcodeLookup = {
  postcode: getPostcodeLocation,
  outwardCode: getOutwardCodeLocation,
} as const;
