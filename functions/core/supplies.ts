/**
 * Kits given out: which dates may be recorded, which range a read covers, and monthly totals from
 * daily ones. Pure.
 */
import {
  type ResupplyReason,
  type SuppliesQuery,
  type SupplyDay,
  type SupplyMonth,
  maxSupplyBackdateDays,
  maxSupplyRangeDays,
} from '../contract/supplies.js';
import { kitTypeSchema } from '../contract/outlet.js';
import { validationFailed } from '../shared/errors.js';
import { addDays, daysBetween, londonWallClock } from './london-time.js';

/** Throws `validation_failed` on the `date` field unless it is today or in the past year (London). */
export function checkSupplyDate(date: string, now: Date): void {
  const today = londonWallClock(now).date;
  if (date > today) throw validationFailed('There is a problem with the record', [{ path: 'date', message: 'The date cannot be in the future' }]);
  if (date < addDays(today, -maxSupplyBackdateDays)) {
    throw validationFailed('There is a problem with the record', [{ path: 'date', message: 'The date must be within the last year' }]);
  }
}

/** The dates a read covers: as asked, or from the first of the month 11 months ago to today. */
export function supplyRange(query: SuppliesQuery, now: Date): { from: string; to: string } {
  const today = londonWallClock(now).date;
  const to = query.to ?? today;
  const from = query.from ?? firstOfMonthMonthsBefore(to, 11);
  if (daysBetween(from, to) > maxSupplyRangeDays) {
    throw validationFailed('There is a problem with the dates', [{ path: 'from', message: 'Ask for two years or less at a time' }]);
  }
  return { from, to };
}

function firstOfMonthMonthsBefore(date: string, months: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 - months;
  const first = new Date(Date.UTC(year, month, 1));
  return first.toISOString().slice(0, 10);
}

/** Adds reason counts into a running total. */
function addReasons(total: Partial<Record<ResupplyReason, number>>, more: Partial<Record<ResupplyReason, number>>): void {
  for (const [reason, count] of Object.entries(more) as [ResupplyReason, number][]) total[reason] = (total[reason] ?? 0) + count;
}

/** Monthly totals per kit type from daily ones, oldest month first, kit types in the contract's order. */
export function totalsByMonth(days: readonly SupplyDay[]): SupplyMonth[] {
  const months = new Map<string, SupplyMonth>();
  for (const day of days) {
    const month = day.date.slice(0, 7);
    const key = `${month}#${day.kitType}`;
    const total = months.get(key) ?? { month, kitType: day.kitType, first: 0, resupply: 0, resupplyReasons: {} };
    total.first += day.first;
    total.resupply += day.resupply;
    addReasons(total.resupplyReasons, day.resupplyReasons);
    months.set(key, total);
  }
  const kitOrder = kitTypeSchema.options;
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month) || kitOrder.indexOf(a.kitType) - kitOrder.indexOf(b.kitType));
}
