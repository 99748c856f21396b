/**
 * Opening sessions as rows of two time inputs ("Opens", "Closes"), with "Add another session" and
 * "Remove": used for each weekday and for each special date. A day always keeps at least one row
 * while it is open, so its Remove button is hidden when only one is left.
 *
 * Native `<input type="time">`: a phone shows its own clock picker (no colon to hunt for on a
 * number keyboard), and the value is always `HH:MM` in 24 hours, as the contract wants it.
 */
import type { Session } from '@contract/outlet.js';
import { el, hiddenText, required } from './dom.js';

/** The ids of one row's inputs, to link errors to them. */
export interface SessionFieldIds {
  opensAt: string;
  closesAt: string;
}

/** Rows get ids from a counter, never their position: a removed row must not pass its id on. */
let nextRowKey = 0;

/** The field group around one time input, ready for the error summary to mark. */
function timeField(id: string, label: string, context: HTMLElement, value: string, data: string): HTMLElement {
  return el(
    'div',
    { class: 'app-form-group', 'data-field-group': '' },
    el('label', { class: 'app-label', for: id }, label, context),
    el('p', { class: 'app-error-message', id: `${id}-error`, 'data-field-error': '', hidden: '' }, hiddenText('Error:'), ' ', el('span', { 'data-field-error-text': '' })),
    el('input', { class: 'app-input app-input--text app-input--time', type: 'time', id, name: id, value, [data]: '' }),
  );
}

/** The contract writes midnight at the end of a day as 24:00; a time input can only say 00:00, which means the same. */
const forTimeInput = (time: string): string => (time === '24:00' ? '00:00' : time);

/**
 * Makes `container` (`[data-sessions]`, holding `[data-session-rows]` and `[data-add-session]`) a
 * list of session rows named for `dayName` ("Monday", "25 December").
 */
export function enhanceSessionRows(container: HTMLElement, dayName: string): { fill(sessions: readonly Session[]): void; read(): { sessions: Session[]; ids: SessionFieldIds[] } } {
  const rows = required<HTMLElement>(container, '[data-session-rows]');
  const add = required<HTMLButtonElement>(container, '[data-add-session]');
  const prefix = container.id;

  function renumber(): void {
    const all = [...rows.querySelectorAll<HTMLElement>('[data-session]')];
    all.forEach((row, index) => {
      for (const context of row.querySelectorAll('[data-session-context]')) context.textContent = all.length > 1 ? ` (session ${index + 1} on ${dayName})` : ` (${dayName})`;
      required<HTMLElement>(row, '[data-remove-session]').hidden = all.length < 2;
    });
  }

  function addRow(session: Session | null): HTMLElement {
    const key = nextRowKey++;
    const opensId = `${prefix}-s${key}-opensAt`;
    const closesId = `${prefix}-s${key}-closesAt`;
    const context = () => el('span', { class: 'app-visually-hidden', 'data-session-context': '' });
    const remove = el('button', { type: 'button', class: 'app-link-button app-session__remove', 'data-remove-session': '' }, 'Remove', el('span', { class: 'app-visually-hidden', 'data-session-context': '' }));
    const row = el(
      'div',
      { class: 'app-session', 'data-session': '' },
      timeField(opensId, 'Opens', context(), forTimeInput(session?.opensAt ?? ''), 'data-opens'),
      timeField(closesId, 'Closes', context(), forTimeInput(session?.closesAt ?? ''), 'data-closes'),
      remove,
    );
    remove.addEventListener('click', () => {
      row.remove();
      renumber();
      // The row and its button are gone: carry on from the list's own button.
      add.focus();
    });
    rows.append(row);
    renumber();
    return row;
  }

  add.addEventListener('click', () => {
    required<HTMLInputElement>(addRow(null), '[data-opens]').focus();
  });

  return {
    fill(sessions) {
      rows.replaceChildren();
      for (const session of sessions.length ? sessions : [null]) addRow(session);
    },
    read() {
      const sessions: Session[] = [];
      const ids: SessionFieldIds[] = [];
      for (const row of rows.querySelectorAll<HTMLElement>('[data-session]')) {
        const opens = required<HTMLInputElement>(row, '[data-opens]');
        const closes = required<HTMLInputElement>(row, '[data-closes]');
        sessions.push({ opensAt: opens.value, closesAt: closes.value });
        ids.push({ opensAt: opens.id, closesAt: closes.id });
      }
      return { sessions, ids };
    },
  };
}
