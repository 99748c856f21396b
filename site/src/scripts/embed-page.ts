/**
 * Enhances the embeddable finder (`/embed/`): the find page's own script (`enhanceFinder`), loaded
 * only when the person starts to use the form (focus, "Search", "Use my location") or the address
 * already holds a search. It carries the API's response checks (zod), most of the find page's
 * weight, which a council's page showing the frame should not pay for unless someone searches.
 */
import { required } from './dom.js';
import { canLocate } from './geolocation.js';
import { openLinksInNewTab } from './new-tab-links.js';

export function enhanceEmbed(root: HTMLElement): void {
  openLinksInNewTab(document.body);
  const form = required<HTMLFormElement>(root, '[data-search-form]');
  const locationButton = required<HTMLButtonElement>(form, '[data-use-location]');
  // With a script the search runs in the frame; the new tab was for searches without one.
  form.removeAttribute('target');
  if (canLocate()) locationButton.hidden = false;

  // Until the finder's script is running, the first "Search" or "Use my location" waits for it,
  // then is done again for it to handle.
  const onSubmit = (event: Event) => {
    event.preventDefault();
    void load().then(() => form.requestSubmit());
  };
  const onLocate = () => void load().then(() => locationButton.click());

  let loading: Promise<void> | null = null;
  function load(): Promise<void> {
    loading ??= import('./find-page.js').then(({ enhanceFinder }) => {
      form.removeEventListener('submit', onSubmit);
      locationButton.removeEventListener('click', onLocate);
      enhanceFinder(root);
    });
    return loading;
  }

  if (location.search) {
    void load();
    return;
  }
  form.addEventListener('submit', onSubmit);
  locationButton.addEventListener('click', onLocate);
  form.addEventListener('focusin', () => void load(), { once: true });
}
