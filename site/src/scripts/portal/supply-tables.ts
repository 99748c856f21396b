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

const kitTableNames: Record<KitType, string> = { nasal: 'Nasal spray (Nyxoid)', injectable: 'Injection (Prenoxad)' };

/**
 * The months, one table per kit type given out, newest month first, with a totals row: four
 * columns, so a table fits a phone's width.
 */
export function monthsTables(supplies: Pick<SuppliesResponse, 'from' | 'to' | 'months'>, download?: (kitName: string) => string): HTMLElement[] {
  if (supplies.months.length === 0) return [el('p', { 'data-no-kits': '' }, 'No kits recorded in the last 12 months.')];
  type Row = Totals & { label: string };
  const columns = [
    { heading: 'Month', cell: (row: Row) => row.label },
    { heading: 'First kits', cell: (row: Row) => String(row.first), numeric: true },
    // A soft hyphen lets the longest heading break on a narrow phone.
    { heading: 'Replace\u00adments', cell: (row: Row) => String(row.resupply), numeric: true },
    { heading: 'Total', cell: (row: Row) => total(row), numeric: true },
  ];
  const kits = [...new Set(supplies.months.map((month) => month.kitType))];
  return [
    el('p', {}, `From ${dateInWords(supplies.from)} to ${dateInWords(supplies.to)}.`),
    ...kits.map((kit) => {
      const rows = supplies.months.filter((month) => month.kitType === kit).reverse();
      const sum = rows.reduce<Row>((all, row) => ({ label: 'Total', first: all.first + row.first, resupply: all.resupply + row.resupply }), {
        label: 'Total',
        first: 0,
        resupply: 0,
      });
      return dataTable<Row>(
        `${kitTableNames[kit]} kits given out by month`,
        columns,
        rows.map((row) => ({ label: monthInWords(row.month), first: row.first, resupply: row.resupply })),
        { totals: sum, ...(download ? { download: download(kitTableNames[kit]) } : {}) },
      );
    }),
  ];
}

/** Replacements by why they were needed, over the whole range, most common first. */
export function resupplyReasonCounts(supplies: Pick<SuppliesResponse, 'months'>): [ResupplyReason, number][] {
  const counts = new Map<ResupplyReason, number>();
  for (const month of supplies.months) {
    for (const [reason, count] of Object.entries(month.resupplyReasons) as [ResupplyReason, number][]) counts.set(reason, (counts.get(reason) ?? 0) + count);
  }
  return [...counts].sort((a, b) => b[1] - a[1]);
}

/** Why people needed replacements, over the whole range, most common first. */
export function reasonsList(supplies: SuppliesResponse): HTMLElement {
  const counts = resupplyReasonCounts(supplies);
  if (counts.length === 0) return el('span', { hidden: '' });
  return el(
    'div',
    {},
    el('h3', {}, 'Why people needed a replacement'),
    el(
      'ul',
      { class: 'app-list', 'data-resupply-reasons': '' },
      ...counts.map(([reason, count]) => el('li', {}, `${resupplyReasonLabels[reason]}: ${count}`)),
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
      { heading: 'Day and kit', cell: (day) => `${dateInWords(day.date).replace(/^\w+ /, '')}, ${shortKitNames[day.kitType].toLowerCase()}` },
      { heading: 'First kits', cell: (day) => String(day.first), numeric: true },
      { heading: 'Replace\u00adments', cell: (day) => String(day.resupply), numeric: true },
    ],
    recent,
  );
}
