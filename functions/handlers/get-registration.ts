/**
 * `GET /api/portal/registrations/{id}`: one registration for its moderators, with its `ETag`.
 */
import { registrationPathSchema } from '../contract/registration.js';
import { getRegistrationRecord } from '../data/registrations.js';
import { notFound } from '../shared/errors.js';
import { parsePath } from '../shared/http.js';
import type { SignedInHandler } from '../shared/request-pipeline.js';
import { registrationResponse } from './registration-request.js';

export const getRegistration: SignedInHandler = async ({ event }) => {
  const { id } = parsePath(registrationPathSchema, event);
  const record = await getRegistrationRecord(id);
  if (!record) throw notFound('We could not find that registration');
  return registrationResponse(record);
};
