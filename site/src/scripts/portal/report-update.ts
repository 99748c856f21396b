/**
 * Sends what a report card asks (dealt with, with an optional note, or open again), checked first
 * with the contract's own schema so the messages are word for word the API's, and says in the
 * card what went wrong when it did not work. Shared by a listing's reports page and the area
 * dashboard's open reports.
 */
import { reportUpdateSchema, type ProblemReport } from '@contract/report.js';
import { el } from '../dom.js';
import { clearErrors, showErrors } from '../error-summary.js';
import { keepFormDraft } from './form-draft.js';
import { updateReport, type PortalResult } from './portal-api.js';
import type { ReportAction } from './report-card.js';
import { showSessionEnded } from './session-ended.js';

/** The name a report's unsent note is kept under while its author signs in again. */
export const reportDraftName = (reportId: string): string => `report:${reportId}`;

/**
 * Updates the report of `action` from its `card`: the report as it is now, or null when it was
 * not updated (the card or the error summary says why).
 */
export async function sendReportUpdate(card: HTMLElement, { report, status, note, noteId }: ReportAction): Promise<ProblemReport | null> {
  const form = card.querySelector<HTMLFormElement>('[data-report-form]');
  const problemSlot = form?.querySelector<HTMLElement>('[data-report-problem]');
  if (!form || !problemSlot) return null;
  problemSlot.hidden = true;
  const parsed = reportUpdateSchema.safeParse({ status, note });
  if (!parsed.success) {
    showErrors(parsed.error.issues.map((issue) => ({ message: issue.message, fieldId: noteId })));
    return null;
  }
  clearErrors();
  const result = await updateReport(report.outletId, report.id, { status, ...(parsed.data.note ? { note: parsed.data.note } : {}) });
  if (result.kind === 'ok') return result.data;
  if (result.kind === 'rejected' && result.body.issues.some((issue) => issue.path === 'note')) {
    showErrors(result.body.issues.map((issue) => ({ message: issue.message, fieldId: noteId })));
  } else if (result.kind === 'signed_out') {
    showSessionEnded(problemSlot, () => keepFormDraft(form, reportDraftName(report.id)), 'this report', 'has');
  } else {
    problemSlot.replaceChildren(el('p', {}, el('strong', {}, 'We could not update this report. '), updateProblemInWords(result)));
    problemSlot.hidden = false;
  }
  return null;
}

/** Why an update failed, for the answers that do not point at the note. */
function updateProblemInWords(result: Exclude<PortalResult<ProblemReport>, { kind: 'ok' | 'signed_out' }>): string {
  if (result.kind === 'forbidden') return 'You can see these reports, but only the listing’s own staff and its commissioner can change them.';
  if (result.kind === 'rejected') return result.body.message;
  if (result.kind === 'not_found') return 'This report does not exist any more.';
  return 'Your connection may have dropped, or the portal is not working right now. Try again.';
}
