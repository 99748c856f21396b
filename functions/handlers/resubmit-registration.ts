/**
 * `PUT /api/registrations/{id}` with the change link's secret: the registrant sends the registration
 * again with their changes. The link is then used up; the postcode is found again, so a new address
 * can move the registration to another area's queue.
 */
import { type CreateRegistrationResponse, registrationDetailsSchema, registrationPathSchema } from '../contract/registration.js';
import { registrationPlace } from '../core/registration-place.js';
import { resubmit } from '../core/registration-rules.js';
import { postcodeLookup } from '../data/postcodes.js';
import { getRegistrationRecord, writeRegistration } from '../data/registrations.js';
import { DomainError, conflict } from '../shared/errors.js';
import { json, parseBody, parsePath } from '../shared/http.js';
import { logger } from '../shared/logger.js';
import type { PublicHandler } from '../shared/request-pipeline.js';
import { withValidLink } from './registration-request.js';

export const resubmitRegistration: PublicHandler = async ({ event }) => {
  const { id } = parsePath(registrationPathSchema, event);
  const details = parseBody(registrationDetailsSchema, event);
  const now = new Date();
  const current = withValidLink(await getRegistrationRecord(id), event, now);
  const place = await registrationPlace(details.postcode, postcodeLookup);
  try {
    const record = await writeRegistration(current, resubmit(current, details, place, now));
    logger.info('Registration sent again', { registrationId: id, area: place.localAuthority?.code ?? 'administrators' });
    const response: CreateRegistrationResponse = { ...place, id, submittedAt: record.submittedAt };
    return json(200, response);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'precondition_failed') {
      throw conflict('Your registration was changed while you were sending it. Open the link again to see it as it is now.');
    }
    throw error;
  }
};
