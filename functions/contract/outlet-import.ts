/**
 * Bulk import of listings: the formats read, the finder's own CSV template, and the report a dry
 * run or an import gives, row by row. `npm run import:outlets` and the commissioner's upload share
 * the core that makes it (`core/outlet-import-*.ts`).
 */
import * as z from 'zod';

/**
 * - `nhs_pharmacy_list`: NHS Business Services Authority's Consolidated Pharmaceutical List CSV
 *   (`PHARMACY_ODS_CODE_(F-CODE)`, `PHARMACY_TRADING_NAME`, `ORGANISATION_NAME`, `ADDRESS_FIELD_1`…`4`,
 *   `POST_CODE`, `PHARMACY_OPENING_HOURS_MONDAY`…`SUNDAY`); the ODS code is the external id.
 * - `finder_template`: the finder's own CSV ({@link templateColumns}); `external_id` is the id.
 * - `hsds`: Open Referral HSDS 3.0 JSON, an array (or `{ contents: [...] }` page) of
 *   `service_at_location` objects; the `service_at_location` id is the external id.
 */
export const importFormatSchema = z.enum(['nhs_pharmacy_list', 'finder_template', 'hsds']);
export type ImportFormat = z.infer<typeof importFormatSchema>;

/**
 * The finder's CSV template, one column each, in this order (header names are read in any case and
 * order). Lists are separated with `;`. Yes/no columns take `yes`/`no` (or `true`/`false`, `1`/`0`).
 */
export const templateColumns = {
  external_id: 'Required. Your id for the place, 2 to 40 letters, digits, - or _ (an ODS code if it has one). The same id updates the same listing.',
  name: 'Required. The name people see, e.g. "Hulme Drug and Alcohol Service".',
  organisation: 'The organisation that runs it (default: the name).',
  outlet_type: 'One of: pharmacy, drug_service, health_service, police, prison, probation, youth_justice, armed_forces, hostel_or_day_centre, outreach, emergency_box.',
  supply_basis: 'The regulation 237A group: drug_treatment_service, pharmacy, nurse_midwife_paramedic, police, prison, probation, youth_justice, armed_forces, or emergency_box.',
  address_1: 'Required. First line of the address.',
  address_2: 'Second line.',
  address_3: 'Third line.',
  town: 'Required. Town or city.',
  postcode: 'Required. Full postcode; it places the listing on the map unless latitude and longitude are given.',
  latitude: 'Optional, with longitude: WGS84 decimal degrees.',
  longitude: 'Optional, with latitude.',
  phone: 'Phone number for the public.',
  website: 'Website, starting https://.',
  monday: 'Opening hours, NHS style: 09:00-13:00,14:00-17:30 or CLOSED; empty means not known. Likewise tuesday … sunday.',
  tuesday: '',
  wednesday: '',
  thursday: '',
  friday: '',
  saturday: '',
  sunday: '',
  bank_holidays: 'closed, as_usual or unknown (default unknown).',
  special_dates: 'Dates with other hours, such as bank holidays, separated by ;: 2026-12-25 CLOSED; 2026-12-28 10:00-16:00. They come before the usual hours and the bank_holidays rule.',
  hours_note: 'Anything about the hours said in words. Not published: read for a lunch closure the day columns do not show, which the report then asks you to check.',
  kit_types: 'nasal;injectable, one or both; empty means not known.',
  free: 'yes or no (default yes).',
  no_id_needed: 'yes or no (default no: "may ask for ID" until the place says otherwise).',
  walk_in: 'yes or no (default no).',
  family_and_friends_can_collect: 'yes or no (default no).',
  minimum_age: 'A whole number, or empty.',
  languages: 'Languages spoken, separated by ;.',
  accessibility: 'Access information, up to 500 characters.',
  local_authority: 'ONS code, e.g. E08000003; found from the postcode when empty.',
  ods_code: 'The NHS ODS code, if it has one.',
  contact_email: 'Private: where reminders to keep the listing true go. Never published.',
} as const;
export type TemplateColumn = keyof typeof templateColumns;

export const importOutcomeSchema = z.enum(['new', 'changed', 'unchanged', 'invalid']);
export type ImportOutcome = z.infer<typeof importOutcomeSchema>;

/** What the import does, or would do, with one row. */
export const importRowResultSchema = z.object({
  /** The row's line in a CSV file (the header is line 1), or its position in an HSDS list (from 1). */
  line: z.number().int().positive(),
  externalId: z.string().nullable(),
  /** The listing the row is, or would become. */
  outletId: z.string().nullable(),
  name: z.string().nullable(),
  outcome: importOutcomeSchema,
  /** For `changed`: the fields that change, in words. */
  changes: z.array(z.string()),
  /** For `invalid`: what is wrong, by column or field. */
  problems: z.array(z.object({ field: z.string(), message: z.string() })),
  /**
   * What the source said that the listing cannot hold (a day's hours that could not be read, a lunch
   * closure in words, dates that were left out), by column or field: the row is still imported, with
   * "hours unknown" where it could not be read, and a person should check these.
   */
  warnings: z.array(z.object({ field: z.string(), message: z.string() })),
});
export type ImportRowResult = z.infer<typeof importRowResultSchema>;

export const importReportSchema = z.object({
  format: importFormatSchema,
  dryRun: z.boolean(),
  counts: z.record(importOutcomeSchema, z.number().int().nonnegative()),
  rows: z.array(importRowResultSchema),
});
export type ImportReport = z.infer<typeof importReportSchema>;
