/**
 * The opt-in map of an area page (components/portal/OptInMap.astro): off until the person chooses
 * "Show map", its code (with Leaflet) loaded only then, following the page's data while it is
 * shown. If the code cannot be loaded, the panel says so in words instead of staying an empty box,
 * and "Hide map", "Show map" tries again.
 */
import { required } from '../../dom.js';

/** What a loaded map does with the page's data. */
export interface MapLayer<T> {
  show(data: T): void;
  /** Call after the container was hidden and shown again. */
  refresh(): void;
}

export interface OptInMap<T> {
  /** The data on screen; the map follows it while it is shown. */
  show(data: T): void;
}

/** `section` holds the toggle and the panel; `load` builds the map in the container it is given. */
export function optInMap<T>(section: HTMLElement, load: (container: HTMLElement) => Promise<MapLayer<T>>): OptInMap<T> {
  const toggle = required<HTMLButtonElement>(section, '[data-map-toggle]');
  const panel = required<HTMLElement>(section, '[data-map-panel]');
  const container = required<HTMLElement>(section, '[data-map]');
  const legend = required<HTMLElement>(section, '[data-map-legend]');
  const failed = required<HTMLElement>(section, '[data-map-failed]');

  let wanted = false;
  let broken = false;
  let shown: { data: T } | null = null;
  let loading: Promise<MapLayer<T> | null> | null = null;

  toggle.addEventListener('click', () => {
    wanted = panel.hidden;
    broken = false;
    void update();
    // On a phone the panel opens right under the button; make sure all of it is on screen.
    if (wanted) panel.scrollIntoView({ block: 'nearest' });
  });

  function loaded(): Promise<MapLayer<T> | null> {
    loading ??= load(container).catch(() => {
      // Allow a later try: "Hide map", then "Show map".
      loading = null;
      return null;
    });
    return loading;
  }

  function showState(): void {
    panel.hidden = !wanted;
    toggle.setAttribute('aria-expanded', String(wanted));
    toggle.textContent = wanted ? 'Hide map' : 'Show map';
    container.hidden = broken;
    legend.hidden = broken;
    failed.hidden = !broken;
  }

  async function update(): Promise<void> {
    showState();
    if (!wanted || !shown) return;
    const map = await loaded();
    if (!map) {
      broken = true;
      showState();
      return;
    }
    if (!shown || panel.hidden) return;
    map.refresh();
    map.show(shown.data);
  }

  return {
    show(data) {
      shown = { data };
      void update();
    },
  };
}
