/**
 * GOV.UK error pattern: "There is a problem" summary at the top with a link per error, the same
 * words next to the field, and `Error: ` before the page title.
 */
import { el, required } from './dom.js';

export interface PageError {
  /** The message, worded for the person (comes from the API's `issues`). */
  message: string;
  /** `id` of the field the summary links to. */
  fieldId: string;
}

const errorTitlePrefix = 'Error: ';

/** Shows the errors, marks the fields, prefixes the title and moves focus to the summary. */
export function showErrors(errors: readonly PageError[]): void {
  clearErrors();
  const summary = required<HTMLElement>(document, '[data-error-summary]');
  const list = required<HTMLUListElement>(summary, '[data-error-summary-list]');
  for (const error of errors) {
    list.append(el('li', {}, el('a', { href: `#${error.fieldId}` }, error.message)));
    markField(error.fieldId, error.message);
  }
  summary.hidden = false;
  if (!document.title.startsWith(errorTitlePrefix)) document.title = `${errorTitlePrefix}${document.title}`;
  summary.focus();
}

/** Removes every error message and the title prefix. */
export function clearErrors(): void {
  const summary = document.querySelector<HTMLElement>('[data-error-summary]');
  if (summary) {
    summary.hidden = true;
    summary.querySelector('[data-error-summary-list]')?.replaceChildren();
  }
  for (const group of document.querySelectorAll<HTMLElement>('[data-field-group]')) {
    group.classList.remove('app-form-group--error');
    const message = group.querySelector<HTMLElement>('[data-field-error]');
    if (message) {
      message.hidden = true;
      message.querySelector('[data-field-error-text]')?.replaceChildren();
    }
    const field = group.querySelector<HTMLInputElement>('input.app-input');
    if (field) {
      field.classList.remove('app-input--error');
      field.removeAttribute('aria-invalid');
      setDescribedBy(field, message?.id, false);
    }
  }
  if (document.title.startsWith(errorTitlePrefix)) document.title = document.title.slice(errorTitlePrefix.length);
}

function markField(fieldId: string, message: string): void {
  const field = document.getElementById(fieldId);
  const group = field?.closest<HTMLElement>('[data-field-group]');
  const messageElement = group?.querySelector<HTMLElement>('[data-field-error]');
  if (!field || !group || !messageElement) return;
  group.classList.add('app-form-group--error');
  const text = messageElement.querySelector('[data-field-error-text]');
  // A field can have more than one problem: show them all, one after the other.
  if (text) text.textContent = text.textContent ? `${text.textContent} ${message}` : message;
  messageElement.hidden = false;
  if (field instanceof HTMLInputElement && field.classList.contains('app-input')) {
    field.classList.add('app-input--error');
    field.setAttribute('aria-invalid', 'true');
    setDescribedBy(field, messageElement.id, true);
  }
}

function setDescribedBy(field: HTMLElement, id: string | undefined, present: boolean): void {
  if (!id) return;
  const ids = (field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((value) => value && value !== id);
  if (present) ids.push(id);
  if (ids.length) field.setAttribute('aria-describedby', ids.join(' '));
  else field.removeAttribute('aria-describedby');
}
