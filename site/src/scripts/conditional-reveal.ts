/**
 * GOV.UK conditional reveal for radios and checkboxes: an input with `data-reveals="id"` shows the
 * element with that id only while it is checked. Without JavaScript everything stays visible, so
 * the questions can still be answered (progressive enhancement).
 *
 * Listens once on a container, so inputs added later (a new special date) work too: call
 * {@link syncReveals} after adding them.
 */

/** Shows or hides every revealed block in `scope` to match its input. */
export function syncReveals(scope: ParentNode): void {
  for (const input of scope.querySelectorAll<HTMLInputElement>('input[data-reveals]')) {
    const target = document.getElementById(input.dataset.reveals ?? '');
    if (!target) continue;
    input.setAttribute('aria-controls', target.id);
    target.classList.toggle('app-conditional--hidden', !input.checked);
  }
}

/** Enhances every reveal in `container`, now and later. */
export function enhanceConditionalReveals(container: HTMLElement): void {
  container.addEventListener('change', (event) => {
    if (event.target instanceof HTMLInputElement && (event.target.type === 'radio' || event.target.type === 'checkbox')) syncReveals(container);
  });
  syncReveals(container);
}
