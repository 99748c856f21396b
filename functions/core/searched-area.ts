/**
 * Which nation and local authority a search is in, as far as the finder truly knows: the postcode
 * item's own local authority, else the district's (the one its centroid lies in, when boundaries
 * were loaded), else the nation of a postcode area that lies wholly in one nation. A point from
 * "use my location" is not placed: the finder holds no boundaries to test it against, so it says
 * it does not know rather than guess from the nearest outlet.
 */
import type { ResolvedLocation } from '../contract/find-outlets.js';
import { type Nation, nationOfCode } from '../contract/nations.js';
import type { SearchedArea } from '../contract/postal-services.js';
import { localAuthorityCodeNamed, localAuthorityName } from './local-authorities.js';
import type { NamedPlace } from './place-names.js';
import { parsePostcodeInput } from './postcodes.js';

/**
 * Postcode areas that lie wholly in one nation. Cross-border areas are left out on purpose: TD
 * (Berwick is in England), CH and SY (Cheshire and Shropshire with Flintshire and Powys), LL, NP and
 * HR (border villages), CA and DG (near the Scottish border). England's areas away from any border
 * are listed; a missing area only means "nation not known", never a wrong one.
 */
const postcodeAreaNations: Readonly<Record<string, Nation>> = {
  BT: 'northern_ireland',
  ...Object.fromEntries(
    ['AB', 'DD', 'EH', 'FK', 'G', 'HS', 'IV', 'KA', 'KW', 'KY', 'ML', 'PA', 'PH', 'ZE'].map((area) => [area, 'scotland' as const]),
  ),
  ...Object.fromEntries(['CF', 'LD', 'SA'].map((area) => [area, 'wales' as const])),
  ...Object.fromEntries(
    [
      'B', 'BB', 'BD', 'BL', 'BN', 'BR', 'BS', 'CB', 'CM', 'CR', 'CT', 'CV', 'DA', 'DE', 'DN', 'E', 'EC', 'EN', 'HA', 'HD', 'HP', 'HU',
      'HX', 'IG', 'KT', 'L', 'LE', 'LN', 'LS', 'LU', 'M', 'ME', 'MK', 'N', 'NE', 'NG', 'NN', 'NR', 'NW', 'OL', 'OX', 'PE', 'PO', 'PR',
      'RG', 'RM', 'S', 'SE', 'SG', 'SK', 'SL', 'SM', 'SN', 'SO', 'SS', 'SW', 'TN', 'TW', 'UB', 'W', 'WA', 'WC', 'WD', 'WF', 'WN', 'WS',
      'WV', 'YO', 'AL', 'BA', 'BH', 'CO', 'CW', 'DH', 'DL', 'DT', 'DY', 'EX', 'FY', 'GU', 'HG', 'IP', 'LA', 'PL', 'RH', 'SP', 'SR',
      'ST', 'TA', 'TF', 'TQ', 'TR', 'TS', 'WR',
    ].map((area) => [area, 'england' as const]),
  ),
};

/** The nation of a postcode area (`M`, `BT`), or null when it crosses a border or is not listed. */
export const nationOfPostcodeArea = (area: string): Nation | null => postcodeAreaNations[area.toUpperCase()] ?? null;

/**
 * The searched area of a resolved location. `foundAreaCode` is the local authority on the postcode
 * or district item the location came from (the lookup's answer), if it had one.
 */
export function searchedArea(location: ResolvedLocation, foundAreaCode: string | null): SearchedArea {
  if (location.source === 'coordinates') {
    return { nation: null, localAuthorityCode: null, localAuthorityName: null, knownFrom: 'unknown' };
  }
  if (foundAreaCode) {
    return {
      nation: nationOfCode(foundAreaCode),
      localAuthorityCode: foundAreaCode,
      localAuthorityName: localAuthorityName(foundAreaCode),
      knownFrom: location.source === 'postcode' ? 'postcode' : 'district',
    };
  }
  const parsed = parsePostcodeInput(location.label ?? '');
  const area = parsed.kind === 'invalid' ? null : /^[A-Z]+/i.exec(parsed.outward)?.[0] ?? null;
  const nation = area ? nationOfPostcodeArea(area) : null;
  return { nation, localAuthorityCode: null, localAuthorityName: null, knownFrom: nation ? 'postcode_area' : 'unknown' };
}

/** England's regions, which the place list uses to tell places of one name apart ("Stockport, North West"). */
const englishRegions = new Set(['North East', 'North West', 'Yorkshire and the Humber', 'East Midlands', 'West Midlands', 'East of England', 'Eastern', 'London', 'South East', 'South West']);
const nationsByName: Readonly<Record<string, Nation>> = { England: 'england', Wales: 'wales', Scotland: 'scotland', 'Northern Ireland': 'northern_ireland' };

/**
 * The searched area of a town or area found by name: the local authority it is listed under (its
 * qualifier, "Altrincham, Trafford"), else the authority of its own name ("Stockport"), else only
 * the nation its qualifier names ("Glasgow, Scotland"; an English region means England).
 */
export function searchedAreaOfPlace(place: Pick<NamedPlace, 'name' | 'qualifier'>): SearchedArea {
  const code = localAuthorityCodeNamed(place.qualifier) ?? localAuthorityCodeNamed(place.name);
  if (code) return { nation: nationOfCode(code), localAuthorityCode: code, localAuthorityName: localAuthorityName(code), knownFrom: 'place' };
  const nation = nationsByName[place.qualifier] ?? (englishRegions.has(place.qualifier) ? 'england' : null);
  return { nation, localAuthorityCode: null, localAuthorityName: null, knownFrom: nation ? 'place' : 'unknown' };
}
