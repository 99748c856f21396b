/**
 * Importing listings into an area (`[data-module="area-import"]`): the person chooses a file (the
 * NHS pharmacy list, the finder's CSV template or HSDS JSON), the browser reads it and sends it for
 * a dry run, which writes nothing and reports every row as new, changed, unchanged or invalid. Only
 * then can they apply it, with an `Idempotency-Key` (the same one if they try again after a
 * failure, so it applies once). Choosing another file starts again.
 */
// First, before any contract module builds a schema: the portal's CSP forbids zod's eval probe.
import '../../zod-without-eval.js';
import { areaImportRequestSchema } from '@contract/area-dashboard.js';
import type { MeResponse } from '@contract/me.js';
import type { ImportReport } from '@contract/outlet-import.js';
import { el, required } from '../../dom.js';
import { clearErrors, showErrors } from '../../error-summary.js';
import { bannerHeading, showBanner } from '../banner.js';
import { RetryKeys } from '../idempotency-key.js';
import { showPortalState } from '../page-state.js';
import { getMe, type PortalResult } from '../portal-api.js';
import { importListings } from './area-api.js';
import { openAreaPage } from './area-page.js';
import { countsInWords, reportCounts, reportTable, rowElementId, rowsToWrite } from './import-report.js';

/** Invalid rows linked from the warning above the report; the table has them all. */
const invalidLinksShown = 10;

