/**
 * GOV.UK error pattern: "There is a problem" summary at the top with a link per error, the same
 * words next to the field, and `Error: ` before the page title.
 *
 * The summary's links work as GOV.UK Frontend's do: instead of following `#field` (a history entry,
 * and a jump that hides the field's label above the top of the screen), they move focus to the
 * field and scroll its label – or its question, for radios and checkboxes – into view.
 */
import { el, required } from './dom.js';

export interface PageError {
  /** The message, worded for the person (comes from the API's `issues`). */
  message: string;
  /** `id` of the field the summary links to. */
  fieldId: string;
}

const errorTitlePrefix = 'Error: ';

/** Text fields by their base class, and the class that gives each the red error border. */
const textFieldErrorClass: Record<string, string> = {
  'app-input': 'app-input--error',
  'app-textarea': 'app-textarea--error',
};
const textFieldSelector = Object.keys(textFieldErrorClass).map((base) => `.${base}`).join(', ');

/** Shows the errors, marks the fields, prefixes the title and moves focus to the summary. */
export function showErrors(errors: readonly PageError[]): void {
  clearErrors();
  const summary = required<HTMLElement>(document, '[data-error-summary]');
  const list = required<HTMLUListElement>(summary, '[data-error-summary-list]');
  if (!summary.hasAttribute('data-error-summary-enhanced')) {
    summary.setAttribute('data-error-summary-enhanced', '');
    summary.addEventListener('click', (event) => {
      if (focusTarget(event.target)) event.preventDefault();
    });
  }
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
    const textField = group.querySelector<HTMLElement>(textFieldSelector);
    if (textField) {
      textField.classList.remove(...Object.values(textFieldErrorClass));
      textField.removeAttribute('aria-invalid');
      setDescribedBy(textField, message?.id, false);
    }
    const fieldset = group.querySelector<HTMLFieldSetElement>('fieldset');
    if (fieldset) setDescribedBy(fieldset, message?.id, false);
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
  const errorClass = Object.entries(textFieldErrorClass).find(([base]) => field.classList.contains(base))?.[1];
  if (errorClass) {
    field.classList.add(errorClass);
    field.setAttribute('aria-invalid', 'true');
    setDescribedBy(field, messageElement.id, true);
  } else if (field instanceof HTMLInputElement && (field.type === 'radio' || field.type === 'checkbox')) {
    // GOV.UK radios: the message describes the whole question (the fieldset), not one option.
    const fieldset = field.closest('fieldset');
    if (fieldset) setDescribedBy(fieldset, messageElement.id, true);
  }
}

function setDescribedBy(field: HTMLElement, id: string | undefined, present: boolean): void {
  if (!id) return;
  const ids = (field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((value) => value && value !== id);
  if (present) ids.push(id);
  if (ids.length) field.setAttribute('aria-describedby', ids.join(' '));
  else field.removeAttribute('aria-describedby');
}

/** Focuses the field a summary link points to; false when it is not such a link. */
function focusTarget(target: EventTarget | null): boolean {
  const link = target instanceof Element ? target.closest('a') : null;
  if (!link?.hash) return false;
  const field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!field) return false;
  (labelOrLegend(field) ?? field).scrollIntoView();
  field.focus({ preventScroll: true });
  return true;
}

/**
 * What to show above the field: its question (the legend) for a radio or checkbox, or for a field
 * whose legend is close enough to fit on screen with it; otherwise its label.
 */
function labelOrLegend(field: HTMLElement): HTMLElement | null {
  const legend = field.closest('fieldset')?.querySelector('legend');
  if (legend) {
    if (field instanceof HTMLInputElement && (field.type === 'radio' || field.type === 'checkbox')) return legend;
    const legendTop = legend.getBoundingClientRect().top;
    const fieldBox = field.getBoundingClientRect();
    if (fieldBox.height && window.innerHeight && fieldBox.top + fieldBox.height - legendTop < window.innerHeight / 2) return legend;
  }
  return document.querySelector<HTMLElement>(`label[for="${CSS.escape(field.id)}"]`) ?? field.closest('label');
}
