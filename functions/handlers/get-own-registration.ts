/**
 * `GET /api/registrations/{id}` with the change link's secret in `X-Registration-Token`: what the
 * registrant sent, and what the moderator asked them to change.
 */
import { registrationPathSchema } from '../contract/registration.js';
import { toOwnRegistration } from '../core/registration-rules.js';
import { getRegistrationRecord } from '../data/registrations.js';
import { json, parsePath } from '../shared/http.js';
import type { PublicHandler } from '../shared/request-pipeline.js';
import { withValidLink } from './registration-request.js';

export const getOwnRegistration: PublicHandler = async ({ event }) => {
  const { id } = parsePath(registrationPathSchema, event);
  const record = withValidLink(await getRegistrationRecord(id), event, new Date());
  return json(200, toOwnRegistration(record, record.changeLink.expiresAt));
};
