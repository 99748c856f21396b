/**
 * What changed between two versions of a listing, field by field, in data and in words, for the
 * change history. Pure.
 *
 * Objects whose parts a person edits separately (opening hours, eligibility, stock) are compared
 * part by part (`hours.weekly`, `eligibility.walkIn`); everything else, lists included, as a whole.
 */
import type { FieldChange } from '../contract/portal-outlet.js';
import type { OpeningHours, Outlet, ScheduleException, WeeklyScheduleRow } from '../contract/outlet.js';
import { formatMinuteOfDay, londonWallClock } from './london-time.js';
import { dateLabel, describeWeeklyHours, sessionsText } from './opening-hours-text.js';

/** Fields compared part by part. */
const comparedByPart = new Set(['hours', 'eligibility', 'stock']);

/**
 * Fields that change with another and add nothing to the history on their own: the stock's time
 * goes with the stock line, and the count of "no kits" reports is cleared by a confirmation.
 */
const notRecorded = new Set(['stock.updatedAt', 'noKitsReports']);

const labels: Record<string, string> = {
  name: 'Name',
  organisation: 'Organisation',
  outletType: 'Type of place',
  supplyBasis: 'Legal basis of supply',
  address: 'Address',
  location: 'Place on the map',
  odsCode: 'ODS code',
  localAuthorityCode: 'Local authority',
  phone: 'Phone number',
  website: 'Website',
  'hours.weekly': 'Usual opening hours',
  'hours.exceptions': 'Dated changes to opening hours',
  'hours.bankHolidays': 'On bank holidays',
  'hours.unknownDays': 'Days with hours not known',
  kitTypes: 'Kit types',
  'eligibility.free': 'Free',
  'eligibility.noIdNeeded': 'No ID needed',
  'eligibility.walkIn': 'Walk in, no appointment',
  'eligibility.familyAndFriendsCanCollect': 'Family and friends can collect',
  'eligibility.minimumAge': 'Minimum age',
  languages: 'Languages spoken',
  accessibility: 'Access',
  contactEmail: 'Email for reminders (not shown to the public)',
  cabinetStatus: 'Cabinet',
  locationDescription: 'Where it is',
  registration: 'Listed from the registration',
  alert: 'Public alert',
  status: 'Status',
  reopensOn: 'Reopens on',
  'stock.status': 'Stock',
  assuredAt: 'Last confirmed',
};

const valueWords: Record<string, Record<string, string>> = {
  status: { active: 'Open as usual', temporarily_closed: 'Temporarily closed', inactive: 'Withdrawn' },
  'stock.status': { in_stock: 'In stock', running_low: 'Running low', out: 'Out of stock', unknown: 'Not known' },
  kitTypes: { nasal: 'Nasal spray (Nyxoid)', injectable: 'Injection (Prenoxad)' },
  'hours.bankHolidays': { closed: 'Closed', as_usual: 'Open as usual', unknown: 'Not known – call ahead' },
  cabinetStatus: { ready: 'Ready', used_awaiting_restock: 'Used – awaiting restock' },
};

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The changes from `before` to `after`, in the listing's field order. */
export function diffListing(before: Outlet, after: Outlet): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const key of Object.keys(after) as (keyof Outlet)[]) {
    const [from, to] = [before[key], after[key]];
    if (comparedByPart.has(key) && isPlainObject(from) && isPlainObject(to)) {
      const fromParts: Record<string, unknown> = from;
      const toParts: Record<string, unknown> = to;
      for (const part of new Set([...Object.keys(fromParts), ...Object.keys(toParts)])) {
        const field = `${key}.${part}`;
        if (!notRecorded.has(field) && !sameValue(fromParts[part], toParts[part])) changes.push(fieldChange(field, fromParts[part], toParts[part]));
      }
    } else if (!notRecorded.has(key) && !sameValue(from, to)) {
      changes.push(fieldChange(key, from, to));
    }
  }
  return changes;
}

/** One field's change, with its label and both values in words. */
export function fieldChange(field: string, from: unknown, to: unknown): FieldChange {
  return {
    field,
    label: labels[field] ?? field,
    from: from ?? null,
    to: to ?? null,
    fromText: valueText(field, from),
    toText: valueText(field, to),
  };
}

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/** A value in words, for the history page. */
export function valueText(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'Not given';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (field === 'hours.weekly') return weeklyText(value as WeeklyScheduleRow[]);
  if (field === 'hours.exceptions') return exceptionsText(value as ScheduleException[]);
  if (field === 'reopensOn' && typeof value === 'string') return dateLabel(value);
  if (field === 'assuredAt' && typeof value === 'string') {
    const instant = new Date(value);
    return `${dateTimeFormat.format(instant)} at ${formatMinuteOfDay(londonWallClock(instant).minuteOfDay)}`;
  }
  const words = valueWords[field];
  if (Array.isArray(value)) return value.length === 0 ? 'None' : value.map((item) => words?.[String(item)] ?? String(item)).join(', ');
  return words?.[String(value)] ?? String(value);
}

function weeklyText(rows: WeeklyScheduleRow[]): string {
  const hours: OpeningHours = { weekly: rows, exceptions: [], bankHolidays: 'unknown' };
  if (rows.length === 0) return 'Not known – call ahead';
  return describeWeeklyHours(hours)
    .map((row) => row.line)
    .join('; ');
}

function exceptionsText(exceptions: ScheduleException[]): string {
  if (exceptions.length === 0) return 'None';
  return [...exceptions]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((exception) => `${dateLabel(exception.date)}: ${exception.closed ? 'Closed' : sessionsText(exception.sessions)}`)
    .join('; ');
}
