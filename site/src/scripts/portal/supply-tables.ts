/**
 * Kits given out in tables: totals by month (first kits and replacements, per kit type) and the
 * recent days, and why people needed replacements.
 */
import type { ResupplyReason, SuppliesResponse, SupplyDay, SupplyMonth } from '@contract/supplies.js';
import { resupplyReasonLabels } from '@contract/supplies.js';
import type { KitType } from '@contract/outlet.js';
import { el } from '../dom.js';
import { dateInWords } from '../format.js';
import { dataTable } from './data-table.js';
import { monthInWords } from './london-dates.js';

const shortKitNames: Record<KitType, string> = { nasal: 'Nasal spray', injectable: 'Injection' };

/** How many recent days to list. */
export const recentDaysShown = 14;

type Totals = Pick<SupplyMonth, 'first' | 'resupply'>;
const total = (row: Totals): string => String(row.first + row.resupply);

/** The months table, newest month first, with a totals row. */
export function monthsTable(supplies: SuppliesResponse): HTMLElement {
  if (supplies.months.length === 0) return el('p', { 'data-no-kits': '' }, 'No kits recorded in the last 12 months.');
  const rows = [...supplies.months].reverse();
  const sum = rows.reduce<Totals & { label: string }>((all, row) => ({ label: 'Total', first: all.first + row.first, resupply: all.resupply + row.resupply }), {
    label: 'Total',
    first: 0,
    resupply: 0,
  });
  type Row = Totals & { label: string; kit: string };
  const columns = [
    { heading: 'Month', cell: (row: Row) => row.label },
    { heading: 'Kit', cell: (row: Row) => row.kit },
    { heading: 'First kits', cell: (row: Row) => String(row.first), numeric: true },
    { heading: 'Replacements', cell: (row: Row) => String(row.resupply), numeric: true },
    { heading: 'Total', cell: (row: Row) => total(row), numeric: true },
  ];
  return dataTable<Row>(
    `Kits given out by month, from ${dateInWords(supplies.from)} to ${dateInWords(supplies.to)}`,
    columns,
    rows.map((row) => ({ label: monthInWords(row.month), kit: shortKitNames[row.kitType], first: row.first, resupply: row.resupply })),
    { ...sum, kit: '' },
  );
}

/** Why people needed replacements, over the whole range, most common first. */
export function reasonsList(supplies: SuppliesResponse): HTMLElement {
  const counts = new Map<ResupplyReason, number>();
  for (const month of supplies.months) {
    for (const [reason, count] of Object.entries(month.resupplyReasons) as [ResupplyReason, number][]) counts.set(reason, (counts.get(reason) ?? 0) + count);
  }
  if (counts.size === 0) return el('span', { hidden: '' });
  return el(
    'div',
    {},
    el('h3', {}, 'Why people needed a replacement'),
    el(
      'ul',
      { class: 'app-list', 'data-resupply-reasons': '' },
      ...[...counts].sort((a, b) => b[1] - a[1]).map(([reason, count]) => el('li', {}, `${resupplyReasonLabels[reason]}: ${count}`)),
    ),
  );
}

/** The most recent days with kits given out, newest first. */
export function daysTable(days: readonly SupplyDay[]): HTMLElement {
  if (days.length === 0) return el('p', {}, 'No kits recorded yet.');
  const recent = [...days].sort((a, b) => b.date.localeCompare(a.date)).slice(0, recentDaysShown);
  return dataTable<SupplyDay>(
    'The most recent days with kits given out',
    [
      { heading: 'Date', cell: (day) => dateInWords(day.date) },
      { heading: 'Kit', cell: (day) => shortKitNames[day.kitType] },
      { heading: 'First kits', cell: (day) => String(day.first), numeric: true },
      { heading: 'Replacements', cell: (day) => String(day.resupply), numeric: true },
    ],
    recent,
  );
}
