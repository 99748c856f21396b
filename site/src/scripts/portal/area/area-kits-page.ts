/**
 * An area's kits given out (`[data-module="area-kits"]`): the last 12 months as a chart (its
 * caption says in a sentence what the bars show) and as tables with the same numbers (all kits by
 * month with a running total, each kit type by month, replacements by reason), set against the
 * commissioner's estimate of people who use opiates and Release's one kit per person. Every table
 * can be saved as CSV.
 */
// First, before any contract module builds a schema: the portal's CSP forbids zod's eval probe.
import '../../zod-without-eval.js';
import type { AreaSupplies } from '@contract/area-dashboard.js';
import { resupplyReasonLabels } from '@contract/supplies.js';
import { el, required, summaryRow } from '../../dom.js';
import { dataTable } from '../data-table.js';
import { csvFileName } from '../download-file.js';
import { monthInWords } from '../london-dates.js';
import { areaPageUrl } from '../portal-urls.js';
import { monthsTables, resupplyReasonCounts } from '../supply-tables.js';
import { getAreaSupplies } from './area-api.js';
import { openAreaPage } from './area-page.js';
import { kitsChart } from './kits-chart.js';
import { estimateInWords } from './estimate-form.js';
import { monthlyPace, monthTotals, type MonthTotal } from './supply-figures.js';

export async function enhanceAreaKitsPage(root: HTMLElement): Promise<void> {
  const opened = await openAreaPage(root, getAreaSupplies, { title: 'Kits given out' });
  if (!opened) return;
  const { context, data } = opened;
  const page = required<HTMLElement>(root, '[data-area]');
  required<HTMLElement>(page, '[data-kits-estimate]').replaceChildren(...estimateBlock(data, context.code));
  required<HTMLElement>(page, '[data-kits-chart-slot]').replaceChildren(kitsChart(data, context.name));
  required<HTMLElement>(page, '[data-kits-all]').replaceChildren(allKitsTable(data, context.name));
  required<HTMLElement>(page, '[data-kits-by-type]').replaceChildren(...monthsTables(data, (kit) => csvFileName(context.name, `${kit} kits by month`)));
  required<HTMLElement>(page, '[data-kits-reasons]').replaceChildren(reasonsTable(data, context.name));
  page.hidden = false;
}

/** The estimate the page measures against, and where to set it. */
function estimateBlock(supplies: AreaSupplies, code: string): HTMLElement[] {
  const setIt = el('a', { href: `${areaPageUrl('overview', code)}#estimate-heading` }, supplies.estimate ? 'Change the estimate' : 'Set the estimate');
  if (!supplies.estimate) return [el('p', { 'data-no-estimate': '' }, 'No estimate of people who use opiates has been set for this area, so there is no one-kit-per-person line. '), el('p', {}, setIt)];
  const estimate = supplies.estimate;
  return [
    el(
      'dl',
      { class: 'app-summary', 'data-estimate': '' },
      summaryRow('People who use opiates', estimateInWords(estimate)),
      summaryRow('Source', estimate.source),
      summaryRow('One kit per person', `${Math.ceil(monthlyPace(estimate.peopleUsingOpiates)).toLocaleString('en-GB')} kits a month, ${estimate.peopleUsingOpiates.toLocaleString('en-GB')} a year`),
    ),
    el('p', {}, setIt),
  ];
}

/** Every month, both kit types together, newest first, with a running total and the totals row. */
function allKitsTable(supplies: AreaSupplies, areaName: string): HTMLElement {
  type Row = MonthTotal & { label: string };
  const months = monthTotals(supplies);
  const rows: Row[] = months.map((month) => ({ ...month, label: monthInWords(month.month) })).reverse();
  const totals: Row = { month: '', label: 'Total', first: supplies.totals.first, resupply: supplies.totals.resupply, total: supplies.totals.kits, running: supplies.totals.kits };
  return dataTable<Row>(
    'Kits given out by month, both kit types',
    [
      { heading: 'Month', cell: (row) => row.label },
      { heading: 'First kits', cell: (row) => String(row.first), numeric: true },
      { heading: 'Replace\u00adments', cell: (row) => String(row.resupply), numeric: true },
      { heading: 'Total', cell: (row) => String(row.total), numeric: true },
      { heading: 'Running total', cell: (row) => String(row.running), numeric: true },
    ],
    rows,
    { totals, download: csvFileName(areaName, 'kits by month') },
  );
}

/** Replacements by why they were needed, most common first. */
function reasonsTable(supplies: AreaSupplies, areaName: string): HTMLElement {
  const counts = resupplyReasonCounts(supplies);
  if (counts.length === 0) return el('p', { 'data-no-reasons': '' }, 'No replacement kits were recorded in these months.');
  return dataTable<[string, number]>(
    'Replacement kits by why they were needed',
    [
      { heading: 'Reason', cell: ([reason]) => reason },
      { heading: 'Kits', cell: ([, count]) => String(count), csv: ([, count]) => count, numeric: true },
    ],
    counts.map(([reason, count]) => [resupplyReasonLabels[reason], count]),
    { download: csvFileName(areaName, 'replacement reasons') },
  );
}
