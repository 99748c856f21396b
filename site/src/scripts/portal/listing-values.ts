/**
 * The listing fields the edit form changes, compared the way a person means them (the order of
 * rows, 24:00 or 00:00 for midnight, an empty note), and said in words for the success message and
 * the conflict warning.
 */
import { weekdays, type OpeningHours, type Outlet, type Session } from '@contract/outlet.js';
import { dateInWords, eligibilityHighlights, kitTypesInWords } from '../format.js';
import { listingStatusInWords } from './listing-words.js';

/** The fields the form edits, in the order the form shows them. */
export const editableFields = [
  'status',
  'reopensOn',
  'alert',
  'hours',
  'kitTypes',
  'eligibility',
  'phone',
  'website',
  'languages',
  'accessibility',
] as const satisfies readonly (keyof Outlet)[];
export type EditableField = (typeof editableFields)[number];

/** What the form holds: the listing's editable fields. */
export type ListingValues = Pick<Outlet, EditableField>;

/** The editable part of a listing. */
export function valuesOf(outlet: Outlet): ListingValues {
  const { status, reopensOn, alert, hours, kitTypes, eligibility, phone, website, languages, accessibility } = outlet;
  return { status, reopensOn, alert, hours, kitTypes, eligibility, phone, website, languages, accessibility };
}

const fieldLabels: Record<EditableField, string> = {
  status: 'Open or temporarily closed',
  reopensOn: 'Date you open again',
  alert: 'Public alert',
  hours: 'Opening hours',
  kitTypes: 'Kit types',
  eligibility: 'Who can get a kit',
  phone: 'Phone number',
  website: 'Website',
  languages: 'Languages spoken',
  accessibility: 'Access information',
};

/** "Opening hours", "Public alert". */
export const fieldLabel = (field: EditableField): string => fieldLabels[field];

const midnight = (time: string): string => (time === '24:00' ? '00:00' : time);
const bySession = (a: Session, b: Session): number => a.opensAt.localeCompare(b.opensAt) || a.closesAt.localeCompare(b.closesAt);

/** Hours as a person means them: each day open (with its sessions), closed or unknown, in a fixed order. */
function canonicalHours(hours: OpeningHours): unknown {
  const known = hours.weekly.length > 0 || (hours.unknownDays?.length ?? 0) > 0;
  const days = weekdays.map((day) => {
    if (!known || hours.unknownDays?.includes(day)) return 'unknown';
    const sessions = hours.weekly
      .filter((row) => row.byDay === day)
      .map((row) => ({ opensAt: row.opensAt, closesAt: midnight(row.closesAt) }))
      .sort(bySession);
    return sessions.length ? sessions : 'closed';
  });
  const exceptions = [...hours.exceptions]
    .map((exception) => ({
      date: exception.date,
      closed: exception.closed,
      sessions: exception.sessions.map((session) => ({ opensAt: session.opensAt, closesAt: midnight(session.closesAt) })).sort(bySession),
      note: exception.note?.trim() || null,
    }))
    .sort((a, b) => a.date.localeCompare(b.date));
  return { days, exceptions, bankHolidays: hours.bankHolidays };
}

function canonical(field: EditableField, values: ListingValues): string {
  const value = values[field];
  if (field === 'hours') return JSON.stringify(canonicalHours(values.hours));
  if (field === 'kitTypes' || field === 'languages') return JSON.stringify([...(value as string[])].sort());
  if (typeof value === 'string') return JSON.stringify(value.trim() || null);
  return JSON.stringify(value ?? null);
}

/** Whether two versions of the listing say the same about `field`. */
export const sameValue = (field: EditableField, a: ListingValues, b: ListingValues): boolean => canonical(field, a) === canonical(field, b);

/** The fields in which `after` differs from `before`, in the form's order. */
export function changedFields(before: ListingValues, after: ListingValues): EditableField[] {
  return editableFields.filter((field) => !sameValue(field, before, after));
}

/** The changed fields as the PATCH body: only those, each as the form has it. */
export function patchOf(values: ListingValues, fields: readonly EditableField[]): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const field of fields) patch[field] = values[field];
  return patch;
}

const sessionsText = (sessions: readonly Session[]): string =>
  sessions.map((session) => `${session.opensAt} to ${midnight(session.closesAt) === '00:00' ? 'midnight' : session.closesAt}`).join(' and ');

function hoursInWords(hours: OpeningHours): string {
  const parts: string[] = [];
  const canon = canonicalHours(hours) as { days: ('unknown' | 'closed' | Session[])[] };
  weekdays.forEach((day, index) => {
    const state = canon.days[index]!;
    const name = day.charAt(0).toUpperCase() + day.slice(1);
    parts.push(`${name}: ${state === 'unknown' ? 'not known' : state === 'closed' ? 'closed' : sessionsText(state)}`);
  });
  parts.push(`Bank holidays: ${{ closed: 'closed', as_usual: 'open as usual', unknown: 'not known' }[hours.bankHolidays]}`);
  for (const exception of [...hours.exceptions].sort((a, b) => a.date.localeCompare(b.date))) {
    const what = exception.closed ? 'closed' : sessionsText(exception.sessions);
    parts.push(`${dateInWords(exception.date)}: ${what}${exception.note ? ` (${exception.note})` : ''}`);
  }
  return parts.join('; ');
}

/** One field's value in words: "Monday: 09:00 to 17:00; …", "Temporarily closed", "None". */
export function valueInWords(field: EditableField, values: ListingValues): string {
  switch (field) {
    case 'status':
      return listingStatusInWords(values.status);
    case 'reopensOn':
      return values.reopensOn ? dateInWords(values.reopensOn) : 'None';
    case 'hours':
      return hoursInWords(values.hours);
    case 'kitTypes':
      return kitTypesInWords(values.kitTypes);
    case 'eligibility':
      return eligibilityHighlights(values.eligibility);
    case 'languages':
      return values.languages.length ? values.languages.join(', ') : 'None';
    default:
      return values[field]?.trim() || 'None';
  }
}
