/**
 * The finder's CSV template for imports (`/portal/area/listing-template.csv`): its header row, built
 * at build time from the contract's columns, so the file and the import always agree.
 */
import { templateColumns } from '@contract/outlet-import.js';
import { toCsv } from '../../../scripts/portal/csv.js';

export function GET(): Response {
  return new Response(toCsv(Object.keys(templateColumns), []), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
}
