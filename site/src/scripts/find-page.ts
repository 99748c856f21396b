/**
 * Enhances the find page (`[data-module="finder"]`): runs the search the history entry holds,
 * keeps that entry and the form in step, and wires the results view to the map.
 *
 * A postcode search is held in the URL (`?postcode=…&kit=…`): back and forward replay it, and a
 * shared link runs the same search. A search near the device's location is held in
 * `history.state` only, so its point never reaches the address bar, a copied link or the
 * browser's history list. Nothing is stored on the device.
 *
 * The page draws its results after it loads, so the browser cannot restore the scroll position on
 * "back": the position is kept in the history entry and restored once the results are drawn.
 */
import type { ErrorBody } from '@contract/error.js';
import { findOutlets } from './api.js';
import { required } from './dom.js';
import { clearErrors, showErrors, type PageError } from './error-summary.js';
import { canLocate, locateRounded, locationProblem } from './geolocation.js';
import { createMapController } from './map-controller.js';
import { createResultsView, widestRadiusKm } from './results-view.js';
import {
  apiParams,
  fieldText,
  filterNames,
  hasFilters,
  pageUrl,
  placeFromField,
  queryFromState,
  queryFromUrl,
  sameSearch,
  type SearchQuery,
} from './search-query.js';

/** Which control an API issue belongs to, for the error summary's links. */
const fieldForIssue: Record<string, string> = {
  postcode: 'postcode',
  place: 'postcode',
  lat: 'use-location',
  lng: 'use-location',
  kit: 'kit-any',
  openNow: 'openNow',
  openLate: 'openLate',
  noId: 'noId',
  walkIn: 'walkIn',
};

/** What a find-page history entry may hold besides its URL. */
interface EntryState {
  /** A location search (never put in the URL). */
  query?: SearchQuery;
  /** Where the page was scrolled to when the person left this entry. */
  scrollY?: number;
}

