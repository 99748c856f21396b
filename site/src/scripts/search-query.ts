/**
 * A search as the page's URL holds it, so results can be shared and the back button works.
 * Values stay as typed strings: the API validates them and words the errors.
 */

export type SearchPlace =
  | { kind: 'postcode'; postcode: string }
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
export type FilterName = (typeof filterNames)[number];

/** How many results to ask for: enough to choose from on a phone. */
export const resultLimit = 10;

/** The search in a page URL's query, or null when the URL holds no search. */
export function queryFromUrl(params: URLSearchParams): SearchQuery | null {
  const lat = params.get('lat');
  const lng = params.get('lng');
  const postcode = params.get('postcode');
  let place: SearchPlace;
  if (lat !== null || lng !== null) place = { kind: 'location', lat: lat ?? '', lng: lng ?? '' };
  else if (postcode !== null) place = { kind: 'postcode', postcode };
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

/** The query string for the page URL (what the HTML form would send, minus empty values). */
export function pageParams(query: SearchQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.place.kind === 'postcode') params.set('postcode', query.place.postcode);
  else {
    params.set('lat', query.place.lat);
    params.set('lng', query.place.lng);
  }
  if (query.kit) params.set('kit', query.kit);
  for (const name of filterNames) if (query[name]) params.set(name, 'true');
  if (query.radiusKm) params.set('radiusKm', query.radiusKm);
  return params;
}

/** The query string for `GET /outlets`. */
export function apiParams(query: SearchQuery): URLSearchParams {
  const params = pageParams(query);
  params.set('limit', String(resultLimit));
  return params;
}

export const hasFilters = (query: SearchQuery): boolean => query.kit !== '' || filterNames.some((name) => query[name]);
