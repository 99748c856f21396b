/**
 * The area's kits given out, month by month over the range asked for (months with no kits
 * included, as zero), and the sentence that sums them up against the area's estimate of people
 * who use opiates. The chart and the tables read the same figures from here.
 */
import type { AreaSupplies } from '@contract/area-dashboard.js';
import { monthInWords } from '../london-dates.js';

/** One month's kits of every type. */
export interface MonthTotal {
  /** `YYYY-MM`. */
  month: string;
  first: number;
  resupply: number;
  total: number;
  /** Kits given out from the start of the range to the end of this month. */
  running: number;
}

/** Every month from `from`'s to `to`'s, `YYYY-MM`, oldest first. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const current = `${year}-${String(month).padStart(2, '0')}`;
    months.push(current);
    if (current >= last) return months;
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
}

/** The range's months, oldest first, with both kit types added up. */
export function monthTotals(supplies: Pick<AreaSupplies, 'from' | 'to' | 'months'>): MonthTotal[] {
  let running = 0;
  return monthsBetween(supplies.from, supplies.to).map((month) => {
    const rows = supplies.months.filter((row) => row.month === month);
    const first = rows.reduce((sum, row) => sum + row.first, 0);
    const resupply = rows.reduce((sum, row) => sum + row.resupply, 0);
    running += first + resupply;
    return { month, first, resupply, total: first + resupply, running };
  });
}

/** Kits a month that would reach one kit per person estimated in a year. */
export const monthlyPace = (peopleUsingOpiates: number): number => peopleUsingOpiates / 12;

const number = (value: number): string => value.toLocaleString('en-GB');
const kits = (count: number): string => `${number(count)} ${count === 1 ? 'kit' : 'kits'}`;

/** "0.4", "less than 0.1", "1.2": kits per person, as a person reads it. */
export function perPersonInWords(kitsPerPerson: number): string {
  if (kitsPerPerson > 0 && kitsPerPerson < 0.1) return 'less than 0.1';
  return kitsPerPerson.toLocaleString('en-GB', { maximumFractionDigits: 1 });
}

/**
 * The summary sentence: how many kits, first and replacements, from when to when, and against the
 * estimate where the area has one (Release recommends at least one kit per person).
 */
export function suppliesInWords(supplies: AreaSupplies, areaName: string): string {
  const months = monthsBetween(supplies.from, supplies.to);
  const range = `From ${monthInWords(months[0]!)} to ${monthInWords(months.at(-1)!)}`;
  const { first, resupply, kits: total } = supplies.totals;
  const given = `${range}, ${kits(total)} ${total === 1 ? 'was' : 'were'} given out in ${areaName}: ${number(first)} first ${first === 1 ? 'kit' : 'kits'} and ${number(resupply)} ${resupply === 1 ? 'replacement' : 'replacements'}.`;
  if (!supplies.estimate) {
    return `${given} There is no estimate of people who use opiates here yet, so the kits cannot be compared with Release’s recommendation of at least one kit per person.`;
  }
  const people = `${number(supplies.estimate.peopleUsingOpiates)} ${supplies.estimate.peopleUsingOpiates === 1 ? 'person' : 'people'}`;
  // From the totals, not the API's figure rounded to one place: 9 kits for 3,600 people is "less than 0.1", not "0".
  const perPerson = perPersonInWords(total / supplies.estimate.peopleUsingOpiates);
  const per = `That is ${perPerson} ${perPerson === '1' ? 'kit' : 'kits'} per person estimated to use opiates (${people}, ${supplies.estimate.year}).`;
  const against =
    total >= supplies.estimate.peopleUsingOpiates
      ? 'It meets Release’s recommendation of at least one kit per person.'
      : `Release recommends at least one kit per person: ${kits(supplies.estimate.peopleUsingOpiates - total)} short of one each.`;
  return `${given} ${per} ${against}`;
}
