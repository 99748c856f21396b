/**
 * Where a registration's postcode puts the place, and who will check it. Pure: the postcode
 * lookups are passed in (the data layer's, as for the search).
 *
 * The local authority comes from the postcode data, never from what the registrant typed: a full
 * postcode's item carries its ONS local authority code. When only the postcode's district is known
 * (a new postcode, or one not loaded), the point is the district's centre and the area is not known,
 * so the registration goes to the administrators, and the registrant is told so.
 */
import type { RegistrationPlace } from '../contract/registration.js';
import { validationFailed } from '../shared/errors.js';
import { localAuthorityName } from './local-authorities.js';
import { INVALID_POSTCODE_MESSAGE, UNKNOWN_POSTCODE_MESSAGE, parsePostcodeInput } from './postcodes.js';

/** A postcode's centre, with its local authority when the data has it. */
export interface PlaceLookupPoint {
  lat: number;
  lng: number;
  localAuthorityCode?: string;
}

/** How the core finds postcodes: `data/postcodes.ts`'s `postcodeLookup`. */
export interface PlaceLookup {
  postcode(postcode: string): Promise<PlaceLookupPoint | null>;
  outwardCode(outward: string): Promise<PlaceLookupPoint | null>;
}

/** The message when the postcode is only a district (`M15`): an address needs the whole postcode. */
export const FULL_POSTCODE_MESSAGE = 'Enter the full postcode, like M15 4AB';

const problem = (message: string) => validationFailed('There is a problem with the registration', [{ path: 'postcode', message }]);

/**
 * The place of a registration at `postcode`.
 * @throws 422 `validation_failed` on `postcode`: not a postcode, only a district, or neither it nor its district known.
 */
export async function registrationPlace(postcode: string, lookup: PlaceLookup): Promise<RegistrationPlace> {
  const parsed = parsePostcodeInput(postcode);
  if (parsed.kind === 'invalid') throw problem(INVALID_POSTCODE_MESSAGE);
  if (parsed.kind === 'outward') throw problem(FULL_POSTCODE_MESSAGE);
  const point = await lookup.postcode(parsed.postcode);
  if (point) {
    const code = point.localAuthorityCode ?? null;
    return {
      postcode: parsed.postcode,
      location: { lat: point.lat, lng: point.lng },
      locationSource: 'postcode',
      localAuthority: code === null ? null : { code, name: localAuthorityName(code) },
      reviewer: code === null ? 'administrator' : 'commissioner',
    };
  }
  const district = await lookup.outwardCode(parsed.outward);
  if (!district) throw problem(UNKNOWN_POSTCODE_MESSAGE);
  return {
    postcode: parsed.postcode,
    location: { lat: district.lat, lng: district.lng },
    locationSource: 'outward_code',
    localAuthority: null,
    reviewer: 'administrator',
  };
}
