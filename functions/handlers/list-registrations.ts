/**
 * `GET /api/portal/registrations?queue=&area=&before=`: the registrations of the caller's areas (all
 * of them, for an administrator), or of the one area asked for, newest first.
 */
import { type ListRegistrationsResponse, listRegistrationsQuerySchema } from '../contract/registration-moderation.js';
import { decideAccess } from '../core/access.js';
import { toRegistrationSummary } from '../core/registration-rules.js';
import type { RegistrationQueueScope } from '../data/keys.js';
import { listRegistrationQueue } from '../data/registrations.js';
import { forbidden } from '../shared/errors.js';
import { json, parseQuery } from '../shared/http.js';
import type { SignedInHandler } from '../shared/request-pipeline.js';

export const listRegistrations: SignedInHandler = async ({ event, actor }) => {
  const query = parseQuery(listRegistrationsQuerySchema, event);
  if (query.area !== undefined && decideAccess('area_read', actor, { areaCode: query.area }) !== 'allowed') {
    throw forbidden('You can only see the registrations of the areas you commission for.');
  }
  const scopes: RegistrationQueueScope[] =
    query.area !== undefined ? [{ area: query.area }] : actor.roles.includes('admin') ? ['all'] : actor.areas.map((area) => ({ area }));
  const { records, nextBefore } = await listRegistrationQueue(scopes, query.queue, { before: query.before, limit: query.limit });
  const body: ListRegistrationsResponse = { registrations: records.map(toRegistrationSummary), nextBefore };
  return json(200, body);
};
