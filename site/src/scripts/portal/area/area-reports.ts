/**
 * The area's open problem reports from the public, newest first, each with the listing it is
 * about. The area's commissioner deals with them here as the listing's staff would: "Mark as dealt
 * with" with an optional note, or "Reopen", in place.
 */
import type { AreaOverview } from '@contract/area-dashboard.js';
import type { ProblemReport } from '@contract/report.js';
import { required } from '../../dom.js';
import { restoreFormDraft } from '../form-draft.js';
import { listingPageUrl } from '../portal-urls.js';
import { type ReportAction, reportCard } from '../report-card.js';
import { reportDraftName, sendReportUpdate } from '../report-update.js';

type AreaReport = AreaOverview['openReports'][number];

const openInWords = (open: number): string => (open === 0 ? 'No open reports.' : `${open} open ${open === 1 ? 'report' : 'reports'}`);

/** Fills `section` (`[data-area-reports]` list, `[data-area-reports-count]` line) and wires each card. */
export function showAreaReports(section: HTMLElement, reports: readonly AreaReport[], onChange: (open: number) => void): void {
  const list = required<HTMLElement>(section, '[data-area-reports]');
  const count = required<HTMLElement>(section, '[data-area-reports-count]');
  const current = new Map(reports.map((report) => [report.id, report]));
  const openCount = () => [...current.values()].filter((report) => report.status === 'open').length;
  const showCount = () => {
    count.textContent = reports.length === 0 ? 'Nobody has an open report about a listing in this area.' : openInWords(openCount());
    onChange(openCount());
  };

  const cards = new Map<string, HTMLElement>();
  const card = (report: ProblemReport, outletName: string) => {
    const made = reportCard(report, true, (action) => void act(action, outletName), {
      listing: { name: outletName, href: listingPageUrl('reports', report.outletId) },
      heading: 'h3',
    });
    cards.set(report.id, made);
    return made;
  };
  list.replaceChildren(...reports.map((report) => card(report, report.outletName)));
  list.hidden = reports.length === 0;
  for (const form of list.querySelectorAll<HTMLFormElement>('[data-report-form]')) {
    const id = form.closest<HTMLElement>('[data-report]')?.dataset.report;
    if (id) restoreFormDraft(form, reportDraftName(id));
  }
  showCount();

  let sending = false;
  async function act(action: ReportAction, outletName: string): Promise<void> {
    const shown = cards.get(action.report.id);
    if (sending || !shown) return;
    sending = true;
    const updated = await sendReportUpdate(shown, action).finally(() => {
      sending = false;
    });
    if (!updated) return;
    current.set(updated.id, { ...updated, outletName });
    const replacement = card(updated, outletName);
    shown.replaceWith(replacement);
    showCount();
    required<HTMLElement>(replacement, 'h3').focus();
  }
}

