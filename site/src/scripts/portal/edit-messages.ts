/**
 * What the edit page says after saving: the success banner (what changed, now), and the warning
 * when someone else changed the listing first (what they changed, what the person was changing,
 * and a way to put their changes back into the form).
 */
import { el } from '../dom.js';
import { outletPageUrl } from '../site-urls.js';
import { type EditableField, type ListingValues, fieldLabel, valueInWords } from './listing-values.js';

/** The success banner's content: each changed field and its new value. */
export function savedMessage(id: string, fields: readonly EditableField[], now: ListingValues): HTMLElement[] {
  return [
    el('h2', { class: 'app-notification-banner__heading' }, 'Your changes have been saved'),
    el('p', {}, 'The public can see them now.'),
    el(
      'ul',
      { class: 'app-change-list', 'data-saved-changes': '' },
      ...fields.map((field) => el('li', {}, el('strong', {}, `${fieldLabel(field)}: `), valueInWords(field, now))),
    ),
    el('p', {}, el('a', { href: outletPageUrl(id) }, 'See your listing as the public does')),
  ];
}

/** A list of field labels in words: "Opening hours, Phone number and Website". */
function labelsInWords(fields: readonly EditableField[]): string {
  const labels = fields.map(fieldLabel);
  return labels.length > 1 ? `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}` : (labels[0] ?? '');
}

/**
 * The warning when the listing changed under the person: `theirs` are the fields someone else
 * changed (to `theirValues`), `mine` those the person was changing (to `myValues`).
 */
export function conflictMessage(
  theirs: readonly EditableField[],
  theirValues: ListingValues,
  mine: readonly EditableField[],
  myValues: ListingValues,
  putBack: () => void,
): HTMLElement[] {
  const button = el('button', { type: 'button', class: 'app-button app-button--secondary', 'data-put-back': '' }, 'Put my changes back into the form');
  button.addEventListener('click', putBack);
  const both = mine.filter((field) => theirs.includes(field));
  return [
    el('h2', { class: 'app-notification-banner__heading' }, 'Someone else changed this listing while you were editing it'),
    el('p', {}, 'Your changes have not been saved. The form now shows the listing as it is now.'),
    theirs.length ? el('p', {}, 'They changed:') : el('span', { hidden: '' }),
    theirs.length
      ? el(
          'ul',
          { class: 'app-change-list', 'data-their-changes': '' },
          ...theirs.map((field) => el('li', {}, el('strong', {}, `${fieldLabel(field)}: `), `now ${valueInWords(field, theirValues)}`)),
        )
      : el('span', { hidden: '' }),
    both.length ? el('p', {}, el('strong', {}, `You both changed: ${labelsInWords(both)}.`), ' Check their version before you put yours back.') : el('span', { hidden: '' }),
    el('p', {}, 'You were changing:'),
    el(
      'ul',
      { class: 'app-change-list', 'data-my-changes': '' },
      ...mine.map((field) => el('li', {}, el('strong', {}, `${fieldLabel(field)}: `), `you entered ${valueInWords(field, myValues)}`)),
    ),
    button,
  ];
}
