/**
 * Reading Open Referral HSDS 3.0 `service_at_location` objects into import candidates: the fields
 * any HSDS publisher fills (names, address, coordinates, phone, website, weekly schedules), and this
 * finder's own attributes when the file came from a finder (`core/hsds-service-at-location.ts`).
 * Pure.
 */
import * as z from 'zod';
import { type Outlet, type Weekday, kitTypeSchema, outletIdSchema, outletTypeSchema, supplyBasisSchema } from '../contract/outlet.js';
import { mentionsLunch } from './import-nhs-hours.js';
import type { ImportCandidate, RowProblem } from './outlet-import-sources.js';

const text = z.string().trim();

const hsdsItemSchema = z.object({
  id: text.min(1),
  service: z.object({
    name: text.optional(),
    url: text.optional().nullable(),
    organization: z.object({ name: text.min(1) }).optional(),
  }),
  location: z.object({
    name: text.optional().nullable(),
    latitude: z.number().min(49).max(61).optional().nullable(),
    longitude: z.number().min(-8.7).max(2).optional().nullable(),
    external_identifier: text.optional().nullable(),
    external_identifier_type: text.optional().nullable(),
    addresses: z
      .array(z.object({ address_1: text, address_2: text.optional().nullable(), city: text, postal_code: text }))
      .optional()
      .default([]),
    accessibility: z.array(z.object({ description: text.optional().nullable() })).optional().default([]),
    languages: z.array(z.object({ name: text.optional().nullable() })).optional().default([]),
  }),
  phones: z.array(z.object({ number: text })).optional().default([]),
  schedules: z
    .array(
      z.object({
        freq: text.optional().nullable(),
        byday: text.optional().nullable(),
        opens_at: text.optional().nullable(),
        closes_at: text.optional().nullable(),
        valid_from: text.optional().nullable(),
        description: text.optional().nullable(),
        notes: text.optional().nullable(),
      }),
    )
    .optional()
    .default([]),
  attributes: z.array(z.object({ value: text, taxonomy_term: z.object({ code: text }).optional() })).optional().default([]),
});

const weekdayOfByday: Record<string, Weekday> = { MO: 'monday', TU: 'tuesday', WE: 'wednesday', TH: 'thursday', FR: 'friday', SA: 'saturday', SU: 'sunday' };

/** The items of an HSDS file: a list, or a page with `contents`. */
function itemsOf(json: unknown): unknown[] | null {
  if (Array.isArray(json)) return json;
  const contents = (json as { contents?: unknown } | null)?.contents;
  return Array.isArray(contents) ? contents : null;
}

/** The candidates of an HSDS 3.0 JSON file; a file that is not JSON, or has no list, is one invalid row. */
export function readHsds(source: string): ImportCandidate[] {
  let items: unknown[] | null = null;
  try {
    items = itemsOf(JSON.parse(source));
  } catch {
    items = null;
  }
  if (!items) return [{ line: 1, externalId: null, fields: {}, postcode: null, problems: [{ field: 'file', message: 'Give a JSON list of HSDS service_at_location objects' }] }];
  return items.map((item, index) => hsdsCandidate(index + 1, item));
}

function hsdsCandidate(line: number, item: unknown): ImportCandidate {
  const parsed = hsdsItemSchema.safeParse(item);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(item)', message: issue.message }));
    return { line, externalId: null, fields: {}, postcode: null, problems };
  }
  const { id, service, location, phones, schedules, attributes } = parsed.data;
  const problems: RowProblem[] = [];
  const externalId = outletIdSchema.safeParse(id).success ? id : null;
  if (!externalId) problems.push({ field: 'id', message: 'The id must be 2 to 40 letters, digits, - or _ (a UUID is)' });
  const address = location.addresses[0];
  if (!address) problems.push({ field: 'location.addresses', message: 'Give the address' });
  const name = location.name || service.name;
  if (!name) problems.push({ field: 'location.name', message: 'Give the place’s name' });
  const attribute = (code: string) => attributes.filter((each) => each.taxonomy_term?.code === code).map((each) => each.value);
  const flag = (code: string) => attribute(code)[0];
  const odsCode = location.external_identifier_type === 'ODS code' && location.external_identifier ? location.external_identifier : null;
  const kits = attribute('kit_type').flatMap((value) => (kitTypeSchema.safeParse(value).success ? [value as Outlet['kitTypes'][number]] : []));
  const outletType = outletTypeSchema.safeParse(flag('outlet_type'));
  const supplyBasis = supplyBasisSchema.safeParse(flag('supply_basis'));
  const weekly = schedules.flatMap((schedule) => {
    const day = weekdayOfByday[schedule.byday ?? ''];
    if (schedule.freq !== 'WEEKLY' || schedule.valid_from || !day || !schedule.opens_at || !schedule.closes_at) return [];
    // HSDS writes midnight as 23:59; the finder says 24:00.
    return [{ byDay: day, opensAt: schedule.opens_at.slice(0, 5), closesAt: schedule.closes_at.slice(0, 5) === '23:59' ? '24:00' : schedule.closes_at.slice(0, 5) }];
  });
  // A lunch closure said only in a schedule's words would be lost with them: the report asks a person to check.
  const lunchNotes = [...new Set(schedules.flatMap((schedule) => [schedule.description, schedule.notes]).filter((words): words is string => !!words && mentionsLunch(words)))];
  const warnings = lunchNotes.map((words) => ({
    field: 'schedules.notes',
    message: `"${words}" mentions a lunch closure the opening times may not show: check them`,
  }));
  // Dated rows (one-off hours, closures) are not read back: say so rather than drop them unseen.
  const datedFrom = [...new Set(schedules.flatMap((schedule) => (schedule.valid_from ? [schedule.valid_from.slice(0, 10)] : [])))].sort();
  if (datedFrom.length > 0) {
    warnings.push({ field: 'schedules.valid_from', message: `Hours for particular dates (${datedFrom.join(', ')}) were not imported: add them as special dates` });
  }
  return {
    line,
    externalId,
    postcode: address?.postal_code.toUpperCase() ?? null,
    problems,
    warnings,
    fields: {
      ...(externalId ? { id: externalId } : {}),
      name: name ?? '',
      organisation: service.organization?.name ?? name ?? '',
      ...(outletType.success ? { outletType: outletType.data } : {}),
      ...(supplyBasis.success ? { supplyBasis: supplyBasis.data } : {}),
      ...(address ? { address: { lines: [address.address_1, address.address_2].filter((line): line is string => !!line), town: address.city, postcode: address.postal_code.toUpperCase() } } : {}),
      ...(location.latitude != null && location.longitude != null ? { location: { lat: location.latitude, lng: location.longitude } } : {}),
      phone: phones[0]?.number ?? null,
      website: service.url ?? null,
      hours: { weekly, exceptions: [], bankHolidays: (['closed', 'as_usual'] as const).find((value) => value === flag('bank_holidays')) ?? 'unknown' },
      ...(kits.length > 0 ? { kitTypes: kits } : {}),
      languages: location.languages.flatMap((language) => (language.name ? [language.name] : [])),
      accessibility: location.accessibility[0]?.description ?? null,
      odsCode,
      ...(flag('local_authority') ? { localAuthorityCode: flag('local_authority') } : {}),
    },
  };
}
