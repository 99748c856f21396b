/**
 * Which nation's bank holidays apply to an outlet: Scotland and Northern Ireland keep their own
 * (St Andrew's Day, 2 January, St Patrick's Day, the Twelfth; no Easter Monday in Scotland, an early
 * August holiday instead of a late one), so a Glasgow pharmacy "closed on bank holidays" is open on
 * England's summer bank holiday and closed on St Andrew's Day.
 *
 * Decided from the local authority's GSS code when the listing has one (its first letter is the
 * nation), else from the postcode's area. The authority wins because the two differ for an outlet
 * in a border district whose postcode area belongs to the other side (the Scottish `TD` area reaches
 * into England at Cornhill and Kielder). The geo search index projects the code for this, so search
 * results, the outlet page and the portal always agree.
 */
import { bankHolidayCalendarOf, type BankHolidayDivision } from './bank-holidays.js';
import type { OpeningHoursOptions } from './opening-day.js';

/** What the division is decided from: the parts of a listing every view of it carries. */
export interface PlaceForBankHolidays {
  address: { postcode: string };
  localAuthorityCode?: string | null;
}

/** Postcode areas wholly or mostly in Scotland (ONS Postcode Directory, by district centroid). */
const scottishAreas = new Set(['AB', 'DD', 'DG', 'EH', 'FK', 'G', 'HS', 'IV', 'KA', 'KW', 'KY', 'ML', 'PA', 'PH', 'TD', 'ZE']);
/** Districts of those areas that lie in England: Berwick-upon-Tweed. */
const englishDistrictsOfScottishAreas = new Set(['TD15']);

/** The division whose bank holidays apply at `place`; England and Wales when nothing says otherwise. */
export function bankHolidayDivisionOf(place: PlaceForBankHolidays): BankHolidayDivision {
  const nation = place.localAuthorityCode?.charAt(0);
  if (nation === 'S') return 'scotland';
  if (nation === 'N') return 'northern-ireland';
  if (nation === 'E' || nation === 'W') return 'england-and-wales';
  return divisionOfPostcode(place.address.postcode);
}

/** The division of a postcode or outward code, by its area (`G1 1AA` → Scotland, `BT1` → Northern Ireland). */
export function divisionOfPostcode(postcode: string): BankHolidayDivision {
  const compact = postcode.replace(/\s+/g, '').toUpperCase();
  // The outward code is all but the last three characters of a full postcode.
  const outward = compact.length >= 5 && /\d[A-Z]{2}$/.test(compact) ? compact.slice(0, -3) : compact;
  const area = /^[A-Z]{1,2}/.exec(outward)?.[0] ?? '';
  if (area === 'BT') return 'northern-ireland';
  if (scottishAreas.has(area) && !englishDistrictsOfScottishAreas.has(outward)) return 'scotland';
  return 'england-and-wales';
}

/** The opening-hours options for an outlet at `place`: its nation's bank holidays. */
export function openingHoursOptionsFor(place: PlaceForBankHolidays): OpeningHoursOptions {
  return { bankHolidays: bankHolidayCalendarOf(bankHolidayDivisionOf(place)) };
}
