/**
 * A search as the page's URL holds it, so results can be shared and the back button works:
 * `?postcode=M15+4AB`, `?postcode=M15` or `?place=Altrincham`. Values stay as typed strings: the
 * API validates them and words the errors.
 *
 * A search near the device's location is the exception: its point (home, to about 100 m) is never
 * put in the page URL, where it would be kept in the browser's history and shared with a copied
 * link. The find page keeps it in `history.state` instead.
 */

import { looksLikePostcode } from '@contract/find-outlets.js';

export type SearchPlace =
  | { kind: 'postcode'; postcode: string }
  /** A town or area name, or a choice the API offered ("Newport, Isle of Wight"). */
  | { kind: 'name'; name: string }
  /** Already rounded to 3 decimal places (about 100 m) on the device. */
  | { kind: 'location'; lat: string; lng: string };

export interface SearchQuery {
  place: SearchPlace;
  /** `nasal`, `injectable`, or '' for any. */
  kit: string;
  openNow: boolean;
  openLate: boolean;
  noId: boolean;
  walkIn: boolean;
  /** '' means the API's default radius. */
  radiusKm: string;
}

export const filterNames = ['openNow', 'openLate', 'noId', 'walkIn'] as const;

/** How many results to ask for: enough to choose from on a phone. */
export const resultLimit = 10;

/** The search in a page URL's query, or null when the URL holds no search. */
export function queryFromUrl(params: URLSearchParams): SearchQuery | null {
  const lat = params.get('lat');
  const lng = params.get('lng');
  const postcode = params.get('postcode');
  const name = params.get('place');
  let place: SearchPlace;
  if (lat !== null || lng !== null) place = { kind: 'location', lat: lat ?? '', lng: lng ?? '' };
  // The form's own GET (sent before this script ran) names the field `postcode`, whatever it holds.
  else if (postcode !== null) place = placeFromField(postcode);
  else if (name !== null) place = { kind: 'name', name };
  else return null;
  return {
    place,
    kit: params.get('kit') ?? '',
    openNow: params.get('openNow') === 'true',
    openLate: params.get('openLate') === 'true',
    noId: params.get('noId') === 'true',
    walkIn: params.get('walkIn') === 'true',
    radiusKm: params.get('radiusKm') ?? '',
  };
}

/** The whole search as a query string, coordinates included: for the API, never the page URL. */
function searchParams(query: SearchQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.place.kind === 'postcode') params.set('postcode', query.place.postcode);
  else if (query.place.kind === 'name') params.set('place', query.place.name);
  else {
    params.set('lat', query.place.lat);
    params.set('lng', query.place.lng);
  }
  if (query.kit) params.set('kit', query.kit);
  for (const name of filterNames) if (query[name]) params.set(name, 'true');
  if (query.radiusKm) params.set('radiusKm', query.radiusKm);
  return params;
}

/**
 * The page URL for a search (what the HTML form would send, minus empty values); for a search near
 * the device's location, the bare page path.
 */
export function pageUrl(query: SearchQuery, path: string): string {
  return query.place.kind === 'location' ? path : `${path}?${searchParams(query)}`;
}

/**
 * What the "Postcode or town" field holds, as a place: a postcode if it has a digit (or is empty,
 * so the API asks for one), otherwise a town or area name.
 */
export const placeFromField = (text: string): SearchPlace =>
  text.trim() === '' || looksLikePostcode(text) ? { kind: 'postcode', postcode: text } : { kind: 'name', name: text };

/** What the "Postcode or town" field shows for a search. */
export const fieldText = (place: SearchPlace): string =>
  place.kind === 'postcode' ? place.postcode : place.kind === 'name' ? place.name : '';

/** Two searches are the same search (same place, filters and radius). */
export const sameSearch = (a: SearchQuery | null, b: SearchQuery | null): boolean =>
  (a === null ? '' : searchParams(a).toString()) === (b === null ? '' : searchParams(b).toString());

/** The query string for `GET /outlets`. */
export function apiParams(query: SearchQuery): URLSearchParams {
  const params = searchParams(query);
  params.set('limit', String(resultLimit));
  return params;
}

export const hasFilters = (query: SearchQuery): boolean => query.kit !== '' || filterNames.some((name) => query[name]);

/** The search a find-page history entry holds in `history.state` (a location search), checked rather than cast. */
export function queryFromState(state: unknown): SearchQuery | null {
  const query = (state as { query?: unknown } | null)?.query as Record<string, unknown> | undefined;
  if (typeof query !== 'object' || query === null) return null;
  const place = query.place as Record<string, unknown> | undefined;
  if (place?.kind !== 'location' || typeof place.lat !== 'string' || typeof place.lng !== 'string') return null;
  if (typeof query.kit !== 'string' || typeof query.radiusKm !== 'string') return null;
  if (!filterNames.every((name) => typeof query[name] === 'boolean')) return null;
  return {
    place: { kind: 'location', lat: place.lat, lng: place.lng },
    kit: query.kit,
    openNow: query.openNow === true,
    openLate: query.openLate === true,
    noId: query.noId === true,
    walkIn: query.walkIn === true,
    radiusKm: query.radiusKm,
  };
}
