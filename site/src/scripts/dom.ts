/** Small DOM helpers: build elements with text only (never HTML strings from data). */

type Child = Node | string | null | undefined | false;

/** `el('a', { href: '/x', class: 'app-link' }, 'Text', child)` */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) element.setAttribute(name, value);
  for (const child of children) if (child) element.append(child);
  return element;
}

/** A span only screen readers read, to give links context ("Directions to Boots"). */
export const hiddenText = (text: string): HTMLSpanElement => el('span', { class: 'app-visually-hidden' }, text);

/** Required elements: a page without them is a build bug, so fail loudly. */
export function required<E extends Element>(root: ParentNode, selector: string): E {
  const found = root.querySelector<E>(selector);
  if (!found) throw new Error(`Missing ${selector}`);
  return found;
}

/** Shows the page's demo notice (inside `root`) when (and only when) demo listings are on screen. */
export function showDemoNotice(root: ParentNode, visible: boolean): void {
  const notice = root.querySelector<HTMLElement>('[data-demo-notice]');
  if (notice) notice.hidden = !visible;
}

/** One row of a summary list (`<dl class="app-summary">`): a term and its value. */
export function summaryRow(term: string, ...value: (Node | string)[]): HTMLElement {
  return el('div', { class: 'app-summary__row' }, el('dt', {}, term), el('dd', {}, ...value));
}

/** The "Demo" tag on a listing. */
export function demoTag(): HTMLElement {
  return el('strong', { class: 'app-tag' }, 'Demo', hiddenText(': naloxone details made up'));
}
