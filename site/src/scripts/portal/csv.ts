/**
 * CSV as RFC 4180 writes it (fields with a comma, a quote or a line break quoted, quotes doubled,
 * lines ended with CRLF), for the tables a person downloads and the import template.
 *
 * The site cannot import `functions/core/csv.ts` (its TypeScript project and bundles reach the
 * contract only), so this is the site's own small writer. One thing it adds: a text cell that
 * starts like a spreadsheet formula (`=`, `+`, `-`, `@`) gets a leading `'`, because listing names
 * come from imports and staff, and a name typed as `=HYPERLINK(…)` must open as text, not run.
 */

export type CsvValue = string | number | boolean | null | undefined;

const formulaStart = /^[=+\-@\t\r]/;
const plainNumber = /^-?\d+(\.\d+)?$/;

/** One field as CSV writes it. */
export function csvField(value: CsvValue): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && formulaStart.test(text) && !plainNumber.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV text from a header and rows. */
export const toCsv = (header: readonly string[], rows: readonly (readonly CsvValue[])[]): string =>
  [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
