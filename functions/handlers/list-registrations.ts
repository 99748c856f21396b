/**
 * `GET /api/portal/registrations?queue=&before=`: the registrations of the caller's areas (all of
 * them, for an administrator), newest first.
 */
import { type ListRegistrationsResponse, listRegistrationsQuerySchema } from '../contract/registration-moderation.js';
import { toRegistrationSummary } from '../core/registration-rules.js';
import type { RegistrationQueueScope } from '../data/keys.js';
import { listRegistrationQueue } from '../data/registrations.js';
import { json, parseQuery } from '../shared/http.js';
import type { SignedInHandler } from '../shared/request-pipeline.js';

export const listRegistrations: SignedInHandler = async ({ event, actor }) => {
  const query = parseQuery(listRegistrationsQuerySchema, event);
  const scopes: RegistrationQueueScope[] = actor.roles.includes('admin') ? ['all'] : actor.areas.map((area) => ({ area }));
  const { records, nextBefore } = await listRegistrationQueue(scopes, query.queue, { before: query.before, limit: query.limit });
  const body: ListRegistrationsResponse = { registrations: records.map(toRegistrationSummary), nextBefore };
  return json(200, body);
};