export function enhanceFinder(root: HTMLElement): void {
  const form = required<HTMLFormElement>(root, '[data-search-form]');
  const postcodeInput = required<HTMLInputElement>(form, '#postcode');
  const locationButton = required<HTMLButtonElement>(form, '[data-use-location]');
  const locationStatus = required<HTMLElement>(form, '[data-location-status]');
  const filtersDetails = required<HTMLDetailsElement>(form, '[data-filters]');
  const resultsSection = required<HTMLElement>(root, '[data-results]');
  const list = required<HTMLOListElement>(root, '[data-results-list]');
  const initialTitle = document.title;

  let inFlight: AbortController | null = null;
  /** The search on screen (or on its way), and the URL query it was run from. */
  let current: SearchQuery | null = null;
  let currentUrlSearch = location.search;
  let locating = false;

  const view = createResultsView(root, {
    onWiden: () => {
      if (current) go({ ...current, radiusKm: String(widestRadiusKm) });
    },
    onChoose: (name) => {
      if (current) go({ ...current, place: { kind: 'name', name }, radiusKm: '' });
    },
  });
  const map = createMapController(resultsSection, {
    onSelect: (id) => {
      view.highlight(id);
      map.select(id);
      view.focusResult(id);
    },
  });

  history.scrollRestoration = 'manual';
  if (canLocate()) locationButton.hidden = false;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = postcodeInput.value;
    // "Apply filters" after a location search keeps the location rather than asking for a postcode.
    const place = text.trim() === '' && current?.place.kind === 'location' ? current.place : placeFromField(text);
    go({ ...filtersFromForm(), place, radiusKm: '' });
  });

  locationButton.addEventListener('click', async () => {
    if (locating) return;
    locating = true;
    locationButton.setAttribute('aria-disabled', 'true');
    locationStatus.textContent = 'Finding your location…';
    const found = await locateRounded();
    locating = false;
    locationButton.removeAttribute('aria-disabled');
    if (found.kind !== 'ok') {
      locationStatus.textContent = locationProblem(found.kind);
      return;
    }
    locationStatus.textContent = '';
    go({ ...filtersFromForm(), place: { kind: 'location', lat: found.lat, lng: found.lng }, radiusKm: '' });
  });

  list.addEventListener('click', (event) => {
    const target = event.target as Element;
    // Leaving for a listing (or directions, or a report): remember where the list was.
    if (target.closest('a[href]')) rememberScroll();
    const id = target.closest<HTMLButtonElement>('[data-show-on-map]')?.dataset.showOnMap;
    if (!id) return;
    view.highlight(id);
    map.select(id, { reveal: true });
  });
  const followPointer = (event: Event) => {
    const id = (event.target as Element).closest<HTMLElement>('[data-outlet-id]')?.dataset.outletId;
    if (id) {
      view.highlight(id);
      map.select(id);
    }
  };
  list.addEventListener('focusin', followPointer);
  list.addEventListener('mouseover', followPointer);
  window.addEventListener('pagehide', rememberScroll);

  window.addEventListener('popstate', () => {
    // Following a link to somewhere on this page (the skip link, say) adds a history entry with
    // the same search and no state: there is nothing to search again.
    if (location.hash && history.state === null && location.search === currentUrlSearch) return;
    const query = queryInHistory();
    if (sameSearch(query, current)) return;
    fromHistory(query);
  });
  fromHistory(queryInHistory());

  function entryState(): EntryState {
    const state: unknown = history.state;
    return typeof state === 'object' && state !== null ? (state as EntryState) : {};
  }

  function queryInHistory(): SearchQuery | null {
    return queryFromState(history.state) ?? queryFromUrl(new URLSearchParams(location.search));
  }

  function rememberScroll(): void {
    history.replaceState({ ...entryState(), scrollY: window.scrollY }, '');
  }

  function filtersFromForm(): Omit<SearchQuery, 'place' | 'radiusKm'> {
    const data = new FormData(form);
    return {
      kit: String(data.get('kit') ?? ''),
      openNow: data.has('openNow'),
      openLate: data.has('openLate'),
      noId: data.has('noId'),
      walkIn: data.has('walkIn'),
    };
  }

  function fillForm(query: SearchQuery): void {
    postcodeInput.value = fieldText(query.place);
    for (const radio of form.querySelectorAll<HTMLInputElement>('input[name="kit"]')) radio.checked = radio.value === query.kit;
    for (const name of filterNames) {
      const box = form.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      if (box) box.checked = query[name];
    }
    if (hasFilters(query)) filtersDetails.open = true;
  }

  /** A new search: a new history entry (unless it repeats the one on screen), then run it. */
  function go(query: SearchQuery): void {
    rememberScroll();
    const url = pageUrl(query, location.pathname);
    const state: EntryState | null = query.place.kind === 'location' ? { query } : null;
    if (sameSearch(query, queryInHistory())) history.replaceState(state, '', url);
    else history.pushState(state, '', url);
    void run(query, { moveFocus: true });
  }

  function fromHistory(query: SearchQuery | null): void {
    if (query?.place.kind === 'location' && location.search) {
      // An old link with coordinates in it: from now on they live in the history entry only.
      history.replaceState({ ...entryState(), query }, '', location.pathname + location.hash);
    }
    if (query) {
      void run(query);
      return;
    }
    inFlight?.abort();
    current = null;
    currentUrlSearch = location.search;
    clearErrors();
    view.clear();
    map.setResults(null);
    document.title = initialTitle;
  }

  /**
   * `moveFocus` is for searches the person just asked for: focus goes to the results heading,
   * which also scrolls it into view (on a phone the form fills the screen). A search replayed from
   * the history entry on load or back/forward leaves focus alone and goes back to where the person
   * had scrolled.
   */
  async function run(query: SearchQuery, { moveFocus = false } = {}): Promise<void> {
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    current = query;
    currentUrlSearch = location.search;
    fillForm(query);
    clearErrors();
    locationStatus.textContent = '';
    view.searching();

    const result = await findOutlets(apiParams(query), controller.signal);
    if (controller.signal.aborted || result.kind === 'aborted') return;
    inFlight = null;
    if (result.kind === 'ok') {
      const answer = result.data;
      const target = 'choices' in answer ? view.renderChoices(query, answer) : view.render(query, answer);
      map.setResults('results' in answer && answer.results.length ? answer : null);
      if (moveFocus) {
        target.focus({ preventScroll: true });
        target.scrollIntoView({ block: 'start' });
      } else {
        const { scrollY } = entryState();
        if (typeof scrollY === 'number') window.scrollTo(0, scrollY);
      }
    } else if (result.kind === 'rejected') {
      showRejected(result.body);
    } else {
      view.showProblem();
    }
  }

  function showRejected(body: ErrorBody): void {
    view.clear();
    map.setResults(null);
    const errors: PageError[] = body.issues.length
      ? body.issues.map((issue) => ({
          message: issue.message,
          fieldId: Object.hasOwn(fieldForIssue, issue.path) ? fieldForIssue[issue.path]! : 'postcode',
        }))
      : [{ message: body.message, fieldId: 'postcode' }];
    document.title = initialTitle;
    showErrors(errors);
  }
}
