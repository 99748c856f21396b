/**
 * `POST /api/registrations/checks`: checks a registration's answers with the contract and finds its
 * postcode, storing nothing, so the registrant can see where it will be and who will check it
 * before sending it.
 */
import { registrationDetailsSchema } from '../contract/registration.js';
import { registrationPlace } from '../core/registration-place.js';
import { postcodeLookup } from '../data/postcodes.js';
import { json, parseBody } from '../shared/http.js';
import type { PublicHandler } from '../shared/request-pipeline.js';

export const checkRegistration: PublicHandler = async ({ event }) => {
  const details = parseBody(registrationDetailsSchema, event);
  return json(200, await registrationPlace(details.postcode, postcodeLookup));
};
