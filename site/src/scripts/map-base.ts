/**
 * What every map on the site shares: Leaflet with its stylesheet, the configured tile server and
 * its attribution, and no animation for people who ask for reduced motion. The find page's results
 * map and the registration's place map both start here, and are both loaded only when a person
 * chooses to see a map (tiles reach a third party).
 *
 * Leaflet's stylesheet comes in as text and is added with the map: imported as plain CSS, Astro
 * would link it from the page's head, and every visit would wait for it.
 */
import L from 'leaflet';
import leafletCss from 'leaflet/dist/leaflet.css?inline';

const osmAttribution = '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

/** Adds a stylesheet to the page once, under `key` (the CSP allows inline styles, which Leaflet needs anyway). */
export function addStylesOnce(key: string, css: string): void {
  if (document.querySelector(`style[data-map-styles="${key}"]`)) return;
  const style = document.createElement('style');
  style.dataset.mapStyles = key;
  style.textContent = css;
  document.head.append(style);
}

/** Whether maps should glide (zoom, fade) or jump. */
export const mapAnimates = (): boolean => !window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** A Leaflet map in `container` with the site's tiles: no scroll-wheel zoom, half-step zoom, no animation on request. */
export function createBaseMap(container: HTMLElement, tileUrl: string): L.Map {
  addStylesOnce('leaflet', leafletCss);
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
