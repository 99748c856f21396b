/**
 * Real HTML data tables for the portal's figures, in a box that scrolls sideways on a narrow
 * screen (a focusable, labelled region, so keyboard and screen reader users can scroll it too),
 * optionally with a button that saves the same rows as a CSV file.
 */
import { el, hiddenText } from '../dom.js';
import { type CsvValue, toCsv } from './csv.js';
import { saveFile } from './download-file.js';

export interface Column<Row> {
  heading: string;
  cell: (row: Row) => string | Node;
  /** Numbers line up on the right. */
  numeric?: boolean;
  /**
   * The cell in a downloaded CSV, where the cell on screen is not plain text (a link, a tag with
   * words only screen readers hear). Defaults to the cell's text.
   */
  csv?: (row: Row) => CsvValue;
  /** Only in the downloaded CSV (an id, coordinates): the table on screen stays narrow. */
  csvOnly?: boolean;
}

let nextTableId = 0;

export interface TableOptions<Row> {
  /** A last row of totals. */
  totals?: Row;
  /**
   * `scroll` (default): the table keeps its columns' widths and scrolls in a labelled region.
   * `wrap`: the columns share the width and long text wraps, for tables of words (a page may have
   * many of them, and landmarks must all have different names).
   */
  fit?: 'scroll' | 'wrap';
  /** Offers the table as a CSV file of this name, under it. */
  download?: string;
  /** The table row's `id`, for links to one row (an import's invalid rows). */
  rowId?: (row: Row) => string;
}

/** The column headings as a CSV's header: without the soft hyphens that let them break on a phone. */
const plainHeading = (heading: string): string => heading.replace(/\u00ad/g, '');

/** A cell's value in a CSV. */
function csvValue<Row>(column: Column<Row>, row: Row): CsvValue {
  if (column.csv) return column.csv(row);
  const cell = column.cell(row);
  return typeof cell === 'string' ? cell : (cell.textContent ?? '');
}

/** The table's rows (and totals) as CSV text, as the download button saves them. */
export function tableCsv<Row>(columns: readonly Column<Row>[], rows: readonly Row[], totals?: Row): string {
  const all = totals === undefined ? rows : [...rows, totals];
  return toCsv(
    columns.map((column) => plainHeading(column.heading)),
    all.map((row) => columns.map((column) => csvValue(column, row))),
  );
}

/** A table with a caption, a header row, one row per item and optional totals. */
export function dataTable<Row>(caption: string, allColumns: readonly Column<Row>[], rows: readonly Row[], { totals, fit = 'scroll', download, rowId }: TableOptions<Row> = {}): HTMLElement {
  const columns = allColumns.filter((column) => !column.csvOnly);
  const captionId = `table-caption-${nextTableId++}`;
  const cellClass = (column: Column<Row>) => (column.numeric ? 'app-table__number' : undefined);
  const rowOf = (row: Row, id?: string) =>
    el(
      'tr',
      id ? { id, tabindex: '-1' } : {},
      ...columns.map((column, index) =>
        index === 0 ? el('th', { scope: 'row', class: cellClass(column) }, column.cell(row)) : el('td', { class: cellClass(column) }, column.cell(row)),
      ),
    );
  const table = el(
    'table',
    { class: fit === 'wrap' ? 'app-table app-table--wrap' : 'app-table' },
    el('caption', { id: captionId }, caption),
    el('thead', {}, el('tr', {}, ...columns.map((column) => el('th', { scope: 'col', class: cellClass(column) }, column.heading)))),
    el('tbody', {}, ...rows.map((row) => rowOf(row, rowId?.(row)))),
    totals === undefined ? null : el('tfoot', {}, rowOf(totals)),
  );
  const shown = fit === 'wrap' ? table : el('div', { class: 'app-table-scroll', role: 'region', 'aria-labelledby': captionId, tabindex: '0' }, table);
  if (download === undefined) return shown;
  const button = el('button', { type: 'button', class: 'app-link-button', 'data-download-csv': download }, 'Download this table (CSV)', hiddenText(`: ${caption}`));
  button.addEventListener('click', () => saveFile(download, tableCsv(allColumns, rows, totals)));
  return el('div', { class: 'app-table-with-download' }, shown, el('p', { class: 'app-table-download' }, button));
}
