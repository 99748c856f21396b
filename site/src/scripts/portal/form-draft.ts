/**
 * What someone typed into a simple form, kept in this tab's sessionStorage while they sign in again
 * after their session ended, and put back when they return. Only the form's own named fields.
 */
import { forgetStored, readStored, storagePrefix, writeStored } from './session.js';

const draftKey = (name: string): string => `${storagePrefix}draft:${name}`;

type Fields = Record<string, string>;

function isFields(value: unknown): value is Fields {
  return value !== null && typeof value === 'object' && Object.values(value).every((field) => typeof field === 'string');
}

/** Keeps the form's named fields (text, dates, numbers, the chosen radio) under `name`. */
export function keepFormDraft(form: HTMLFormElement, name: string): boolean {
  const fields: Fields = {};
  for (const element of form.elements) {
    if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) || !element.name) continue;
    if (element instanceof HTMLInputElement && (element.type === 'radio' || element.type === 'checkbox')) {
      if (element.checked) fields[element.name] = element.value;
    } else {
      fields[element.name] = element.value;
    }
  }
  return writeStored(draftKey(name), fields);
}

/** Puts back the fields kept under `name` (and forgets them); false when there were none. */
export function restoreFormDraft(form: HTMLFormElement, name: string): boolean {
  const stored = readStored(draftKey(name));
  forgetStored(draftKey(name));
  if (!isFields(stored)) return false;
  for (const element of form.elements) {
    if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) || !Object.hasOwn(stored, element.name)) continue;
    if (element instanceof HTMLInputElement && (element.type === 'radio' || element.type === 'checkbox')) element.checked = stored[element.name] === element.value;
    else element.value = stored[element.name] ?? '';
    element.dispatchEvent(new Event('input', { bubbles: true }));
    element.dispatchEvent(new Event('change', { bubbles: true }));
  }
  return true;
}
