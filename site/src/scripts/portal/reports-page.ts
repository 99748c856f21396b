/**
 * Problems the public reported (`[data-module="portal-reports"]`): newest first, each marked dealt
 * with (with an optional note, checked with the contract's own schema) or reopened in place.
 */
// First, before any contract module builds a schema: the portal's CSP forbids zod's eval probe.
import '../zod-without-eval.js';
import type { PortalOutlet } from '@contract/portal-outlet.js';
import { reportUpdateSchema, type OutletReportsResponse, type ProblemReport } from '@contract/report.js';
import { el, required } from '../dom.js';
import { clearErrors, showErrors } from '../error-summary.js';
import { keepFormDraft, restoreFormDraft } from './form-draft.js';
import { openListingPage, withListing, readOnlyNotice } from './listing-page.js';
import { getListing, listReports, updateReport, type PortalResult } from './portal-api.js';
import { portalTitle } from './portal-title.js';
import { listingPageUrl } from './portal-urls.js';
import { type ReportAction, reportCard } from './report-card.js';
import { showSessionEnded } from './session-ended.js';

const openCountInWords = (open: number, total: number): string =>
  total === 0 ? 'Nobody has reported a problem with this listing.' : open === 0 ? 'No open reports.' : `${open} open ${open === 1 ? 'report' : 'reports'}`;

export async function enhanceReportsPage(root: HTMLElement): Promise<void> {
  const opened = await openListingPage(root, withListing(listReports));
  if (!opened) return;
  const { context, data } = opened;
  const page = required<HTMLElement>(root, '[data-reports]');
  const list = required<HTMLElement>(page, '[data-reports-list]');
  const count = required<HTMLElement>(page, '[data-reports-count]');
  required<HTMLElement>(page, '[data-listing-name]').textContent = data.listing.outlet.name;
  required<HTMLAnchorElement>(page, '[data-overview-link]').href = listingPageUrl('overview', context.id);
  document.title = portalTitle('Problems reported by the public');
  if (!context.canWrite && data.records.reports.length > 0) {
    const slot = required<HTMLElement>(page, '[data-read-only-slot]');
    slot.replaceChildren(readOnlyNotice());
    slot.hidden = false;
  }

  const reports = [...data.records.reports];
  const showCount = () => (count.textContent = openCountInWords(reports.filter((report) => report.status === 'open').length, reports.length));
  const cards = new Map<string, HTMLElement>();
  const card = (report: ProblemReport) => {
    const made = reportCard(report, context.canWrite, (action) => void act(action));
    cards.set(report.id, made);
    return made;
  };
  list.replaceChildren(...reports.map(card));
  showCount();
  page.hidden = false;
  for (const form of list.querySelectorAll<HTMLFormElement>('[data-report-form]')) {
    const id = form.closest<HTMLElement>('[data-report]')?.dataset.report;
    if (id) restoreFormDraft(form, `report:${id}`);
  }

  let sending = false;
  async function act({ report, status, note, noteId }: ReportAction): Promise<void> {
    if (sending) return;
    const current = cards.get(report.id);
    const form = current?.querySelector<HTMLFormElement>('[data-report-form]');
    const problemSlot = form?.querySelector<HTMLElement>('[data-report-problem]');
    if (!current || !form || !problemSlot) return;
    problemSlot.hidden = true;
    // The contract's own schema, so the messages are word for word the API's.
    const parsed = reportUpdateSchema.safeParse({ status, note });
    if (!parsed.success) {
      showErrors(parsed.error.issues.map((issue) => ({ message: issue.message, fieldId: noteId })));
      return;
    }
    clearErrors();
    sending = true;
    const result = await updateReport(context.id, report.id, { status, ...(parsed.data.note ? { note: parsed.data.note } : {}) });
    sending = false;
    if (result.kind === 'ok') {
      const index = reports.findIndex((item) => item.id === report.id);
      reports[index] = result.data;
      const replacement = card(result.data);
      current.replaceWith(replacement);
      showCount();
      required<HTMLElement>(replacement, 'h2').focus();
      return;
    }
    if (result.kind === 'rejected' && result.body.issues.some((issue) => issue.path === 'note')) {
      showErrors(result.body.issues.map((issue) => ({ message: issue.message, fieldId: noteId })));
      return;
    }
    if (result.kind === 'signed_out') {
      showSessionEnded(problemSlot, () => keepFormDraft(form, `report:${report.id}`), 'this report', 'has');
      return;
    }
    problemSlot.replaceChildren(el('p', {}, el('strong', {}, 'We could not update this report. '), updateProblemInWords(result)));
    problemSlot.hidden = false;
  }
}

/** Why an update failed, for the answers that do not point at the note. */
function updateProblemInWords(result: Exclude<PortalResult<ProblemReport>, { kind: 'ok' | 'signed_out' }>): string {
  if (result.kind === 'forbidden') return 'You can see these reports, but only the listing’s own staff can change them.';
  if (result.kind === 'rejected') return result.body.message;
  if (result.kind === 'not_found') return 'This report does not exist any more.';
  return 'Your connection may have dropped, or the portal is not working right now. Try again.';
}
