/**
 * Enhances the report page (`[data-module="report"]`): shows which listing `?id=` names, checks
 * the form with the contract's own schema, sends it to `POST /api/reports` and shows the reference.
 *
 * Nothing typed here is kept anywhere but the form itself: not in the URL, storage or the service
 * worker's cache (which never touches the API).
 */
// First, before any schema is built: the page's CSP forbids zod's eval probe.
import './zod-without-eval.js';
import type { FieldIssue } from '@contract/error.js';
import type { OutletDetail } from '@contract/find-outlets.js';
import { createReportBodySchema, type CreateReportResponse, reportTrapField } from '@contract/report.js';
import { getOutlet } from './api.js';
import { createReport } from './report-api.js';
import { enhanceCharacterCount } from './character-count.js';
import { required } from './dom.js';
import { clearErrors, showErrors, type PageError } from './error-summary.js';
import { addressInOneLine } from './format.js';
import { pageTitle } from './page-title.js';
import { showServiceProblem } from './service-problem.js';
import { outletPageUrl } from './site-urls.js';

/** The control each field of the report links to from the error summary: the first radio, the textarea. */
const fieldForIssue: Record<string, string> = {
  problem: 'problem',
  details: 'details',
  [reportTrapField]: reportTrapField,
};

export async function enhanceReportPage(root: HTMLElement): Promise<void> {
  const status = required<HTMLElement>(root, '[data-report-status]');
  const notFound = required<HTMLElement>(root, '[data-place-not-found]');
  const unavailable = required<HTMLElement>(root, '[data-service-problem]');
  const journey = required<HTMLElement>(root, '[data-report-journey]');
  const outletName = required<HTMLElement>(root, '[data-report-outlet-name]');
  const outletAddress = required<HTMLElement>(root, '[data-report-outlet-address]');
  const form = required<HTMLFormElement>(root, '[data-report-form]');
  const details = required<HTMLTextAreaElement>(form, '#details');
  const sendProblem = required<HTMLElement>(root, '[data-report-send-problem]');
  const sent = required<HTMLElement>(root, '[data-report-sent]');

  const id = new URLSearchParams(location.search).get('id');
  const result = id ? await getOutlet(id) : null;
  status.textContent = '';

  if (result?.kind === 'ok') {
    showForm(result.data);
  } else if (result === null || result.kind === 'rejected') {
    // A missing, malformed (400) or unknown (404) id all mean the same thing to the person.
    showNotFound();
  } else {
    showServiceProblem(unavailable);
  }

  function showForm(outlet: OutletDetail): void {
    outletName.textContent = outlet.name;
    outletAddress.textContent = addressInOneLine(outlet.address);
    journey.hidden = false;
    enhanceCharacterCount(required<HTMLElement>(form, '[data-module="character-count"]'));

    let sending = false;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      // One report per press, however often the button is pressed while it is on its way.
      if (sending) return;
      sending = true;
      void send(outlet).finally(() => {
        sending = false;
      });
    });
  }

  async function send(outlet: OutletDetail): Promise<void> {
    sendProblem.hidden = true;
    const checked = form.querySelector<HTMLInputElement>('input[name="problem"]:checked');
    // The same schema the API checks with, so the messages are word for word the server's.
    const trap = required<HTMLInputElement>(form, '[data-report-trap]').value;
    const parsed = createReportBodySchema.safeParse({
      outletId: outlet.id,
      problem: checked?.value,
      details: details.value,
      ...(trap ? { [reportTrapField]: trap } : {}),
    });
    if (!parsed.success) {
      showIssues(parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));
      return;
    }
    clearErrors();
    const answer = await createReport(parsed.data);
    if (answer.kind === 'ok') {
      showSent(outlet, answer.data);
    } else if (answer.kind === 'rejected' && answer.body.issues.some((issue) => issue.path === 'outletId')) {
      // The listing was withdrawn after the page loaded: there is nothing left to report on.
      journey.hidden = true;
      showNotFound();
      required<HTMLElement>(notFound, 'h1').focus();
    } else if (answer.kind === 'rejected' && answer.body.issues.some((issue) => Object.hasOwn(fieldForIssue, issue.path))) {
      showIssues(answer.body.issues);
    } else {
      // Down, timed out, or an answer we cannot place on a field: say so and keep what they wrote.
      sendProblem.hidden = false;
    }
  }

  function showIssues(issues: readonly FieldIssue[]): void {
    const errors: PageError[] = issues
      .filter((issue) => Object.hasOwn(fieldForIssue, issue.path))
      .map((issue) => ({ message: issue.message, fieldId: fieldForIssue[issue.path]! }));
    showErrors(errors);
  }

  function showSent(outlet: OutletDetail, report: CreateReportResponse): void {
    clearErrors();
    required<HTMLElement>(sent, '[data-report-reference]').textContent = report.id;
    required<HTMLElement>(sent, '[data-report-sent-outlet]').textContent = outlet.name;
    required<HTMLAnchorElement>(sent, '[data-report-listing-link]').href = outletPageUrl(outlet.id);
    const searchLink = required<HTMLAnchorElement>(sent, '[data-report-search-link]');
    const search = searchCameFrom();
    if (search) {
      searchLink.href = search;
      searchLink.closest('li')!.hidden = false;
    }
    journey.hidden = true;
    sent.hidden = false;
    document.title = pageTitle('Report sent');
    // The form they were in has gone: start them at the top of what replaced it.
    required<HTMLElement>(sent, 'h1').focus();
  }

  function showNotFound(): void {
    notFound.hidden = false;
    document.title = pageTitle('Place not found');
  }
}

/**
 * The search results page this report was started from, if any. The find page's URL is its search
 * (`/?postcode=…`), so going back to it runs the same search again.
 */
function searchCameFrom(): string | null {
  if (!document.referrer) return null;
  const referrer = new URL(document.referrer);
  return referrer.origin === location.origin && referrer.pathname === '/' && referrer.search ? referrer.href : null;
}
