/**
 * Readers for postcode data files: a streaming CSV reader, column detection by header for the ONS
 * Postcode Directory and its extracts, and row checks. No DynamoDB here: `postcode-sources.ts` writes
 * what these read.
 *
 * Formats recognised (header names are matched case-insensitively):
 * - ONSPD full: `pcds`, `lat`, `long`, `oslaua`, `doterm` (terminated postcodes are skipped);
 * - Trafford Data Lab extract: `postcode`, `lat`, `lon`, `la_code`;
 * - postcode districts: `Postcode`, `Latitude`, `Longitude`, optional `Active postcodes`.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { isInUk } from '../functions/contract/outlet.js';
import type { OutwardCodeRecord, PostcodeRecord } from '../functions/data/postcodes.js';
import { endsInsideQuotes, parseCsvLine } from '../functions/core/csv.js';
import { normaliseOutwardCode, normalisePostcode } from '../functions/core/postcodes.js';

/** Full postcodes, or outward-code (district) centroids. */
export type SourceKind = 'postcodes' | 'districts';

/** One CSV record and how far into the file the reader has got. */
export interface CsvRecord {
  fields: string[];
  /** Bytes read from the file so far (read-ahead included, so a little ahead of this record). */
  bytesRead: number;
}

/**
 * Streams the records of a CSV file, header first, without holding the file in memory (the full
 * ONSPD is about 1 GB). Blank lines are ignored; a byte-order mark is dropped.
 */
export async function* readCsvRecords(path: string): AsyncGenerator<CsvRecord> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let pending = '';
  let first = true;
  try {
    for await (const rawLine of lines) {
      const line = first ? rawLine.replace(/^\uFEFF/, '') : rawLine;
      first = false;
      pending = pending ? `${pending}\n${line}` : line;
      if (endsInsideQuotes(pending)) continue;
      if (pending.trim() !== '') yield { fields: parseCsvLine(pending), bytesRead: stream.bytesRead };
      pending = '';
    }
    if (pending.trim() !== '') yield { fields: parseCsvLine(pending), bytesRead: stream.bytesRead };
  } finally {
    lines.close();
    stream.destroy();
  }
}

/** Where each needed field is in a row. */
export interface ColumnMap {
  kind: SourceKind;
  code: number;
  lat: number;
  lng: number;
  localAuthority?: number;
  terminated?: number;
  activePostcodes?: number;
}

const columnNames = {
  postcodes: {
    code: ['pcds', 'postcode', 'pcd', 'pcd2'],
    lat: ['lat', 'latitude'],
    lng: ['long', 'lon', 'lng', 'longitude'],
    localAuthority: ['oslaua', 'la_code', 'lad', 'laua', 'lad24cd', 'lad23cd'],
    terminated: ['doterm'],
  },
  districts: {
    code: ['postcode', 'outcode', 'outward', 'outward_code', 'district'],
    lat: ['latitude', 'lat'],
    lng: ['longitude', 'long', 'lon', 'lng'],
    activePostcodes: ['active postcodes', 'active_postcodes'],
  },
} as const;

/**
 * Finds the columns by header name. Throws a readable error when a needed column is missing, or
 * when the file looks like the other kind (so the districts file is not loaded as postcodes).
 */
export function detectColumns(header: readonly string[], kind: SourceKind): ColumnMap {
  const names = header.map((name) => name.trim().toLowerCase());
  const find = (candidates: readonly string[]) => {
    const index = names.findIndex((name) => candidates.includes(name));
    return index === -1 ? undefined : index;
  };
  if (kind === 'postcodes' && find(columnNames.districts.activePostcodes) !== undefined) {
    throw new Error('This looks like a postcode districts file (it has "Active postcodes"): use --districts');
  }
  if (kind === 'districts' && find(['pcds', 'doterm', 'oslaua']) !== undefined) {
    throw new Error('This looks like an ONS Postcode Directory file, not a districts file: leave out --districts');
  }
  const wanted = columnNames[kind];
  const code = find(wanted.code);
  const lat = find(wanted.lat);
  const lng = find(wanted.lng);
  if (code === undefined || lat === undefined || lng === undefined) {
    const expected = [wanted.code[0], wanted.lat[0], wanted.lng[0]].join(', ');
    throw new Error(`Missing columns for ${kind}: expected ${expected} (or similar); found ${names.join(', ')}`);
  }
  if (kind === 'postcodes') {
    const localAuthority = find(columnNames.postcodes.localAuthority);
    const terminated = find(columnNames.postcodes.terminated);
    return { kind, code, lat, lng, ...(localAuthority !== undefined ? { localAuthority } : {}), ...(terminated !== undefined ? { terminated } : {}) };
  }
  const activePostcodes = find(columnNames.districts.activePostcodes);
  return { kind, code, lat, lng, ...(activePostcodes !== undefined ? { activePostcodes } : {}) };
}

