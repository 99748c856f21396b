/**
 * The find page's map. Off until the person asks for it ("Show map"), on every screen: the tile
 * server receives their IP address and the area they searched, so it is theirs to choose. The map
 * code itself (`results-map.ts`, with Leaflet) is loaded only then.
 *
 * If that code cannot be loaded – offline, or a new build has replaced the files the service worker
 * kept – the panel says so in words instead of staying an empty box.
 */
import type { FindOutletsResponse } from '@contract/find-outlets.js';
import { tileUrl } from './config.js';
import { required } from './dom.js';
import type { ResultsMap } from './results-map.js';

export interface MapController {
  /** The results on screen (null: none); the map follows them while it is shown. */
  setResults(response: FindOutletsResponse | null): void;
  /** Highlights one place's marker; `reveal` brings the map into view and focuses the marker. */
  select(id: string | null, options?: { reveal?: boolean }): void;
}

export interface MapControllerOptions {
  /** A marker was chosen. */
  onSelect(id: string): void;
}

/** `section` holds the toggle, the panel and the result list's "Show on map" buttons. */
export function createMapController(section: HTMLElement, { onSelect }: MapControllerOptions): MapController {
  const toggle = required<HTMLButtonElement>(section, '[data-map-toggle]');
  const panel = required<HTMLElement>(section, '[data-map-panel]');
  const container = required<HTMLElement>(section, '[data-map]');
  const legend = required<HTMLElement>(section, '[data-map-legend]');
  const failed = required<HTMLElement>(section, '[data-map-failed]');
  const layout = required<HTMLElement>(section, '[data-results-layout]');

  let wanted = false;
  let broken = false;
  let shown: FindOutletsResponse | null = null;
  let loading: Promise<ResultsMap | null> | null = null;
  let map: ResultsMap | null = null;

  toggle.addEventListener('click', () => {
    wanted = panel.hidden;
    broken = false;
    void update();
    // On a phone the panel opens right under the button; make sure all of it is on screen.
    if (wanted) panel.scrollIntoView({ block: 'nearest' });
  });

  function load(): Promise<ResultsMap | null> {
    loading ??= import('./results-map.js')
      .then(({ createResultsMap }) => (map = createResultsMap(container, { tileUrl, onSelect })))
      .catch(() => {
        // Allow a later try: "Hide map", then "Show map".
        loading = null;
        return null;
      });
    return loading;
  }

  function showState(): void {
    panel.hidden = !wanted;
    layout.classList.toggle('app-results-layout--with-map', wanted && !broken);
    toggle.setAttribute('aria-expanded', String(wanted));
    toggle.textContent = wanted ? 'Hide map' : 'Show map';
    container.hidden = broken;
    legend.hidden = broken;
    failed.hidden = !broken;
    for (const item of section.querySelectorAll<HTMLElement>('[data-show-on-map-item]')) item.hidden = !wanted || broken;
  }

  async function update(): Promise<void> {
    showState();
    if (!wanted || !shown) return;
    const loaded = await load();
    if (!loaded) {
      broken = true;
      showState();
      return;
    }
    if (!shown || panel.hidden) return;
    loaded.refresh();
    loaded.show(shown);
  }

  return {
    setResults(response) {
      shown = response;
      void update();
    },
    select(id, { reveal = false } = {}) {
      if (reveal && !panel.hidden) panel.scrollIntoView({ block: 'nearest' });
      map?.select(id, { reveal });
    },
  };
}