export async function enhanceAreaImportPage(root: HTMLElement): Promise<void> {
  // The page has no data of its own before a file is chosen: who the person is decides whether
  // they see the form at all, as the API would (the area's commissioner, or an administrator).
  const opened = await openAreaPage(root, mayImport, { title: 'Import listings' });
  if (!opened) return;
  const { context } = opened;
  const page = required<HTMLElement>(root, '[data-area]');
  const form = required<HTMLFormElement>(page, '[data-import-form]');
  const input = required<HTMLInputElement>(form, '#import-file');
  const formProblem = required<HTMLElement>(form, '[data-send-problem]');
  const result = required<HTMLElement>(page, '[data-import-result]');
  const heading = required<HTMLElement>(result, '[data-import-result-heading]');
  const summary = required<HTMLElement>(result, '[data-import-summary]');
  const invalid = required<HTMLElement>(result, '[data-import-invalid]');
  const table = required<HTMLElement>(result, '[data-import-table]');
  const apply = required<HTMLElement>(result, '[data-import-apply]');
  const applyButton = required<HTMLButtonElement>(apply, 'button');
  const applyProblem = required<HTMLElement>(apply, '[data-apply-problem]');
  const banner = required<HTMLElement>(page, '[data-import-applied]');
  page.hidden = false;

  /** A file cannot be kept while the person signs in again: they come back here and choose it again. */
  const signedOut = () => {
    page.hidden = true;
    showPortalState(root, 'session_ended');
  };

  /** The file as checked by the dry run: applying sends exactly this. */
  let checked: { fileName: string; content: string } | null = null;
  const keys = new RetryKeys();
  let sending = false;

  input.addEventListener('change', () => {
    // Another file: the last check says nothing about it.
    checked = null;
    result.hidden = true;
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (sending) return;
    sending = true;
    void check().finally(() => {
      sending = false;
    });
  });

  applyButton.addEventListener('click', () => {
    if (sending || !checked) return;
    sending = true;
    void applyChecked(checked).finally(() => {
      sending = false;
    });
  });

  async function check(): Promise<void> {
    formProblem.hidden = true;
    banner.hidden = true;
    const file = input.files?.[0];
    if (!file) {
      showErrors([{ message: 'Choose a file to upload', fieldId: 'import-file' }]);
      return;
    }
    const content = await file.text().catch(() => null);
    if (content === null) {
      showErrors([{ message: 'The file could not be read: choose it again', fieldId: 'import-file' }]);
      return;
    }
    // The contract's own schema, so the messages are word for word the API's.
    const parsed = areaImportRequestSchema.safeParse({ fileName: file.name, content, dryRun: true });
    if (!parsed.success) {
      showErrors(parsed.error.issues.map((issue) => ({ message: issue.message, fieldId: 'import-file' })));
      return;
    }
    clearErrors();
    const answer = await importListings(context.code, parsed.data);
    if (answer.kind === 'ok') {
      checked = { fileName: parsed.data.fileName, content: parsed.data.content };
      showReport(answer.data, parsed.data.fileName);
      return;
    }
    refused(answer, formProblem, 'We could not check the file. ', signedOut);
  }

  async function applyChecked(upload: { fileName: string; content: string }): Promise<void> {
    applyProblem.hidden = true;
    const body = { ...upload, dryRun: false };
    const answer = await importListings(context.code, body, keys.keyFor(body));
    if (answer.kind === 'unavailable') {
      applyProblem.replaceChildren(
        el('p', {}, el('strong', {}, 'We could not import the file. '), 'Your connection may have dropped, or the portal is not working right now. Try again: it will not be imported twice.'),
      );
      applyProblem.hidden = false;
      return;
    }
    keys.settle();
    if (answer.kind !== 'ok') {
      refused(answer, applyProblem, 'We could not import the file. ', signedOut);
      return;
    }
    checked = null;
    showReport(answer.data, upload.fileName);
    const written = rowsToWrite(answer.data);
    showBanner(
      banner,
      bannerHeading(`${upload.fileName} imported: ${written.toLocaleString('en-GB')} ${written === 1 ? 'listing' : 'listings'} added or changed`),
      el('p', {}, `${countsInWords(answer.data.counts)}. Each change is in the listing’s history. New listings stay marked unconfirmed until their outlet confirms them.`),
    );
    form.reset();
  }

  function showReport(report: ImportReport, fileName: string): void {
    heading.textContent = report.dryRun ? `Check of ${fileName}: nothing has been imported yet` : `Import of ${fileName}`;
    const toWrite = rowsToWrite(report);
    summary.replaceChildren(
      el(
        'p',
        { class: 'app-lead' },
        report.dryRun
          ? toWrite === 0
            ? 'Importing this file would change nothing.'
            : `Importing this file would add or change ${toWrite.toLocaleString('en-GB')} ${toWrite === 1 ? 'listing' : 'listings'}.`
          : `${toWrite.toLocaleString('en-GB')} ${toWrite === 1 ? 'listing was' : 'listings were'} added or changed.`,
      ),
      reportCounts(report),
    );
    const invalidRows = report.rows.filter((row) => row.outcome === 'invalid');
    invalid.replaceChildren(
      ...(invalidRows.length === 0
        ? []
        : [
            el(
              'div',
              { class: 'app-warning', 'data-import-invalid-rows': '' },
              el('p', {}, el('strong', {}, `${invalidRows.length} ${invalidRows.length === 1 ? 'row is' : 'rows are'} invalid and will not be imported. `), 'Fix them in your file and check it again, or import the rest.'),
              el(
                'ul',
                { class: 'app-list' },
                ...invalidRows.slice(0, invalidLinksShown).map((row) => el('li', {}, el('a', { href: `#${rowElementId(row)}` }, `Line ${row.line}: ${row.problems[0]?.message ?? 'invalid'}`))),
              ),
              invalidRows.length > invalidLinksShown ? el('p', {}, `The table below has all ${invalidRows.length}.`) : null,
            ),
          ]),
    );
    table.replaceChildren(reportTable(report, fileName, context.name));
    apply.hidden = !report.dryRun || toWrite === 0;
    applyButton.textContent = `Import ${toWrite.toLocaleString('en-GB')} ${toWrite === 1 ? 'listing' : 'listings'}`;
    applyProblem.hidden = true;
    result.hidden = false;
    if (report.dryRun) heading.focus();
  }
}

/** Who the person is, or "forbidden" when they may not import into the area with `code`. */
async function mayImport(code: string): Promise<PortalResult<MeResponse>> {
  const me = await getMe();
  if (me.kind !== 'ok') return me;
  const allowed = me.data.roles.includes('admin') || me.data.areas.some((area) => area.code === code);
  return allowed ? me : { kind: 'forbidden', message: 'You do not commission naloxone services in this area.' };
}

/** Says why a request was refused: file problems in the error summary, anything else in `slot`. */
function refused(answer: Exclude<PortalResult<ImportReport>, { kind: 'ok' }>, slot: HTMLElement, lead: string, signedOut: () => void): void {
  if (answer.kind === 'rejected' && answer.body.issues.length > 0) {
    showErrors(answer.body.issues.map((issue) => ({ message: issue.message, fieldId: 'import-file' })));
    return;
  }
  if (answer.kind === 'signed_out') {
    signedOut();
    return;
  }
  const why =
    answer.kind === 'forbidden'
      ? 'Only the area’s commissioner can import listings here.'
      : answer.kind === 'rejected'
        ? answer.body.message
        : 'Your connection may have dropped, or the portal is not working right now. Try again.';
  slot.replaceChildren(el('p', {}, el('strong', {}, lead), why));
  slot.hidden = false;
}
