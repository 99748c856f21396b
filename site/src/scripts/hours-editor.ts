/**
 * The weekly hours editor, shared by the portal's edit form and the public registration form: for
 * each day, open (with one or more sessions), closed, or not known; what happens on bank holidays;
 * and dated exceptions such as Christmas (closed, or open at other times, with a short note). Reads and fills the contract's `OpeningHours`, and keeps the id of the
 * input behind every row it reads, so an API issue such as `hours.weekly.3.opensAt` or
 * `hours.exceptions.0.date` can be shown on the right input.
 */
import { weekdays, type OpeningHours, type ScheduleException, type Weekday, type WeeklyScheduleRow } from '@contract/outlet.js';
import { el, hiddenText, required } from './dom.js';
import { dateInWords } from './format.js';
import { syncReveals } from './conditional-reveal.js';
import { enhanceSessionRows, type SessionFieldIds } from './session-rows.js';

/** The inputs behind each row of the hours last read, in the order they were sent. */
export interface HoursFieldIds {
  weekly: SessionFieldIds[];
  exceptions: { date: string; closed: string; note: string; sessions: SessionFieldIds[] }[];
}

/** A problem found on the device that the contract's schema would word badly or not see. */
export interface FormProblem {
  /** The listing field it belongs to: a problem in a field the person did not change is not theirs to fix. */
  field: 'hours' | 'eligibility';
  fieldId: string;
  message: string;
}

type DayState = 'open' | 'closed' | 'unknown';

export interface HoursEditor {
  fill(hours: OpeningHours): void;
  read(): { hours: OpeningHours; ids: HoursFieldIds; problems: FormProblem[] };
}

const maxNoteLength = 200;

export interface HoursEditorOptions {
  /**
   * What to say when every day is marked closed, which the contract would read as "hours not known".
   * @default the portal's: choose temporarily closed instead
   */
  allClosedMessage?: string;
}

/**
 * Enhances an hours section (`[data-hours-editor]`, `components/HoursEditor.astro`): the portal's
 * edit form, and the public registration form.
 */
