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

/** A table with a caption, a header row, one row per item and an optional totals row. */
export function dataTable<Row>(caption: string, columns: readonly Column<Row>[], rows: readonly Row[], totals?: Row): HTMLElement {
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
    { class: 'app-table' },
    el('caption', { id: captionId }, caption),
    el('thead', {}, el('tr', {}, ...columns.map((column) => el('th', { scope: 'col', class: cellClass(column) }, column.heading)))),
    el('tbody', {}, ...rows.map(rowOf)),
    totals === undefined ? null : el('tfoot', {}, rowOf(totals)),
  );
  return el('div', { class: 'app-table-scroll', role: 'region', 'aria-labelledby': captionId, tabindex: '0' }, table);
}
