/**
 * `POST /api/registrations` with an `Idempotency-Key`: registers an outlet or an emergency cabinet.
 * It goes to the queue of its local authority's commissioners (from the postcode data), or to the
 * administrators when only the postcode's district is known. A repeat with the same key is answered
 * with the first answer and stores nothing more.
 *
 * A registration that fills in the field people never see is answered as if received, so the
 * software that sent it learns nothing, and nothing is stored.
 */
import { randomBytes } from 'node:crypto';
import { type CreateRegistrationResponse, registrationDetailsSchema } from '../contract/registration.js';
import { registrationPlace } from '../core/registration-place.js';
import { newRegistration, registrationIdFor } from '../core/registration-rules.js';
import { once } from '../data/idempotency.js';
import { postcodeLookup } from '../data/postcodes.js';
import { createRegistration as storeRegistration } from '../data/registrations.js';
import { json, parseBody } from '../shared/http.js';
import { logger } from '../shared/logger.js';
import type { PublicHandler } from '../shared/request-pipeline.js';
import { idempotencyKeyOf } from './portal-request.js';
import { caughtByHoneypot } from './registration-request.js';

/** 10 random lower-case letters and digits (base 36, about 51 bits). */
const randomPart = (): string => [...randomBytes(10)].map((byte) => (byte % 36).toString(36)).join('');

export const createRegistration: PublicHandler = async ({ event, context }) => {
  const key = idempotencyKeyOf(event);
  const details = parseBody(registrationDetailsSchema, event);
  const place = await registrationPlace(details.postcode, postcodeLookup);
  const now = new Date();
  if (caughtByHoneypot(event)) {
    logger.warn('Registration caught by the honeypot; not stored');
    const response: CreateRegistrationResponse = { ...place, id: registrationIdFor(now, randomPart()), submittedAt: now.toISOString() };
    return json(201, response);
  }
  const response = await once<CreateRegistrationResponse>({ scope: 'registrations', key, body: details }, context, async () => {
    const record = newRegistration(details, place, { id: registrationIdFor(now, randomPart()), now });
    await storeRegistration(record);
    // The kind and the area only: names and addresses stay out of the logs.
    logger.info('Registration received', { registrationId: record.id, kind: details.kind, area: place.localAuthority?.code ?? 'administrators' });
    return { ...place, id: record.id, submittedAt: record.submittedAt };
  });
  return json(201, response);
};