export function enhanceHoursEditor(
  section: HTMLElement,
  { allClosedMessage = 'If you are closed every day, choose temporarily closed at the top of the page instead' }: HoursEditorOptions = {},
): HoursEditor {
  const days = weekdays.map((day) => {
    const fieldset = required<HTMLElement>(section, `[data-day="${day}"]`);
    const dayName = required<HTMLElement>(fieldset, 'legend').textContent?.trim() ?? day;
    return { day, fieldset, sessions: enhanceSessionRows(required<HTMLElement>(fieldset, '[data-sessions]'), dayName) };
  });
  const exceptionList = required<HTMLElement>(section, '[data-exceptions]');
  const addException = required<HTMLButtonElement>(section, '[data-add-exception]');
  let nextExceptionKey = 0;
  const exceptionEditors = new Map<HTMLElement, ReturnType<typeof enhanceSessionRows>>();

  const radio = (fieldset: HTMLElement, value: string) => required<HTMLInputElement>(fieldset, `input[type="radio"][value="${value}"]`);

  function addExceptionBlock(exception: ScheduleException | null): HTMLElement {
    const key = nextExceptionKey++;
    const id = (part: string) => `exception-${key}-${part}`;
    const errorLine = (fieldId: string) =>
      el('p', { class: 'app-error-message', id: `${fieldId}-error`, 'data-field-error': '', hidden: '' }, hiddenText('Error:'), ' ', el('span', { 'data-field-error-text': '' }));
    const choice = (value: string, label: string, reveals?: string) =>
      el(
        'div',
        { class: 'app-choice' },
        el('input', { type: 'radio', id: value === 'closed' ? id('closed') : id('open'), name: id('kind'), value, 'data-reveals': reveals }),
        el('label', { for: value === 'closed' ? id('closed') : id('open') }, label),
      );
    const sessionsBlock = el(
      'div',
      { class: 'app-conditional', id: id('sessions'), 'data-sessions': '' },
      el('div', { 'data-session-rows': '' }),
      el('button', { type: 'button', class: 'app-button app-button--secondary', 'data-add-session': '' }, 'Add another session', hiddenText(' on this date')),
    );
    const block = el(
      'div',
      { class: 'app-exception', 'data-exception': '' },
      el('h4', { 'data-exception-title': '' }, 'Special date'),
      el(
        'div',
        { class: 'app-form-group', 'data-field-group': '' },
        el('label', { class: 'app-label', for: id('date') }, 'Date'),
        errorLine(id('date')),
        el('input', { class: 'app-input app-input--text app-input--date', type: 'date', id: id('date'), name: id('date'), value: exception?.date ?? '' }),
      ),
      el(
        'div',
        { class: 'app-form-group', 'data-field-group': '' },
        el(
          'fieldset',
          { class: 'app-fieldset' },
          el('legend', { class: 'app-fieldset__legend' }, 'On this date'),
          errorLine(id('closed')),
          choice('closed', 'Closed all day'),
          choice('open', 'Open at different times', id('sessions')),
          sessionsBlock,
        ),
      ),
      el(
        'div',
        { class: 'app-form-group', 'data-field-group': '' },
        el('label', { class: 'app-label', for: id('note') }, 'Note for the public (optional)'),
        el('div', { class: 'app-hint', id: id('note-hint') }, `For example, Christmas Day. Up to ${maxNoteLength} characters.`),
        errorLine(id('note')),
        el('input', { class: 'app-input app-input--text app-input--width-30', type: 'text', id: id('note'), name: id('note'), value: exception?.note ?? '', 'aria-describedby': id('note-hint') }),
      ),
      el('button', { type: 'button', class: 'app-button app-button--secondary', 'data-remove-exception': '' }, 'Remove this date', el('span', { class: 'app-visually-hidden', 'data-exception-context': '' })),
    );
    exceptionList.append(block);
    const sessions = enhanceSessionRows(sessionsBlock, 'this date');
    sessions.fill(exception?.sessions ?? []);
    exceptionEditors.set(block, sessions);
    radio(block, exception === null || exception.closed ? 'closed' : 'open').checked = true;
    required<HTMLButtonElement>(block, '[data-remove-exception]').addEventListener('click', () => {
      exceptionEditors.delete(block);
      block.remove();
      renumberExceptions();
      addException.focus();
    });
    renumberExceptions();
    syncReveals(block);
    return block;
  }

  function renumberExceptions(): void {
    [...exceptionList.querySelectorAll<HTMLElement>('[data-exception]')].forEach((block, index) => {
      required<HTMLElement>(block, '[data-exception-title]').textContent = `Special date ${index + 1}`;
      required<HTMLElement>(block, '[data-exception-context]').textContent = ` (special date ${index + 1})`;
    });
  }

  addException.addEventListener('click', () => {
    required<HTMLInputElement>(addExceptionBlock(null), 'input[type="date"]').focus();
  });

  return {
    fill(hours) {
      const known = hours.weekly.length > 0 || (hours.unknownDays?.length ?? 0) > 0;
      for (const { day, fieldset, sessions } of days) {
        const rows = hours.weekly.filter((row) => row.byDay === day);
        const state: DayState = !known || hours.unknownDays?.includes(day) ? 'unknown' : rows.length ? 'open' : 'closed';
        radio(fieldset, state).checked = true;
        sessions.fill(rows);
      }
      required<HTMLInputElement>(section, `input[name="bankHolidays"][value="${hours.bankHolidays}"]`).checked = true;
      exceptionList.replaceChildren();
      exceptionEditors.clear();
      for (const exception of [...hours.exceptions].sort((a, b) => a.date.localeCompare(b.date))) addExceptionBlock(exception);
      syncReveals(section);
    },
    read() {
      const weekly: WeeklyScheduleRow[] = [];
      const ids: HoursFieldIds = { weekly: [], exceptions: [] };
      const unknownDays: Weekday[] = [];
      for (const { day, fieldset, sessions } of days) {
        const state = fieldset.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.value ?? 'unknown';
        if (state === 'unknown') unknownDays.push(day);
        if (state !== 'open') continue;
        const read = sessions.read();
        weekly.push(...read.sessions.map((session) => ({ byDay: day, ...session })));
        ids.weekly.push(...read.ids);
      }
      const problems: FormProblem[] = [];
      const exceptions: ScheduleException[] = [];
      const seenDates = new Set<string>();
      for (const [block, sessions] of exceptionEditors) {
        const date = required<HTMLInputElement>(block, 'input[type="date"]');
        const note = required<HTMLInputElement>(block, 'input[type="text"]');
        const closed = radio(block, 'closed');
        const read = sessions.read();
        const isClosed = closed.checked;
        ids.exceptions.push({ date: date.id, closed: closed.id, note: note.id, sessions: isClosed ? [] : read.ids });
        if (!date.value) problems.push({ field: 'hours', fieldId: date.id, message: 'Enter the date, as a real date' });
        else if (seenDates.has(date.value)) problems.push({ field: 'hours', fieldId: date.id, message: `You have entered ${dateInWords(date.value)} more than once. Give each date once.` });
        seenDates.add(date.value);
        if (note.value.trim().length > maxNoteLength) problems.push({ field: 'hours', fieldId: note.id, message: `Enter a note of ${maxNoteLength} characters or fewer` });
        const noteText = note.value.trim();
        exceptions.push({ date: date.value, closed: isClosed, sessions: isClosed ? [] : read.sessions, ...(noteText ? { note: noteText } : {}) });
      }
      if (weekly.length === 0 && unknownDays.length === 0) {
        // The contract reads a week with no sessions and no unknown days as "hours not known".
        problems.push({ field: 'hours', fieldId: `day-${weekdays[0]}`, message: allClosedMessage });
      }
      const bankHolidays = section.querySelector<HTMLInputElement>('input[name="bankHolidays"]:checked')?.value;
      const hours: OpeningHours = {
        weekly,
        exceptions,
        bankHolidays: bankHolidays === 'closed' || bankHolidays === 'as_usual' ? bankHolidays : 'unknown',
        // Every day unknown is the contract's "hours unknown": no rows and no list.
        ...(unknownDays.length > 0 && unknownDays.length < weekdays.length ? { unknownDays } : {}),
      };
      return { hours, ids, problems };
    },
  };
}

const firstDay = 'day-monday';

/**
 * The input an issue inside `hours` is about, from the rest of its path (`weekly.3.opensAt`,
 * `exceptions.0.sessions.1.closesAt`, `bankHolidays`), with the ids of the hours last read.
 */
export function hoursFieldId(parts: string[], ids: HoursFieldIds): string {
  const [list, indexText, part, sessionIndexText, sessionPart] = parts;
  const index = Number(indexText);
  if (list === 'bankHolidays') return 'bankHolidays';
  if (list === 'weekly') {
    const row = ids.weekly[index];
    if (!row) return firstDay;
    return part === 'closesAt' ? row.closesAt : row.opensAt;
  }
  if (list === 'exceptions') {
    const exception = ids.exceptions[index];
    if (!exception) return ids.exceptions[0]?.date ?? 'add-exception';
    if (part === 'note') return exception.note;
    if (part === 'closed') return exception.closed;
    if (part === 'sessions') {
      const session = exception.sessions[Number(sessionIndexText)];
      if (!session) return exception.closed;
      return sessionPart === 'closesAt' ? session.closesAt : session.opensAt;
    }
    return exception.date;
  }
  return firstDay;
}
