/**
 * Where each issue about a listing edit belongs on the edit form. Issues name fields by their path
 * in the PATCH body (`reopensOn`, `eligibility.minimumAge`, `hours.weekly.3.opensAt`,
 * `hours.exceptions.0.sessions.1.closesAt`), whether the API sent them or the contract's schema
 * found them on the device; rows are found by their position in the body that was (or would be) sent.
 */
import type { FieldIssue } from '@contract/error.js';
import type { PageError } from '../error-summary.js';
import { type HoursFieldIds, hoursFieldId } from '../hours-editor.js';

/** Fields whose input has the field's own name as its id. */
const sameId = new Set(['status', 'reopensOn', 'alert', 'phone', 'website', 'languages', 'accessibility', 'kitTypes']);

/** The first question of the form: where an issue that names no field on it is shown. */
export const firstFieldId = 'status';

/** The id of the input an issue at `path` is about. */
export function fieldIdForPath(path: string, hoursIds: HoursFieldIds): string {
  const parts = path.split('.');
  const [field = '', part] = parts;
  if (sameId.has(field)) return field;
  if (field === 'eligibility') return part === 'minimumAge' || !part ? 'eligibility-minimumAge' : `eligibility-${part}`;
  if (field === 'hours') return hoursFieldId(parts.slice(1), hoursIds);
  return firstFieldId;
}

/** The page errors for a list of issues, each linked to its input. */
export const pageErrorsFor = (issues: readonly FieldIssue[], hoursIds: HoursFieldIds): PageError[] =>
  issues.map((issue) => ({ message: issue.message, fieldId: fieldIdForPath(issue.path, hoursIds) }));
