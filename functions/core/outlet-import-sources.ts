/**
 * Reading an import file into candidates: what each row says about a listing, with the problems
 * found in it, before anything is looked up or compared. Pure. One bad row is a row with problems,
 * never an error that stops the rest.
 */
import * as z from 'zod';
import { type ImportFormat, type TemplateColumn, templateColumns } from '../contract/outlet-import.js';
import {
  type Outlet,
  type Weekday,
  eligibilitySchema,
  kitTypeSchema,
  outletIdSchema,
  outletTypeSchema,
  supplyBasisSchema,
  weekdays,
} from '../contract/outlet.js';
import { validationFailed } from '../shared/errors.js';
import { readableCase, splitAddressParts } from './addresses.js';
import { parseCsv } from './csv.js';
import { importNhsHours, type NhsAlteration, type NhsHoursProblem } from './import-nhs-hours.js';
import { readHsds } from './outlet-import-hsds.js';

/** A problem with a row, by the column or field it is in. */
export interface RowProblem {
  field: string;
  message: string;
}

/** What one row says. `fields` are the listing fields the source gives: the rest are left as they are. */
export interface ImportCandidate {
  line: number;
  externalId: string | null;
  fields: Partial<Outlet>;
  /** Where to place it when the source gives no coordinates. */
  postcode: string | null;
  problems: RowProblem[];
  /** What the row says that the listing cannot hold, for a person to check; the row is still imported. */
  warnings?: RowProblem[];
}

const nhsColumns = {
  ods: 'pharmacy_ods_code_(f-code)',
  name: 'pharmacy_trading_name',
  organisation: 'organisation_name',
  postcode: 'post_code',
} as const;

/** Which format a file is in, from its first characters and header; throws `validation_failed` when it is none. */
export function detectFormat(text: string): ImportFormat {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('[') || start.startsWith('{')) return 'hsds';
  const header = (parseCsv(text)[0]?.fields ?? []).map((name) => name.trim().toLowerCase());
  if (header.includes(nhsColumns.ods)) return 'nhs_pharmacy_list';
  if (header.includes('external_id')) return 'finder_template';
  throw validationFailed('We could not tell what kind of file this is', [
    {
      path: 'file',
      message: 'Upload the NHS pharmacy list (CSV), the finder’s template (CSV with an external_id column) or HSDS 3.0 JSON',
    },
  ]);
}

/** The candidates of a file in a known format. */
export function readCandidates(text: string, format: ImportFormat): ImportCandidate[] {
  if (format === 'hsds') return readHsds(text);
  const [header, ...rows] = parseCsv(text);
  const names = (header?.fields ?? []).map((name) => name.trim().toLowerCase());
  const column = (row: string[], name: string): string => (row[names.indexOf(name)] ?? '').trim();
  return rows.map(({ line, fields }) => {
    const cell = (name: string) => (names.includes(name) ? column(fields, name) : '');
    return format === 'nhs_pharmacy_list' ? nhsRow(line, cell) : templateRow(line, cell);
  });
}

const idOf = (value: string, field: string, problems: RowProblem[]): string | null => {
  if (value === '') {
    problems.push({ field, message: 'Give the place’s id' });
    return null;
  }
  const parsed = outletIdSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  problems.push({ field, message: parsed.error.issues[0]?.message ?? 'Not a valid id' });
  return null;
};

/** Where a row's hours came from, by column, and what else it says about them. */
interface HoursColumns {
  dayColumn: (day: Weekday) => string;
  alterations?: NhsAlteration[];
  note?: string;
}

/**
 * A row's hours and what could not be imported of them, as warnings by column. No day given at all is
 * "not known" (call ahead), never "closed every day", and is no warning: many sources leave hours out.
 */
function hoursFrom(days: Partial<Record<Weekday, string>>, bankHolidays: Outlet['hours']['bankHolidays'], columns: HoursColumns): { hours: Outlet['hours']; warnings: RowProblem[] } {
  const given = Object.values(days).some((value) => value !== undefined && value !== '');
  const { hours, problems } = importNhsHours(days, { alterations: columns.alterations ?? [], note: columns.note ?? null });
  const fieldOf = (problem: NhsHoursProblem) =>
    problem.day !== null ? columns.dayColumn(problem.day) : problem.part === 'alteration' ? 'special_dates' : problem.part === 'note' ? 'hours_note' : 'hours';
  const warnings = problems
    .filter((problem) => given || problem.part === 'alteration' || problem.part === 'note')
    .map((problem) => ({
      field: fieldOf(problem),
      message: problem.part === 'day' ? `${problem.message}: that day reads "hours unknown – call ahead"` : problem.date ? `${problem.date}: ${problem.message}` : problem.message,
    }));
  if (!given) return { hours: { weekly: [], exceptions: hours.exceptions, bankHolidays }, warnings };
  return { hours: { ...hours, bankHolidays }, warnings };
}

/** The template's `special_dates`: `2026-12-25 CLOSED; 2026-12-28 10:00-16:00`. */
function alterationsOf(value: string, problems: RowProblem[]): NhsAlteration[] {
  return list(value).flatMap((entry) => {
    const match = /^(\S+)\s+(.+)$/.exec(entry);
    if (match) return [{ date: match[1] ?? '', value: match[2] ?? '' }];
    problems.push({ field: 'special_dates', message: `"${entry}" is not a date and hours, like 2026-12-25 CLOSED` });
    return [];
  });
}

