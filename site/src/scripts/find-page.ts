/**
 * Enhances the find page (`[data-module="finder"]`): runs the search held in the URL, renders
 * the list, errors and the "nothing found" help, and shows the map on demand.
 *
 * The URL is the state: a search pushes `?postcode=…&kit=…`, back and forward replay it, and a
 * shared link runs the same search. Nothing is stored on the device.
 */
import type { FindOutletsResponse, ResolvedLocation } from '@contract/find-outlets.js';
import type { ErrorBody } from '@contract/error.js';
import { findOutlets } from './api.js';
import { tileUrl } from './config.js';
import { required, showDemoNotice } from './dom.js';
import { clearErrors, showErrors, type PageError } from './error-summary.js';
import { radiusInWords } from './format.js';
import { canLocate, locateRounded, locationProblem } from './geolocation.js';
import { resultCard } from './result-card.js';
import type { ResultsMap } from './results-map.js';
import { apiParams, filterNames, hasFilters, pageParams, queryFromUrl, type SearchQuery } from './search-query.js';

const siteName = 'Find free naloxone';
/** Side by side from this width; below it the map is off until asked for, to save data. */
const wideScreen = '(min-width: 48.0625em)';
const widestRadiusKm = 100;

/** Which control an API issue belongs to, for the error summary's links. */
const fieldForIssue: Record<string, string> = {
  postcode: 'postcode',
  lat: 'use-location',
  lng: 'use-location',
  kit: 'kit-any',
  openNow: 'openNow',
  openLate: 'openLate',
  noId: 'noId',
  walkIn: 'walkIn',
};

