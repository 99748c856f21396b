/**
 * Where a search is centred: the person's rounded location, their postcode's centroid, or, when the
 * postcode is not in the directory, the centroid of its district; or the centre of a town or area
 * found by its name. Pure: lookups are passed in.
 */
import {
  type FindOutletsQuery,
  looksLikePostcode,
  NO_PLACE_MESSAGE,
  type PlaceChoicesResponse,
  type ResolvedLocation,
  UNKNOWN_PLACE_MESSAGE,
} from '../contract/find-outlets.js';
import { badRequest, DomainError, validationFailed } from '../shared/errors.js';
import { type NamedPlace, type PlaceIndex, placeIndex } from './place-names.js';
import { INVALID_POSTCODE_MESSAGE, UNKNOWN_POSTCODE_MESSAGE, parsePostcodeInput } from './postcodes.js';

/** A centroid as the lookups return it; extra fields (local authority) are ignored here. */
export interface LookupPoint {
  lat: number;
  lng: number;
}

/** How the core finds postcodes; the handler passes the data layer's getters. */
export interface LocationLookup {
  /** A normalised full postcode (`M15 4AB`) → its centroid, or null if unknown. */
  postcode(postcode: string): Promise<LookupPoint | null>;
  /** A normalised outward code (`M15`) → its district centroid, or null if unknown. */
  outwardCode(outward: string): Promise<LookupPoint | null>;
}

/** Decimal places kept of any search point: 3 is about 100 m, so an exact point never goes further. */
export const SEARCH_POINT_DECIMALS = 3;

function rounded(value: number): number {
  const factor = 10 ** SEARCH_POINT_DECIMALS;
  const result = Math.round(value * factor) / factor;
  // -0 would print as "0" but compare oddly in tests and JSON consumers.
  return result === 0 ? 0 : result;
}

function located(point: LookupPoint, source: ResolvedLocation['source'], label: string | null): ResolvedLocation {
  return { lat: rounded(point.lat), lng: rounded(point.lng), source, label };
}

/**
 * Resolves the validated query to a search point.
 *
 * - `lat` + `lng`: rounded to {@link SEARCH_POINT_DECIMALS} places, source `coordinates`.
 * - a full postcode found: its centroid, source `postcode`, label the normalised postcode.
 * - a full postcode not found (new, or not imported): its district's centroid, source
 *   `outward_code`, label the outward code, which is how the caller can say so.
 * - an outward code: its centroid, source `outward_code`.
 *
 * @throws 400 `bad_request` with `{ path: 'postcode', message: INVALID_POSTCODE_MESSAGE }` when the
 *   input is not shaped like a postcode.
 * @throws 422 `validation_failed` with `{ path: 'postcode', message: UNKNOWN_POSTCODE_MESSAGE }` when
 *   neither the postcode nor its district is known. 422 rather than 404: the request and the route
 *   are fine, it is the value of one field that cannot be used, and the site shows it by that field.
 */
export async function resolveSearchLocation(
  query: Pick<FindOutletsQuery, 'lat' | 'lng' | 'postcode'>,
  lookup: LocationLookup,
): Promise<ResolvedLocation> {
  if (query.lat !== undefined && query.lng !== undefined) {
    return located({ lat: query.lat, lng: query.lng }, 'coordinates', null);
  }
  if (query.postcode === undefined) {
    // The contract's schema already refuses this; kept so the core is safe on its own.
    throw badRequest('There is a problem with the search', [
      { path: 'postcode', message: NO_PLACE_MESSAGE },
    ]);
  }

  const parsed = parsePostcodeInput(query.postcode);
  if (parsed.kind === 'invalid') {
    throw badRequest('There is a problem with the search', [{ path: 'postcode', message: INVALID_POSTCODE_MESSAGE }]);
  }
  if (parsed.kind === 'full') {
    const point = await lookup.postcode(parsed.postcode);
    if (point) return located(point, 'postcode', parsed.postcode);
  }
  const district = await lookup.outwardCode(parsed.outward);
  if (district) return located(district, 'outward_code', parsed.outward);
  throw validationFailed('There is a problem with the search', [{ path: 'postcode', message: UNKNOWN_POSTCODE_MESSAGE }]);
}

/** What a search query resolves to: a point to search from, or places of one name to choose between. */
export type SearchResolution =
  /** `place` is the town or area a name search found, for what else is known of it (its area). */
  | { kind: 'location'; location: ResolvedLocation; place?: NamedPlace }
  | { kind: 'choices'; answer: PlaceChoicesResponse };

/**
 * Resolves a query that may name a town or area (`place`) as well as a point or a postcode.
 *
 * - `place` holding a digit is a postcode typed in the "Postcode or town" field: resolved as
 *   {@link resolveSearchLocation} does, its errors reported on `place`.
 * - a name one place has ("Altrincham", "st helens"): its centre, source `place`, label its name.
 * - a name several places have ("Newport"): `choices`, each labelled by what tells it apart
 *   ("Newport, Isle of Wight"), which as a `place` of its own finds that one place.
 *
 * @throws 422 `validation_failed` with `{ path: 'place', message: UNKNOWN_PLACE_MESSAGE }` for a
 *   name no place has.
 */
export async function resolveSearch(
  query: Pick<FindOutletsQuery, 'lat' | 'lng' | 'postcode' | 'place'>,
  lookup: LocationLookup,
  places: () => PlaceIndex = placeIndex,
): Promise<SearchResolution> {
  if (query.place === undefined) return { kind: 'location', location: await resolveSearchLocation(query, lookup) };
  if (looksLikePostcode(query.place)) {
    try {
      return { kind: 'location', location: await resolveSearchLocation({ postcode: query.place }, lookup) };
    } catch (error) {
      // The same messages, at the field the person typed in.
      if (!(error instanceof DomainError)) throw error;
      throw new DomainError(error.code, error.message, error.issues.map((issue) => ({ ...issue, path: 'place' })), error.details);
    }
  }
  const match = places().match(query.place);
  if (match.kind === 'found') return { kind: 'location', location: located(match.place, 'place', match.label), place: match.place };
  if (match.kind === 'choices') {
    return { kind: 'choices', answer: { name: match.choices[0]!.place.name, choices: match.choices.map(({ label }) => ({ label })) } };
  }
  throw validationFailed('There is a problem with the search', [{ path: 'place', message: UNKNOWN_PLACE_MESSAGE }]);
}

/** A search location as it may be logged: how it was found, and an area no finer than about 11 km. */
export interface LoggableLocation {
  source: ResolvedLocation['source'];
  /**
   * The outward code (`M15`) for postcode searches; one decimal place (`53.5,-2.3`) for
   * coordinates; the town or area's name from the finder's own list (never the text typed) for
   * name searches.
   */
  area: string;
}

/** The search location for logs: never the point, never the full postcode, never the text typed. */
export function locationForLog(location: ResolvedLocation): LoggableLocation {
  if (location.source === 'coordinates') {
    return { source: location.source, area: `${location.lat.toFixed(1)},${location.lng.toFixed(1)}` };
  }
  if (location.source === 'place') return { source: location.source, area: location.label ?? 'unknown' };
  const outward = parsePostcodeInput(location.label ?? '');
  return { source: location.source, area: outward.kind === 'invalid' ? 'unknown' : outward.outward };
}