function nhsRow(line: number, cell: (name: string) => string): ImportCandidate {
  const problems: RowProblem[] = [];
  const externalId = idOf(cell(nhsColumns.ods).toUpperCase(), 'PHARMACY_ODS_CODE_(F-CODE)', problems);
  const name = readableCase(cell(nhsColumns.name));
  if (!name) problems.push({ field: 'PHARMACY_TRADING_NAME', message: 'Give the pharmacy’s name' });
  const parts = [1, 2, 3, 4].map((n) => readableCase(cell(`address_field_${n}`)));
  const address = splitAddressParts(parts, '');
  const postcode = cell(nhsColumns.postcode).toUpperCase() || null;
  if (!postcode) problems.push({ field: 'POST_CODE', message: 'Give the postcode' });
  const days = Object.fromEntries(weekdays.map((day) => [day, cell(`pharmacy_opening_hours_${day}`)]));
  const { hours, warnings } = hoursFrom(days, 'unknown', { dayColumn: (day) => `PHARMACY_OPENING_HOURS_${day.toUpperCase()}` });
  return {
    line,
    externalId,
    postcode,
    problems,
    warnings,
    fields: {
      ...(externalId ? { id: externalId, odsCode: externalId } : {}),
      name,
      organisation: readableCase(cell(nhsColumns.organisation)) || name,
      outletType: 'pharmacy',
      supplyBasis: 'pharmacy',
      address: { lines: address.lines, town: address.town, postcode: postcode ?? '' },
      hours,
    },
  };
}

const yesNo = z
  .string()
  .transform((value) => value.toLowerCase())
  .pipe(z.enum(['yes', 'no', 'true', 'false', '1', '0', 'y', 'n'], { error: 'Write yes or no' }))
  .transform((value) => ['yes', 'true', '1', 'y'].includes(value));

const list = (value: string) =>
  value
    .split(';')
    .map((item) => item.trim())
    .filter(Boolean);

/** Reads one template column with a schema, recording a problem under the column's name. */
function readColumn<S extends z.core.$ZodType>(cell: (name: string) => string, name: TemplateColumn, schema: S, problems: RowProblem[]): z.output<S> | undefined {
  const value = cell(name);
  if (value === '') return undefined;
  const parsed = z.safeParse(schema, value);
  if (parsed.success) return parsed.data;
  problems.push({ field: name, message: parsed.error.issues[0]?.message ?? `Check ${name}` });
  return undefined;
}

function templateRow(line: number, cell: (name: string) => string): ImportCandidate {
  const problems: RowProblem[] = [];
  const externalId = idOf(cell('external_id'), 'external_id', problems);
  for (const required of ['name', 'address_1', 'town', 'postcode'] as const) {
    if (cell(required) === '') problems.push({ field: required, message: `Give the ${required.replace('_', ' ')}` });
  }
  const latitude = readColumn(cell, 'latitude', z.coerce.number({ error: 'Write a number' }).min(49).max(61), problems);
  const longitude = readColumn(cell, 'longitude', z.coerce.number({ error: 'Write a number' }).min(-8.7).max(2), problems);
  if ((latitude === undefined) !== (longitude === undefined)) problems.push({ field: 'latitude', message: 'Give both latitude and longitude, or neither' });
  const days = Object.fromEntries(weekdays.map((day) => [day, cell(day)]));
  const kits = readColumn(cell, 'kit_types', z.string().transform(list).pipe(z.array(kitTypeSchema, { error: 'Write nasal, injectable or nasal;injectable' })), problems);
  const flag = (name: TemplateColumn, fallback: boolean) => readColumn(cell, name, yesNo, problems) ?? fallback;
  const eligibility = eligibilitySchema.parse({
    free: flag('free', true),
    noIdNeeded: flag('no_id_needed', false),
    walkIn: flag('walk_in', false),
    familyAndFriendsCanCollect: flag('family_and_friends_can_collect', false),
    minimumAge: readColumn(cell, 'minimum_age', z.coerce.number({ error: 'Write a whole number' }).int('Write a whole number').min(0).max(25), problems) ?? null,
  });
  const name = cell('name');
  const warnings: RowProblem[] = [];
  const bankHolidays = readColumn(cell, 'bank_holidays', z.enum(['closed', 'as_usual', 'unknown'], { error: 'Write closed, as_usual or unknown' }), problems) ?? 'unknown';
  const read = hoursFrom(days, bankHolidays, { dayColumn: (day) => day, alterations: alterationsOf(cell('special_dates'), warnings), note: cell('hours_note') });
  warnings.push(...read.warnings);
  return {
    line,
    externalId,
    postcode: cell('postcode').toUpperCase() || null,
    problems,
    warnings,
    fields: {
      ...(externalId ? { id: externalId } : {}),
      name,
      organisation: cell('organisation') || name,
      outletType: readColumn(cell, 'outlet_type', outletTypeSchema, problems) ?? 'drug_service',
      supplyBasis: readColumn(cell, 'supply_basis', supplyBasisSchema, problems) ?? 'drug_treatment_service',
      address: { lines: ['address_1', 'address_2', 'address_3'].map(cell).filter(Boolean), town: cell('town'), postcode: cell('postcode').toUpperCase() },
      ...(latitude !== undefined && longitude !== undefined ? { location: { lat: latitude, lng: longitude } } : {}),
      phone: cell('phone') || null,
      website: cell('website') || null,
      hours: read.hours,
      ...(kits ? { kitTypes: [...new Set(kits)] } : {}),
      eligibility,
      languages: list(cell('languages')),
      accessibility: cell('accessibility') || null,
      ...(cell('local_authority') ? { localAuthorityCode: cell('local_authority').toUpperCase() } : {}),
      odsCode: cell('ods_code').toUpperCase() || null,
      contactEmail: cell('contact_email') || null,
    },
  };
}

/** The template's header row, in order. */
export const templateHeader = Object.keys(templateColumns) as TemplateColumn[];
