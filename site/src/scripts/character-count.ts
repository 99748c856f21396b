/**
 * GOV.UK character count, for a `[data-module="character-count"]` group around a textarea.
 *
 * The HTML already says "You can enter up to N characters" and the textarea is described by it,
 * so the limit is known without JavaScript. With it, that sentence is hidden from sight (a screen
 * reader still hears it on focus) and replaced by a running count. The count on screen changes
 * with every keystroke; the copy for screen readers only once typing pauses, so a screen reader
 * user hears "You have 940 characters remaining" once rather than after every letter.
 *
 * Like GOV.UK, typing past the limit is allowed (no `maxlength`): cutting text off silently loses
 * words, and pasted text would be truncated without warning. Validation says it is too long.
 */
import { el, required } from './dom.js';

/** How long typing must pause before the count is announced (GOV.UK waits a second too). */
export const announceDelayMs = 1000;

/** "You have 1 character remaining", "You have 12 characters too many". */
export function charactersLeftInWords(remaining: number): string {
  const count = Math.abs(remaining);
  const characters = count === 1 ? 'character' : 'characters';
  return remaining >= 0 ? `You have ${count} ${characters} remaining` : `You have ${count} ${characters} too many`;
}

/** Adds the live count to one group. */
export function enhanceCharacterCount(group: HTMLElement): void {
  const textarea = required<HTMLTextAreaElement>(group, 'textarea');
  const message = required<HTMLElement>(group, '[data-character-count-message]');
  const maxLength = Number(group.dataset.maxlength);
  if (!Number.isInteger(maxLength) || maxLength <= 0) throw new Error('data-maxlength must be a positive whole number');

  // Sighted readers get the running count; it is hidden from screen readers, which get `spoken`.
  const visible = el('div', { class: 'app-hint app-character-count__status', 'aria-hidden': 'true', 'data-character-count-status': '' });
  const spoken = el('div', { class: 'app-visually-hidden', 'aria-live': 'polite', 'data-character-count-announcement': '' });
  message.classList.add('app-visually-hidden');
  message.after(visible, spoken);

  let timer: ReturnType<typeof setTimeout> | undefined;
  const remaining = () => maxLength - textarea.value.length;

  const showCount = () => {
    const over = remaining() < 0;
    visible.textContent = charactersLeftInWords(remaining());
    visible.classList.toggle('app-character-count__status--over', over);
    textarea.classList.toggle('app-textarea--over-limit', over);
  };
  const announce = () => {
    spoken.textContent = charactersLeftInWords(remaining());
  };
  const onInput = () => {
    showCount();
    clearTimeout(timer);
    timer = setTimeout(announce, announceDelayMs);
  };

  textarea.addEventListener('input', onInput);
  // Text the browser put back (after going back to the page) counts from the start.
  showCount();
}