/** A row read from a file: a record to store, a row deliberately left out, or a bad row. */
export type RowResult<T> =
  | { status: 'ok'; record: T }
  | { status: 'skipped'; reason: string }
  | { status: 'invalid'; reason: string };

const LOCAL_AUTHORITY_CODE = /^[ENSW]\d{8}$/;

function readPoint(fields: readonly string[], columns: ColumnMap): { lat: number; lng: number } | string {
  const latText = fields[columns.lat]?.trim() ?? '';
  const lngText = fields[columns.lng]?.trim() ?? '';
  if (latText === '' || lngText === '') return 'missing latitude or longitude';
  const lat = Number(latText);
  const lng = Number(lngText);
  if (!Number.isFinite(lat) || !Number.isFinite(lng)) return 'latitude or longitude is not a number';
  // ONSPD gives 99.999999 / 0 to postcodes with no grid reference: those fall outside the UK.
  if (!isInUk({ lat, lng })) return 'latitude or longitude outside the UK';
  return { lat, lng };
}

/** Reads one data row of an ONS Postcode Directory file (or extract). */
export function readPostcodeRow(fields: readonly string[], columns: ColumnMap): RowResult<PostcodeRecord> {
  if (columns.terminated !== undefined && (fields[columns.terminated]?.trim() ?? '') !== '') {
    return { status: 'skipped', reason: 'terminated postcode' };
  }
  const postcode = normalisePostcode(fields[columns.code] ?? '');
  if (!postcode) return { status: 'invalid', reason: 'not a valid postcode' };
  const point = readPoint(fields, columns);
  if (typeof point === 'string') return { status: 'invalid', reason: point };
  const localAuthorityCode = columns.localAuthority === undefined ? '' : (fields[columns.localAuthority]?.trim() ?? '');
  // ONSPD gives pseudo codes (L99999999, M99999999) to the Channel Islands and Isle of Man: leave those out.
  return {
    status: 'ok',
    record: { postcode, ...point, ...(LOCAL_AUTHORITY_CODE.test(localAuthorityCode) ? { localAuthorityCode } : {}) },
  };
}

/** Reads one row of a postcode districts file. Districts with no centroid or no live postcodes are skipped. */
export function readDistrictRow(fields: readonly string[], columns: ColumnMap): RowResult<OutwardCodeRecord> {
  const outward = normaliseOutwardCode(fields[columns.code] ?? '');
  const latText = fields[columns.lat]?.trim() ?? '';
  const lngText = fields[columns.lng]?.trim() ?? '';
  // Non-geographic districts (BF1, BX1, GIR) carry no centroid: expected, so not an error.
  if (latText === '' && lngText === '') return { status: 'skipped', reason: 'non-geographic district (no centroid)' };
  if (columns.activePostcodes !== undefined && fields[columns.activePostcodes]?.trim() === '0') {
    // Retired districts (AB1, BS12): a search there would land on a place with no live postcode.
    return { status: 'skipped', reason: 'retired district (no active postcodes)' };
  }
  if (!outward) return { status: 'invalid', reason: 'not a valid outward code' };
  const point = readPoint(fields, columns);
  if (typeof point === 'string') return { status: 'invalid', reason: point };
  return { status: 'ok', record: { outward, ...point } };
}
