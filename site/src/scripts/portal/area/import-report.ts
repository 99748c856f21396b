/**
 * An import's report in words and a table: how many rows are new, changed, unchanged and invalid,
 * then every row with what happens to it (the fields that change, or what is wrong, by column), and
 * what the file said that the listing cannot hold, for the commissioner to check.
 * Invalid rows carry ids, so the error summary can link straight to them.
 */
import type { ImportOutcome, ImportReport, ImportRowResult } from '@contract/outlet-import.js';
import { el } from '../../dom.js';
import { dataTable } from '../data-table.js';
import { csvFileName } from '../download-file.js';
import { listingPageUrl } from '../portal-urls.js';

const outcomeWords: Record<ImportOutcome, { label: string; tag: string }> = {
  new: { label: 'New', tag: 'app-tag--green' },
  changed: { label: 'Changed', tag: 'app-tag--yellow' },
  unchanged: { label: 'Unchanged', tag: 'app-tag--grey' },
  invalid: { label: 'Invalid', tag: 'app-tag--red' },
};

const rows = (count: number): string => `${count.toLocaleString('en-GB')} ${count === 1 ? 'row' : 'rows'}`;

/** "2 new, 1 changed, 5 unchanged, 1 invalid". */
export const countsInWords = (counts: ImportReport['counts']): string =>
  (['new', 'changed', 'unchanged', 'invalid'] as const).map((outcome) => `${(counts[outcome] ?? 0).toLocaleString('en-GB')} ${outcome}`).join(', ');

/** The number of rows an import would write: the new and changed ones. */
export const rowsToWrite = (report: ImportReport): number => (report.counts.new ?? 0) + (report.counts.changed ?? 0);

/** The id of an invalid row's table row, for the error summary's links. */
export const rowElementId = (row: Pick<ImportRowResult, 'line'>): string => `import-line-${row.line}`;

/** What happens to a row, in words: its changes, its problems, or nothing; then what to check. */
function detailsOf(row: ImportRowResult): string {
  if (row.outcome === 'invalid') return row.problems.map((problem) => `${problem.field}: ${problem.message}`).join('; ');
  const toCheck = row.warnings.length === 0 ? '' : `. Check: ${row.warnings.map((warning) => `${warning.field}: ${warning.message}`).join('; ')}`;
  return `${outcomeDetails(row)}${toCheck}`;
}

function outcomeDetails(row: ImportRowResult): string {
  if (row.outcome === 'changed') return row.changes.join('; ');
  if (row.outcome === 'new') return 'A new listing, not confirmed and with stock not known until the outlet confirms it';
  return 'Nothing to change';
}

/** The report's counts as a summary list. */
export function reportCounts(report: ImportReport): HTMLElement {
  return el(
    'ul',
    { class: 'app-list', 'data-import-counts': '' },
    ...(['new', 'changed', 'unchanged', 'invalid'] as const).map((outcome) => el('li', {}, `${outcomeWords[outcome].label}: ${rows(report.counts[outcome] ?? 0)}`)),
  );
}

/** Every row of the report, in file order, with a CSV of it. */
export function reportTable(report: ImportReport, fileName: string, areaName: string): HTMLElement {
  const applied = !report.dryRun;
  return dataTable<ImportRowResult>(
    applied ? `What the import did with each row of ${fileName}` : `What importing ${fileName} would do, row by row`,
    [
      { heading: 'Line', cell: (row) => String(row.line), csv: (row) => row.line, numeric: true },
      { heading: 'Id', cell: (row) => row.externalId ?? '' },
      {
        heading: 'Name',
        cell: (row) => (applied && row.outletId && row.outcome !== 'invalid' ? el('a', { href: listingPageUrl('overview', row.outletId) }, row.name ?? row.outletId) : (row.name ?? '')),
        csv: (row) => row.name,
      },
      {
        heading: 'Outcome',
        cell: (row) => el('strong', { class: `app-tag ${outcomeWords[row.outcome].tag}`, 'data-outcome': row.outcome }, outcomeWords[row.outcome].label),
        csv: (row) => outcomeWords[row.outcome].label,
      },
      { heading: 'Details', cell: detailsOf },
      { heading: 'Listing id', cell: (row) => row.outletId ?? '', csvOnly: true },
    ],
    report.rows,
    { fit: 'wrap', download: csvFileName(areaName, `${applied ? 'import' : 'import check'} ${fileName.replace(/\.[a-z]+$/i, '')}`), rowId: (row) => rowElementId(row) },
  );
}
