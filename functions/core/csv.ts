/**
 * CSV (RFC 4180) read and written: quoted fields may hold commas, doubled quotes and line breaks.
 * Pure, for text already in memory (an upload, a built file); `scripts/postcode-csv.ts` streams
 * very large files line by line with the same line parser.
 */

/** Splits one CSV record that holds no line breaks inside quotes; quoted fields may hold commas and doubled quotes. */
export function parseCsvLine(line: string): string[] {
  // Most lines hold no quotes at all: split them the fast way.
  if (!line.includes('"')) return line.split(',');
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

/** True while a text ends inside a quoted field, so the record goes on on the next line. */
export const endsInsideQuotes = (text: string): boolean => (text.split('"').length - 1) % 2 === 1;

/** One record and the line of the file it starts on (1 is the header). */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** The records of a CSV text, header first; blank lines are skipped and a byte-order mark dropped. */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let pending = '';
  let startLine = 0;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (pending === '') startLine = index + 1;
    pending = pending === '' ? line : `${pending}\n${line}`;
    if (endsInsideQuotes(pending)) continue;
    if (pending.trim() !== '') rows.push({ line: startLine, fields: parseCsvLine(pending) });
    pending = '';
  }
  if (pending.trim() !== '') rows.push({ line: startLine, fields: parseCsvLine(pending) });
  return rows;
}

/** One field as CSV writes it: quoted when it holds a comma, a quote or a line break. */
export const csvField = (value: string | number | boolean | null | undefined): string => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** A CSV text from a header and rows, lines ended with CRLF as RFC 4180 says. */
export const toCsv = (header: readonly string[], rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string =>
  [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
