/**
 * The results on a Leaflet map. Loaded with `import()` only when the map is shown, so the find
 * page's first load stays small and the list never waits for it. The map itself, its tiles and
 * Leaflet's styles come from `map-base.ts`.
 *
 * Markers are `divIcon`s (Leaflet's default marker images 404 once bundled) numbered like the
 * list. Each is a focusable button whose accessible name comes from hidden text inside it. Leaflet
 * and the cluster plugin add marker elements in whatever order their own trees give, so after every
 * change the elements are put back in the list's order: Tab then goes 1, 2, 3… as the numbers do.
 *
 * With `prefers-reduced-motion: reduce`, the map jumps rather than glides: no zoom, fade or
 * cluster animations.
 */
import L from 'leaflet';
import 'leaflet.markercluster';
import markerClusterCss from 'leaflet.markercluster/dist/MarkerCluster.css?inline';
import type { FindOutletsResponse } from '@contract/find-outlets.js';
import { distanceInWords } from './format.js';
import { addStylesOnce, createBaseMap, mapAnimates } from './map-base.js';

export interface ResultsMapOptions {
  /** Tile URL template, from `PUBLIC_TILE_URL`. */
  tileUrl: string;
  /** Called when a person picks an outlet's marker. */
  onSelect(id: string): void;
}

export interface ResultsMap {
  /** Replaces the markers with these results and fits the view to them. */
  show(response: FindOutletsResponse): void;
  /** Highlights one outlet's marker; `reveal` zooms into its cluster and focuses it. */
  select(id: string | null, options?: { reveal?: boolean }): void;
  /** Call after the container was hidden and shown again. */
  refresh(): void;
}

/** Escapes text for the few HTML strings Leaflet's `divIcon` takes. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function createResultsMap(container: HTMLElement, options: ResultsMapOptions): ResultsMap {
  const map = createBaseMap(container, options.tileUrl);
  addStylesOnce('marker-cluster', markerClusterCss);
  const animate = mapAnimates();

  /** Each marker's number in the list. */
  const positions = new WeakMap<L.Marker, number>();
  const positionOf = (marker: L.Marker) => positions.get(marker) ?? Number.MAX_SAFE_INTEGER;

  const clusters = L.markerClusterGroup({
    // Only cluster markers that would overlap: a person should see each place when they can.
    maxClusterRadius: 30,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    animate,
    animateAddingMarkers: false,
    iconCreateFunction: (cluster) => {
      const count = cluster.getChildCount();
      const first = Math.min(...cluster.getAllChildMarkers().map(positionOf));
      return L.divIcon({
        className: 'app-map-cluster',
        iconSize: L.point(40, 40),
        html: `<span aria-hidden="true" data-cluster-count="${count}" data-cluster-first="${first}">${count}</span><span class="app-visually-hidden">${count} places here. Select to zoom in.</span>`,
      });
    },
  });
  clusters.addTo(map);

  let origin: L.Marker | null = null;
  /** In the list's order. */
  const markers = new Map<string, L.Marker>();
  let selectedId: string | null = null;

  /**
   * Puts the elements of the markers and clusters on screen in the list's order (a cluster where
   * its first place would be). Leaflet positions and stacks them with inline styles, so moving an
   * element changes only the Tab order, never what is seen.
   */
  const orderForKeyboard = () => {
    const done = new Set<L.Layer>();
    for (const marker of markers.values()) {
      const shown = clusters.getVisibleParent(marker) as L.Marker | null;
      if (!shown || done.has(shown)) continue;
      done.add(shown);
      const element = shown.getElement();
      element?.parentElement?.append(element);
    }
  };
  // After the cluster plugin has redrawn: on every zoom and pan, after its animations, and when it
  // fans a cluster out.
  const reorderSoon = () => requestAnimationFrame(orderForKeyboard);
  map.on('zoomend moveend', reorderSoon);
  clusters.on('animationend spiderfied unspiderfied', reorderSoon);

  /**
   * Leaflet gives markers `role="button"` but only acts on Enter when a popup is bound: make Enter
   * and Space do what a click does, as a button should.
   */
  const isActivation = (event: L.LeafletEvent) => {
    const key = (event as L.LeafletKeyboardEvent).originalEvent.key;
    return key === 'Enter' || key === ' ';
  };
  clusters.on('clusterkeypress', (event) => {
    if (!isActivation(event)) return;
    (event as L.LeafletKeyboardEvent).originalEvent.preventDefault();
    const cluster = (event as unknown as { layer: L.MarkerCluster }).layer;
    // The cluster's own icon goes away as the map zooms: keep focus on the map, next to its markers.
    map.getContainer().focus({ preventScroll: true });
    if (map.getZoom() >= map.getMaxZoom()) cluster.spiderfy();
    else cluster.zoomToBounds({ padding: [30, 30] });
  });

  /** Markers in clusters are created and dropped as the map zooms: re-apply the highlight each time. */
  const paint = (id: string, marker: L.Marker) =>
    marker.getElement()?.classList.toggle('app-map-marker--selected', id === selectedId);

  return {
    show(response) {
      clusters.clearLayers();
      markers.clear();
      origin?.remove();

      const here = L.latLng(response.location.lat, response.location.lng);
      // "You searched here" is said by the legend under the map: a label on the map would sit on
      // top of marker 1, which is usually right next to it. The dot is decoration for screen readers.
      origin = L.marker(here, {
        icon: L.divIcon({ className: 'app-map-origin', iconSize: L.point(18, 18) }),
        interactive: false,
        keyboard: false,
      }).addTo(map);
      origin.getElement()?.setAttribute('aria-hidden', 'true');

      response.results.forEach((outlet, index) => {
        const label = `${index + 1}. ${outlet.name}, ${distanceInWords(outlet.distanceKm)} away`;
        const marker = L.marker([outlet.location.lat, outlet.location.lng], {
          icon: L.divIcon({
            className: 'app-map-marker',
            iconSize: L.point(32, 32),
            html: `<span aria-hidden="true">${index + 1}</span><span class="app-visually-hidden">${escapeHtml(label)}</span>`,
          }),
          riseOnHover: true,
        });
        positions.set(marker, index + 1);
        marker.on('add', () => {
          marker.getElement()?.setAttribute('data-outlet-marker', outlet.id);
          marker.getElement()?.setAttribute('data-marker-position', String(index + 1));
          paint(outlet.id, marker);
        });
        marker.on('click', () => options.onSelect(outlet.id));
        marker.on('keypress', (event) => {
          if (!isActivation(event)) return;
          (event as L.LeafletKeyboardEvent).originalEvent.preventDefault();
          options.onSelect(outlet.id);
        });
        markers.set(outlet.id, marker);
        clusters.addLayer(marker);
      });

      const points = [here, ...response.results.map((outlet) => L.latLng(outlet.location.lat, outlet.location.lng))];
      map.fitBounds(L.latLngBounds(points), { padding: [30, 30], maxZoom: 16 });
      orderForKeyboard();
    },

    select(id, { reveal = false } = {}) {
      selectedId = id;
      for (const [markerId, marker] of markers) paint(markerId, marker);
      const marker = id ? markers.get(id) : undefined;
      if (!marker || !reveal) return;
      clusters.zoomToShowLayer(marker, () => {
        paint(id!, marker);
        // The map is already in view; scrolling to the marker would shift Leaflet's panes.
        marker.getElement()?.focus({ preventScroll: true });
      });
    },

    refresh() {
      map.invalidateSize();
    },
  };
}
