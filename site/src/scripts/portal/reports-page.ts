/**
 * Problems the public reported (`[data-module="portal-reports"]`): newest first, each marked dealt
 * with (with an optional note, checked with the contract's own schema) or reopened in place.
 */
// First, before any contract module builds a schema: the portal's CSP forbids zod's eval probe.
import '../zod-without-eval.js';
import type { PortalOutlet } from '@contract/portal-outlet.js';
import type { ProblemReport } from '@contract/report.js';
import { required } from '../dom.js';
import { restoreFormDraft } from './form-draft.js';
import { openListingPage, withListing, readOnlyNotice } from './listing-page.js';
import { listReports } from './portal-api.js';
import { portalTitle } from './portal-title.js';
import { listingPageUrl } from './portal-urls.js';
import { type ReportAction, reportCard } from './report-card.js';
import { reportDraftName, sendReportUpdate } from './report-update.js';

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
    if (id) restoreFormDraft(form, reportDraftName(id));
  }

  let sending = false;
  async function act(action: ReportAction): Promise<void> {
    const current = cards.get(action.report.id);
    if (sending || !current) return;
    sending = true;
    const updated = await sendReportUpdate(current, action).finally(() => {
      sending = false;
    });
    if (!updated) return;
    const index = reports.findIndex((item) => item.id === updated.id);
    reports[index] = updated;
    const replacement = card(updated);
    current.replaceWith(replacement);
    showCount();
    required<HTMLElement>(replacement, 'h2').focus();
  }
}
