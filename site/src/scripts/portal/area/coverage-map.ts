/**
 * The coverage map layer: the area's places gathered into squares of about a kilometre, each shaded
 * by how far its furthest place is from the nearest outlet open at the chosen moment (darker is
 * further, so the bands read in greys too; the legend names them). Loaded with `import()` only
 * when the person shows the map. The squares are pictures of the table and list beside them, not
 * controls: the map itself can be moved and zoomed by keyboard.
 */
import L from 'leaflet';
import type { CoverageResult } from '@contract/coverage.js';
import { createBaseMap } from './area-map-base.js';
import { bandOf, type DistanceBand } from './coverage-words.js';
import type { MapLayer } from './opt-in-map.js';

export interface CoverageMapOptions {
  /** Tile URL template, from `PUBLIC_TILE_URL`. */
  tileUrl: string;
}

/** Fill colours by band: one blue hue from light to dark, and black-red for "none in reach". */
export const bandColours: Record<DistanceBand, string> = {
  within1: '#d2e5f5',
  within2: '#8fbde2',
  within5: '#2f7dc1',
  over5: '#0b3a66',
  none: '#2a0b06',
};

/** Half a square's side in degrees: about 0.5 km north–south and, at England's latitudes, east–west. */
const halfLat = 0.0045;
const halfLng = 0.0075;

export function createCoverageMap(container: HTMLElement, { tileUrl }: CoverageMapOptions): MapLayer<CoverageResult> {
  const map = createBaseMap(container, tileUrl);
  const squares = L.layerGroup().addTo(map);
  let fitted = false;
  return {
    show(result) {
      squares.clearLayers();
      for (const square of result.squares) {
        const band = bandOf(square.maxKm);
        L.rectangle(
          [
            [square.lat - halfLat, square.lng - halfLng],
            [square.lat + halfLat, square.lng + halfLng],
          ],
          { stroke: false, fillColor: bandColours[band], fillOpacity: 0.65, interactive: false, className: `app-coverage-square app-coverage-square--${band}` },
        ).addTo(squares);
      }
      // Keep the view when the person switches moments: they compare the same streets.
      if (fitted) return;
      fitted = true;
      if (result.squares.length === 0) map.setView([52.8, -1.6], 6);
      else map.fitBounds(L.latLngBounds(result.squares.map((square) => L.latLng(square.lat, square.lng))), { padding: [10, 10] });
    },
    refresh() {
      map.invalidateSize();
    },
  };
}
