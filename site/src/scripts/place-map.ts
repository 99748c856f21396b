/**
 * Where a registration's postcode puts the place, on a map, for the registrant to check. Loaded with
 * `import()` only when they choose "Show on a map", like the find page's map: the tile server would
 * otherwise learn the address before they asked for a map. The page says the same in words, so the
 * map is never needed.
 */
import L from 'leaflet';
import type { RegistrationPlace } from '@contract/registration.js';
import { createBaseMap } from './map-base.js';

export interface PlaceMap {
  /** Centres the map on `place`, closer in for a whole postcode than for its district. */
  show(place: RegistrationPlace): void;
  /** Call after the container was hidden and shown again. */
  refresh(): void;
}

export function createPlaceMap(container: HTMLElement, tileUrl: string): PlaceMap {
  const map = createBaseMap(container, tileUrl);
  // The dot is decoration: the page says in words where the place is.
  const dot = L.marker([0, 0], { icon: L.divIcon({ className: 'app-map-origin', iconSize: L.point(18, 18) }), interactive: false, keyboard: false });
  dot.on('add', () => dot.getElement()?.setAttribute('aria-hidden', 'true'));
  return {
    show(place) {
      const point = L.latLng(place.location.lat, place.location.lng);
      dot.setLatLng(point).addTo(map);
      map.setView(point, place.locationSource === 'postcode' ? 17 : 13);
    },
    refresh() {
      map.invalidateSize();
    },
  };
}
