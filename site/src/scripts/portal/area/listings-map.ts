/**
 * An area's listings on a Leaflet map, each marker shaped and coloured by the status the public
 * sees (a circle for open, a square for temporarily closed, a diamond for withdrawn), so the map
 * reads without colour. Loaded with `import()` only when the person shows the map.
 *
 * Each marker is a focusable button named by the listing and its status; choosing one (click,
 * Enter or Space) tells the page, which shows that listing's details under the map. Markers that
 * would overlap are clustered, as on the find page.
 */
import L from 'leaflet';
import type { AreaListing } from '@contract/area-dashboard.js';
import { outletTypeInWords } from '../../format.js';
import { createBaseMap, escapeHtml, isActivation, mapAnimates, zoomClustersByKeyboard } from './area-map-base.js';
import type { MapLayer } from './opt-in-map.js';
import { publicStatusInWords } from './area-words.js';

export interface ListingsMapOptions {
  /** Tile URL template, from `PUBLIC_TILE_URL`. */
  tileUrl: string;
  /** A listing's marker was chosen. */
  onSelect(id: string): void;
}

/** Where the map starts when the area has no listings to fit: England. */
const england = { center: L.latLng(52.8, -1.6), zoom: 6 } as const;

export function createListingsMap(container: HTMLElement, { tileUrl, onSelect }: ListingsMapOptions): MapLayer<readonly AreaListing[]> {
  const map = createBaseMap(container, tileUrl);
  const clusters = L.markerClusterGroup({
    maxClusterRadius: 30,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    animate: mapAnimates(),
    animateAddingMarkers: false,
    iconCreateFunction: (cluster) => {
      const count = cluster.getChildCount();
      return L.divIcon({
        className: 'app-map-cluster',
        iconSize: L.point(40, 40),
        html: `<span aria-hidden="true">${count}</span><span class="app-visually-hidden">${count} listings here. Select to zoom in.</span>`,
      });
    },
  });
  clusters.addTo(map);
  zoomClustersByKeyboard(map, clusters);

  return {
    show(listings) {
      clusters.clearLayers();
      for (const listing of listings) {
        const label = `${listing.name} (${outletTypeInWords(listing.outletType)}), ${listing.address.lines[0] ?? listing.address.postcode}: ${publicStatusInWords(listing)}`;
        const marker = L.marker([listing.location.lat, listing.location.lng], {
          icon: L.divIcon({
            className: `app-area-marker app-area-marker--${listing.publicStatus}`,
            iconSize: L.point(26, 26),
            html: `<span class="app-visually-hidden">${escapeHtml(label)}</span>`,
          }),
          riseOnHover: true,
        });
        marker.on('add', () => marker.getElement()?.setAttribute('data-area-marker', listing.id));
        marker.on('click', () => onSelect(listing.id));
        marker.on('keypress', (event) => {
          if (!isActivation(event)) return;
          (event as L.LeafletKeyboardEvent).originalEvent.preventDefault();
          onSelect(listing.id);
        });
        clusters.addLayer(marker);
      }
      if (listings.length === 0) map.setView(england.center, england.zoom);
      else map.fitBounds(L.latLngBounds(listings.map((listing) => L.latLng(listing.location.lat, listing.location.lng))), { padding: [20, 20], maxZoom: 15 });
    },
    refresh() {
      map.invalidateSize();
    },
  };
}
