/**
 * One problem report from the public: what was reported, when, the details and where it stands,
 * with the form to mark it dealt with (an optional note, GOV.UK character count) or to reopen it.
 */
import { maxReportNoteLength, reportProblemLabels, type ProblemReport } from '@contract/report.js';
import { enhanceCharacterCount } from '../character-count.js';
import { el, hiddenText, summaryRow } from '../dom.js';
import { momentInWords } from './london-dates.js';

/** What a card asks of the page when its button is pressed. */
export type ReportAction = { report: ProblemReport; status: 'dealt_with' | 'open'; note: string; noteId: string };

/** The GOV.UK character count around a report's note, as components/CharacterCount.astro renders one. */
function noteField(id: string): HTMLElement {
  const group = el(
    'div',
    { class: 'app-form-group app-character-count', 'data-field-group': '', 'data-module': 'character-count', 'data-maxlength': String(maxReportNoteLength) },
    el('label', { class: 'app-label', for: id }, 'What did you do about it? (optional)'),
    el('div', { class: 'app-hint', id: `${id}-hint` }, 'For example: restocked, corrected the hours. Only you and your commissioner see this note.'),
    el('p', { class: 'app-error-message', id: `${id}-error`, 'data-field-error': '', hidden: '' }, hiddenText('Error:'), ' ', el('span', { 'data-field-error-text': '' })),
    el('textarea', { class: 'app-textarea', id, name: id, rows: '2', 'aria-describedby': `${id}-hint ${id}-info` }),
    el('div', { class: 'app-hint app-character-count__message', id: `${id}-info`, 'data-character-count-message': '' }, `You can enter up to ${maxReportNoteLength} characters`),
  );
  enhanceCharacterCount(group);
  return group;
}

export interface ReportCardOptions {
  /** The listing the report is about, named and linked, where reports of many listings share a page. */
  listing?: { name: string; href: string };
  /** The card's heading level: `h3` under a section's own `h2`. */
  heading?: 'h2' | 'h3';
}

/** A report's card; `onAction` runs when the person marks it dealt with or reopens it. */
export function reportCard(report: ProblemReport, canWrite: boolean, onAction: (action: ReportAction) => void, { listing, heading = 'h2' }: ReportCardOptions = {}): HTMLElement {
  const headingId = `report-${report.id}`;
  const noteId = `note-${report.id.slice(-12)}`;
  const dealtWith = report.status === 'dealt_with';
  const card = el(
    'li',
    { class: 'app-history__entry', 'data-report': report.id },
    el(heading, { class: 'app-history__when', id: headingId, tabindex: '-1' }, reportProblemLabels[report.problem]),
    el(
      'dl',
      { class: 'app-summary' },
      listing ? summaryRow('Listing', el('a', { href: listing.href }, listing.name)) : null,
      summaryRow('Reported', momentInWords(report.receivedAt)),
      summaryRow('Details', report.details ?? 'No details given'),
      summaryRow(
        'Status',
        el('strong', { class: `app-tag ${dealtWith ? 'app-tag--green' : 'app-tag--red'}`, 'data-report-status': '' }, dealtWith ? 'Dealt with' : 'Open'),
        dealtWith && report.dealtWithAt ? ` on ${momentInWords(report.dealtWithAt)}${report.dealtWithBy ? ` by ${report.dealtWithBy}` : ''}` : '',
      ),
      report.note ? summaryRow('Note', report.note) : null,
    ),
  );
  if (!canWrite) return card;

  const form = el('form', { novalidate: '', 'aria-labelledby': headingId, 'data-report-form': '' });
  const button = el('button', { type: 'submit', class: 'app-button app-button--secondary' }, dealtWith ? 'Reopen' : 'Mark as dealt with', hiddenText(`: ${reportProblemLabels[report.problem]}`));
  if (!dealtWith) form.append(noteField(noteId));
  // A live region from the start, for a failure to update the report.
  form.append(el('div', { role: 'alert' }, el('div', { class: 'app-warning', 'data-report-problem': '', hidden: '' })), el('div', { class: 'app-button-group' }, button));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const note = form.querySelector<HTMLTextAreaElement>('textarea')?.value ?? '';
    onAction({ report, status: dealtWith ? 'open' : 'dealt_with', note, noteId });
  });
  card.append(form);
  return card;
}
