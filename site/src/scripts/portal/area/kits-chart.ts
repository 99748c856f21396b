/**
 * Kits given out as a bar chart made of HTML and CSS: one row a month (a phone's width holds
 * twelve rows far better than twelve columns), each bar split into first kits (solid) and
 * replacements (striped), so the two read apart without colour. A dashed line marks the monthly
 * pace that would give one kit to each person estimated to use opiates in a year, and a last row
 * sets the whole range against the estimate itself.
 *
 * The bars are hidden from screen readers: the figure's caption sums them up in a sentence, and the
 * table after the chart holds the same numbers. Widths are set through the CSSOM, not written
 * into markup as style attributes.
 */
import type { AreaSupplies } from '@contract/area-dashboard.js';
import { el } from '../../dom.js';
import { monthInWords } from '../london-dates.js';
import { monthlyPace, monthTotals, suppliesInWords } from './supply-figures.js';

const shortMonth = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthLabel = (month: string): string => shortMonth.format(new Date(`${month}-01T12:00:00Z`));

/** A span of the given width, as a share of the chart's scale. */
function bar(className: string, value: number, scale: number): HTMLElement {
  const span = el('span', { class: className });
  span.style.width = `${scale > 0 ? (100 * value) / scale : 0}%`;
  return span;
}

/** A dashed line across a row at `value` on the scale. */
function line(value: number, scale: number): HTMLElement {
  const span = el('span', { class: 'app-chart__line' });
  span.style.left = `${Math.min(100, (100 * value) / scale)}%`;
  return span;
}

/** The chart, its caption and its key. */
export function kitsChart(supplies: AreaSupplies, areaName: string): HTMLElement {
  const months = monthTotals(supplies);
  const pace = supplies.estimate ? monthlyPace(supplies.estimate.peopleUsingOpiates) : null;
  const scale = Math.max(1, ...months.map((month) => month.total), pace ?? 0) * 1.05;
  const captionId = 'kits-chart-caption';

  const rows = months.map((month) =>
    el(
      'div',
      { class: 'app-chart__row', 'data-chart-month': month.month },
      el('span', { class: 'app-chart__label' }, monthLabel(month.month)),
      el(
        'span',
        { class: 'app-chart__track' },
        bar('app-chart__bar app-chart__bar--first', month.first, scale),
        bar('app-chart__bar app-chart__bar--resupply', month.resupply, scale),
        pace === null ? null : line(pace, scale),
      ),
      el('span', { class: 'app-chart__value' }, month.total.toLocaleString('en-GB')),
    ),
  );

  const estimate = supplies.estimate;
  const whole = estimate
    ? el(
        'div',
        { class: 'app-chart__whole' },
        el('p', { class: 'app-chart__whole-label' }, `All ${months.length} months against the estimate of ${estimate.peopleUsingOpiates.toLocaleString('en-GB')} people`),
        el(
          'div',
          { class: 'app-chart__row' },
          el(
            'span',
            { class: 'app-chart__track app-chart__track--whole' },
            bar('app-chart__bar app-chart__bar--first', supplies.totals.first, Math.max(estimate.peopleUsingOpiates, supplies.totals.kits)),
            bar('app-chart__bar app-chart__bar--resupply', supplies.totals.resupply, Math.max(estimate.peopleUsingOpiates, supplies.totals.kits)),
            line(estimate.peopleUsingOpiates, Math.max(estimate.peopleUsingOpiates, supplies.totals.kits)),
          ),
          el('span', { class: 'app-chart__value' }, supplies.totals.kits.toLocaleString('en-GB')),
        ),
      )
    : null;

  return el(
    'figure',
    { class: 'app-chart', 'aria-labelledby': captionId, 'data-kits-chart': '' },
    el('figcaption', { id: captionId, class: 'app-chart__caption', 'data-kits-summary': '' }, suppliesInWords(supplies, areaName)),
    el('div', { class: 'app-chart__bars', 'aria-hidden': 'true' }, ...rows, whole),
    el(
      'ul',
      { class: 'app-chart__key' },
      el('li', {}, el('span', { class: 'app-chart__swatch app-chart__bar--first', 'aria-hidden': 'true' }), 'First kits (solid)'),
      el('li', {}, el('span', { class: 'app-chart__swatch app-chart__bar--resupply', 'aria-hidden': 'true' }), 'Replacements (striped)'),
      pace === null
        ? null
        : el(
            'li',
            {},
            el('span', { class: 'app-chart__swatch app-chart__swatch--line', 'aria-hidden': 'true' }),
            `Dashed line: one kit per person in a year, ${Math.ceil(pace).toLocaleString('en-GB')} a month; on the last bar, the estimate itself`,
          ),
    ),
    el('p', { class: 'app-hint' }, `The table below has the same numbers, from ${monthInWords(months[0]!.month)} to ${monthInWords(months.at(-1)!.month)}.`),
  );
}
