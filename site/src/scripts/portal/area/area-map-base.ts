/**
 * What the area dashboards' Leaflet maps share: their styles (added with the map, not linked from the
 * page, so no page waits for 12 KB of map styles it may never use), a map that does not zoom with
 * the scroll wheel and jumps rather than glides for people who ask for reduced motion, the tile
 * layer from `PUBLIC_TILE_URL` with its attribution, and Enter and Space on markers and clusters.
 *
 * The find page's results map (`scripts/results-map.ts`) sets itself up the same way. It keeps
 * its own copy so that the public pages' JavaScript stays byte for byte what it was: moved here,
 * the same code minifies to different bytes there. Loaded only with an area map.
 */
import L from 'leaflet';
import 'leaflet.markercluster';
import leafletCss from 'leaflet/dist/leaflet.css?inline';
import markerClusterCss from 'leaflet.markercluster/dist/MarkerCluster.css?inline';

const osmAttribution = '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

/** Escapes text for the few HTML strings Leaflet's `divIcon` takes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Adds Leaflet's styles to the page once (the CSP allows inline styles, which Leaflet needs anyway). */
function addMapStyles(): void {
  if (document.querySelector('style[data-map-styles]')) return;
  const style = document.createElement('style');
  style.dataset.mapStyles = '';
  style.textContent = `${leafletCss}\n${markerClusterCss}`;
  document.head.append(style);
}

/** Whether to animate: not for people who ask for reduced motion. */
export const mapAnimates = (): boolean => !window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** A map in `container` with the tile layer, before any marker is added. */
export function createBaseMap(container: HTMLElement, tileUrl: string): L.Map {
  addMapStyles();
  const animate = mapAnimates();
  const map = L.map(container, {
    scrollWheelZoom: false,
    zoomSnap: 0.5,
    zoomAnimation: animate,
    fadeAnimation: animate,
    markerZoomAnimation: animate,
  });
  L.tileLayer(tileUrl, { attribution: osmAttribution, maxZoom: 19 }).addTo(map);
  return map;
}

/**
 * Leaflet gives markers `role="button"` but only acts on Enter when a popup is bound: whether a
 * keypress on a marker is Enter or Space, which a button answers.
 */
export function isActivation(event: L.LeafletEvent): boolean {
  const key = (event as L.LeafletKeyboardEvent).originalEvent.key;
  return key === 'Enter' || key === ' ';
}

/** Enter or Space on a cluster zooms into it (or fans it out at the closest zoom), as a click does. */
export function zoomClustersByKeyboard(map: L.Map, clusters: L.MarkerClusterGroup): void {
  clusters.on('clusterkeypress', (event) => {
    if (!isActivation(event)) return;
    (event as L.LeafletKeyboardEvent).originalEvent.preventDefault();
    const cluster = (event as unknown as { layer: L.MarkerCluster }).layer;
    // The cluster's own icon goes away as the map zooms: keep focus on the map, next to its markers.
    map.getContainer().focus({ preventScroll: true });
    if (map.getZoom() >= map.getMaxZoom()) cluster.spiderfy();
    else cluster.zoomToBounds({ padding: [30, 30] });
  });
}
