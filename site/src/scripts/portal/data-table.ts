/**
 * Real HTML data tables for the portal's figures, in a box that scrolls sideways on a narrow
 * screen (a focusable, labelled region, so keyboard and screen reader users can scroll it too).
 */
import { el } from '../dom.js';

export interface Column<Row> {
  heading: string;
  cell: (row: Row) => string | Node;
  /** Numbers line up on the right. */
  numeric?: boolean;
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
}

/** A table with a caption, a header row, one row per item and optional totals. */
export function dataTable<Row>(caption: string, columns: readonly Column<Row>[], rows: readonly Row[], { totals, fit = 'scroll' }: TableOptions<Row> = {}): HTMLElement {
  const captionId = `table-caption-${nextTableId++}`;
  const cellClass = (column: Column<Row>) => (column.numeric ? 'app-table__number' : undefined);
  const rowOf = (row: Row) =>
    el(
      'tr',
      {},
      ...columns.map((column, index) =>
        index === 0 ? el('th', { scope: 'row', class: cellClass(column) }, column.cell(row)) : el('td', { class: cellClass(column) }, column.cell(row)),
      ),
    );
  const table = el(
    'table',
    { class: fit === 'wrap' ? 'app-table app-table--wrap' : 'app-table' },
    el('caption', { id: captionId }, caption),
    el('thead', {}, el('tr', {}, ...columns.map((column) => el('th', { scope: 'col', class: cellClass(column) }, column.heading)))),
    el('tbody', {}, ...rows.map(rowOf)),
    totals === undefined ? null : el('tfoot', {}, rowOf(totals)),
  );
  if (fit === 'wrap') return table;
  return el('div', { class: 'app-table-scroll', role: 'region', 'aria-labelledby': captionId, tabindex: '0' }, table);
}