export function enhanceFinder(root: HTMLElement): void {
  const form = required<HTMLFormElement>(root, '[data-search-form]');
  const postcodeInput = required<HTMLInputElement>(form, '#postcode');
  const locationButton = required<HTMLButtonElement>(form, '[data-use-location]');
  const locationStatus = required<HTMLElement>(form, '[data-location-status]');
  const filtersDetails = required<HTMLDetailsElement>(form, '[data-filters]');
  const status = required<HTMLElement>(root, '[data-results-status]');
  const problem = required<HTMLElement>(root, '[data-problem]');
  const problemKept = required<HTMLElement>(root, '[data-problem-kept]');
  const results = required<HTMLElement>(root, '[data-results]');
  const heading = required<HTMLElement>(root, '[data-results-heading]');
  const note = required<HTMLElement>(root, '[data-results-note]');
  const list = required<HTMLOListElement>(root, '[data-results-list]');
  const layout = required<HTMLElement>(root, '[data-results-layout]');
  const mapToggle = required<HTMLButtonElement>(root, '[data-map-toggle]');
  const mapPanel = required<HTMLElement>(root, '[data-map-panel]');
  const mapContainer = required<HTMLElement>(root, '[data-map]');
  const noResults = required<HTMLElement>(root, '[data-no-results]');
  const noResultsHeading = required<HTMLElement>(root, '[data-no-results-heading]');
  const noResultsText = required<HTMLElement>(root, '[data-no-results-text]');
  const noResultsFilters = required<HTMLElement>(root, '[data-no-results-filters]');
  const widen = required<HTMLElement>(root, '[data-widen]');
  const widenLink = required<HTMLAnchorElement>(root, '[data-widen-link]');
  const initialTitle = document.title;

  let inFlight: AbortController | null = null;
  let current: SearchQuery | null = null;
  /** The response on screen, kept (in memory only) so an outage does not wipe the list. */
  let shown: FindOutletsResponse | null = null;
  /** null until the person uses the toggle; then their choice wins over the screen width. */
  let mapWanted: boolean | null = null;
  let mapLoading: Promise<ResultsMap | null> | null = null;
  let map: ResultsMap | null = null;
  let locating = false;

  if (canLocate()) locationButton.hidden = false;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const postcode = postcodeInput.value;
    // "Apply filters" after a location search keeps the location rather than asking for a postcode.
    const place =
      postcode.trim() === '' && current?.place.kind === 'location' ? current.place : ({ kind: 'postcode', postcode } as const);
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

  widenLink.addEventListener('click', (event) => {
    if (!current) return;
    event.preventDefault();
    go({ ...current, radiusKm: String(widestRadiusKm) });
  });

  mapToggle.addEventListener('click', () => {
    mapWanted = mapPanel.hidden;
    void updateMap();
  });

  list.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('[data-show-on-map]');
    const id = button?.dataset.showOnMap;
    if (!id) return;
    highlightCard(id);
    map?.select(id, { reveal: true });
  });
  const followPointer = (event: Event) => {
    const id = (event.target as Element).closest<HTMLElement>('[data-outlet-id]')?.dataset.outletId;
    if (id) {
      highlightCard(id);
      map?.select(id);
    }
  };
  list.addEventListener('focusin', followPointer);
  list.addEventListener('mouseover', followPointer);

  window.addEventListener('popstate', fromUrl);
  fromUrl();

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
    postcodeInput.value = query.place.kind === 'postcode' ? query.place.postcode : '';
    for (const radio of form.querySelectorAll<HTMLInputElement>('input[name="kit"]')) radio.checked = radio.value === query.kit;
    for (const name of filterNames) {
      const box = form.querySelector<HTMLInputElement>(`input[name="${name}"]`);
      if (box) box.checked = query[name];
    }
    if (hasFilters(query)) filtersDetails.open = true;
  }

  /** A new search: a new history entry (unless it repeats the one on screen), then run it. */
  function go(query: SearchQuery): void {
    const url = `${location.pathname}?${pageParams(query)}`;
    if (url === `${location.pathname}${location.search}`) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    void run(query, { moveFocus: true });
  }

  function fromUrl(): void {
    const query = queryFromUrl(new URLSearchParams(location.search));
    if (query) {
      void run(query);
      return;
    }
    inFlight?.abort();
    current = null;
    shown = null;
    clearErrors();
    results.hidden = true;
    noResults.hidden = true;
    problem.hidden = true;
    status.textContent = '';
    document.title = initialTitle;
    showDemoNotice(false);
  }

  /**
   * `moveFocus` is for searches the person just asked for: focus goes to the results heading,
   * which also scrolls it into view (on a phone the form fills the screen). A search replayed from
   * the URL on load or back/forward leaves focus alone.
   */
  async function run(query: SearchQuery, { moveFocus = false } = {}): Promise<void> {
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    current = query;
    fillForm(query);
    clearErrors();
    locationStatus.textContent = '';
    status.textContent = 'Searching…';

    const result = await findOutlets(apiParams(query), controller.signal);
    if (controller.signal.aborted || result.kind === 'aborted') return;
    inFlight = null;
    if (result.kind === 'ok') {
      render(query, result.data);
      if (moveFocus) {
        const target = results.hidden ? noResultsHeading : heading;
        target.focus({ preventScroll: true });
        target.scrollIntoView({ block: 'start' });
      }
    }
    else if (result.kind === 'rejected') showRejected(result.body);
    else showProblem();
  }

  function render(query: SearchQuery, response: FindOutletsResponse): void {
    problem.hidden = true;
    const where = placeInWords(response.location);
    const count = response.results.length;
    document.title = `${count ? 'Places' : 'No places'} near ${where} – ${siteName}`;

    if (count === 0) {
      shown = null;
      results.hidden = true;
      noResults.hidden = false;
      noResultsHeading.textContent = `No places found near ${where}`;
      noResultsText.textContent = `We could not find anywhere giving out free naloxone within ${radiusInWords(response.searchedRadiusKm)} of ${where}.`;
      noResultsFilters.hidden = !hasFilters(query);
      widen.hidden = response.searchedRadiusKm >= widestRadiusKm;
      widenLink.href = `${location.pathname}?${pageParams({ ...query, radiusKm: String(widestRadiusKm) })}`;
      status.textContent = `No places found near ${where}`;
      showDemoNotice(false);
      return;
    }

    shown = response;
    noResults.hidden = true;
    results.hidden = false;
    heading.textContent = `Places near ${where}`;
    note.textContent =
      (response.location.source === 'outward_code'
        ? `We searched from the middle of the ${response.location.label ?? ''} postcode area. `
        : '') + 'Nearest first. Distances are in a straight line.';
    list.replaceChildren(...response.results.map((outlet, index) => resultCard(outlet, index + 1)));
    status.textContent = `${count} ${count === 1 ? 'place' : 'places'} found near ${where}`;
    showDemoNotice(response.results.some((outlet) => outlet.demo));
    void updateMap();
  }

  function showRejected(body: ErrorBody): void {
    shown = null;
    results.hidden = true;
    noResults.hidden = true;
    problem.hidden = true;
    status.textContent = '';
    showDemoNotice(false);
    const errors: PageError[] = body.issues.length
      ? body.issues.map((issue) => ({
          message: issue.message,
          fieldId: Object.hasOwn(fieldForIssue, issue.path) ? fieldForIssue[issue.path]! : 'postcode',
        }))
      : [{ message: body.message, fieldId: 'postcode' }];
    document.title = initialTitle;
    showErrors(errors);
  }

  function showProblem(): void {
    status.textContent = '';
    problemKept.hidden = !shown || results.hidden;
    problem.hidden = false;
  }

  function highlightCard(id: string | null): void {
    for (const card of list.querySelectorAll<HTMLElement>('[data-outlet-id]')) {
      card.classList.toggle('app-result--selected', card.dataset.outletId === id);
    }
  }

  /** A marker was chosen: take the person to that listing. */
  function selectFromMap(id: string): void {
    highlightCard(id);
    map?.select(id);
    document.getElementById(`result-${id}`)?.querySelector<HTMLElement>('[data-result-link]')?.focus();
  }

  function loadMap(): Promise<ResultsMap | null> {
    mapLoading ??= import('./results-map.js')
      .then(({ createResultsMap }) => (map = createResultsMap(mapContainer, { tileUrl, onSelect: selectFromMap })))
      .catch(() => {
        // Offline or blocked: the list already has everything; allow a later retry.
        mapLoading = null;
        return null;
      });
    return mapLoading;
  }

  async function updateMap(): Promise<void> {
    const visible = mapWanted ?? window.matchMedia(wideScreen).matches;
    mapPanel.hidden = !visible;
    layout.classList.toggle('app-results-layout--with-map', visible);
    mapToggle.setAttribute('aria-expanded', String(visible));
    mapToggle.textContent = visible ? 'Hide map' : 'Show map';
    const credit = document.querySelector<HTMLElement>('[data-map-credit]');
    if (credit) credit.hidden = !visible;
    for (const item of list.querySelectorAll<HTMLElement>('[data-show-on-map-item]')) item.hidden = !visible;
    if (!visible || !shown) return;
    const loaded = await loadMap();
    if (!loaded || !shown || mapPanel.hidden) return;
    loaded.refresh();
    loaded.show(shown);
  }
}

/** "M15 4AB", "M15" or "your location", for headings and announcements. */
function placeInWords(location: ResolvedLocation): string {
  if (location.source === 'coordinates') return 'your location';
  return location.label ?? 'the place you searched';
}
