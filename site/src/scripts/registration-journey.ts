/**
 * A registration's journey, on the registration page and the page to change one: the questions,
 * then "check your answers" (the API has checked them and found the postcode, storing nothing),
 * then the reference once sent.
 *
 * GOV.UK patterns: every problem at once in the error summary with the same words at each field,
 * `Error:` in the title, answers kept after an error and when going back to change one. Sending
 * uses one `Idempotency-Key` per set of answers, so trying again after a time-out never registers
 * twice. Nothing typed here is kept anywhere but the page itself.
 */
// First, before any schema is built: the page's CSP forbids zod's eval probe.
import './zod-without-eval.js';
import type { ApiResult } from './api.js';
import type { CreateRegistrationResponse, RegistrationDetails, RegistrationPlace } from '@contract/registration.js';
import { required } from './dom.js';
import { clearErrors } from './error-summary.js';
import { pageTitle } from './page-title.js';
import { enhanceRegistrationCheck, reviewerInWords } from './registration-check.js';
import { checkRegistration } from './registration-api.js';
import { type RegistrationFormControl, enhanceRegistrationForm } from './registration-form.js';

export interface JourneyOptions {
  /** The title of the questions' step. */
  formTitle: string;
  /** The title once sent: "Registration sent", "Changes sent". */
  sentTitle: string;
  /** Sends the checked answers (with the software-only field when filled), with a key for this set of answers. */
  send(body: Record<string, unknown>, idempotencyKey: string): Promise<ApiResult<CreateRegistrationResponse>>;
}

/** One key per set of answers: the same answers sent again (after a time-out) reuse it. */
export class SendKeys {
  #answers = '';
  #key = '';

  keyFor(answers: unknown): string {
    const text = JSON.stringify(answers);
    if (text !== this.#answers) {
      this.#answers = text;
      this.#key = crypto.randomUUID();
    }
    return this.#key;
  }
}

/** Runs the journey in `root`; the form is returned so a page can fill it first. */
export function runRegistrationJourney(root: HTMLElement, options: JourneyOptions): RegistrationFormControl {
  const formStep = required<HTMLElement>(root, '[data-register-step="form"]');
  const sentStep = required<HTMLElement>(root, '[data-register-step="sent"]');
  const formElement = required<HTMLFormElement>(formStep, '[data-registration-form]');
  const form = enhanceRegistrationForm(formElement);
  const keys = new SendKeys();
  let checked: { details: RegistrationDetails; place: RegistrationPlace; trap: string } | null = null;
  let continuing = false;

  const check = enhanceRegistrationCheck(root, {
    onChange(fieldId) {
      showForm();
      const field = document.getElementById(fieldId);
      field?.scrollIntoView({ block: 'center' });
      field?.focus({ preventScroll: true });
    },
    async onSend() {
      if (!checked) return false;
      const body = { ...checked.details, ...(checked.trap ? { faxNumber: checked.trap } : {}) };
      const answer = await options.send(body, keys.keyFor(body));
      if (answer.kind === 'ok') {
        showSent(answer.data.id, answer.data);
        return true;
      }
      if (answer.kind === 'rejected' && answer.status === 422 && form.placesAll(answer.body.issues)) {
        // Something changed since the check (a postcode withdrawn): back to the questions, with the problem.
        showForm();
        form.showIssues(answer.body.issues);
        return false;
      }
      if (answer.kind === 'rejected' && answer.status === 404) {
        check.sendFailed('The link has already been used, or has expired. If you pressed the button before, your changes were probably sent: we will email you when they have been checked.');
        return false;
      }
      check.sendFailed(
        answer.kind === 'rejected' && answer.status === 409
          ? 'It is still being sent. Wait a moment, then press the button again: it will not be registered twice.'
          : 'Your connection may have dropped, or the finder is not working right now. Your answers are still here: try again in a few minutes. It will not be registered twice.',
      );
      return false;
    },
  });

  formElement.addEventListener('submit', (event) => {
    event.preventDefault();
    if (continuing) return;
    continuing = true;
    void continueToCheck().finally(() => {
      continuing = false;
    });
  });

  async function continueToCheck(): Promise<void> {
    const problem = required<HTMLElement>(formElement, '[data-form-problem]');
    problem.hidden = true;
    const read = form.read();
    if ('errors' in read) {
      form.showErrors(read.errors);
      return;
    }
    const answer = await checkRegistration(read.details);
    if (answer.kind === 'ok') {
      clearErrors();
      checked = { details: read.details, place: answer.data, trap: read.trap };
      formStep.hidden = true;
      check.show(read.details, answer.data);
      document.title = pageTitle('Check your answers');
      required<HTMLElement>(root, '[data-register-step="check"] h1').focus();
      return;
    }
    if (answer.kind === 'rejected' && form.placesAll(answer.body.issues)) {
      form.showIssues(answer.body.issues);
      return;
    }
    clearErrors();
    problem.hidden = false;
  }

  function showForm(): void {
    check.hide();
    sentStep.hidden = true;
    formStep.hidden = false;
    document.title = pageTitle(options.formTitle);
  }

  function showSent(reference: string, place: RegistrationPlace): void {
    check.hide();
    formStep.hidden = true;
    required<HTMLElement>(sentStep, '[data-sent-reference]').textContent = reference;
    required<HTMLElement>(sentStep, '[data-sent-reviewer]').textContent = reviewerInWords(place);
    sentStep.hidden = false;
    document.title = pageTitle(options.sentTitle);
    required<HTMLElement>(sentStep, 'h1').focus();
  }

  return form;
}
