/**
 * A nation's numbers next to 999 (`@contract/nations.js`), where the nation is known: the outlet
 * page (by the listing's local authority) and a search (by the searched place). 999 stays in the
 * banner on every page; this repeats it beside the nation's other numbers so the list is whole.
 */
import { type HelpLine, type Nation, nationHelp, nationNames, nationOfCode } from '@contract/nations.js';
import { el } from './dom.js';
import { telUrl } from './format.js';

function helpLineItem(line: HelpLine): HTMLLIElement {
  return el(
    'li',
    {},
    line.number ? el('a', { href: telUrl(line.number) }, `${line.name}: ${line.number}`) : el('strong', {}, line.name),
    ` – ${line.purpose}.`,
    line.note ? ` ${line.note}` : '',
  );
}

/** The section "Help in Scotland": 999, then urgent advice, then drug advice lines. */
export function nationHelpSection(nation: Nation, idPrefix: string): HTMLElement {
  const help = nationHelp[nation];
  const headingId = `${idPrefix}-nation-help-heading`;
  return el(
    'section',
    { class: 'app-section', 'aria-labelledby': headingId, 'data-nation-help': nation },
    el('h2', { id: headingId }, `Help in ${nationNames[nation]}`),
    el(
      'ul',
      { class: 'app-list' },
      el('li', {}, el('a', { href: 'tel:999' }, 'Call 999'), ' if someone has overdosed or you think they have: give naloxone if you have it and stay with them.'),
      helpLineItem(help.urgentAdvice),
      ...help.drugAdvice.map(helpLineItem),
    ),
  );
}

/** The section for a listing's local authority code, or nothing when its nation is not known. */
export function nationHelpForArea(localAuthorityCode: string | null, idPrefix: string): HTMLElement | null {
  const nation = localAuthorityCode ? nationOfCode(localAuthorityCode) : null;
  return nation ? nationHelpSection(nation, idPrefix) : null;
}
