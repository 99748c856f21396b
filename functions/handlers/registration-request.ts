/**
 * What the registration handlers share: the honeypot, the change link's secret from its header,
 * and a registration answered with its version as the `ETag`.
 */
import * as z from 'zod';
import { type RegistrationRecord, toRegistrationView } from '../core/registration-rules.js';
import { isValidChangeLink } from '../core/registration-links.js';
import { registrationTokenHeader } from '../contract/registration-moderation.js';
import { notFound } from '../shared/errors.js';
import { type ApiEvent, type ApiResult, json, parseBody } from '../shared/http.js';
import { etagOf } from '../core/portal-views.js';

const honeypotSchema = z.looseObject({ faxNumber: z.unknown().optional() });

/** Whether the field people never see was filled in: software filling in every field, not a person. */
export const caughtByHoneypot = (event: ApiEvent): boolean => {
  const { faxNumber } = parseBody(honeypotSchema, event);
  return typeof faxNumber === 'string' ? faxNumber.trim() !== '' : faxNumber !== undefined && faxNumber !== null;
};

/** The same answer for an unknown registration and a wrong, used or expired link: the link says nothing more. */
const linkNotFound = () =>
  notFound('This link has expired or has already been used. If you still need to change your registration, ask the person who checked it to send a new link.');

/** The record, if the request carries its change link's valid secret; 404 otherwise. */
export function withValidLink(record: RegistrationRecord | null, event: ApiEvent, now: Date): RegistrationRecord & { changeLink: NonNullable<RegistrationRecord['changeLink']> } {
  const token = event.headers?.[registrationTokenHeader.toLowerCase()];
  if (!record || !isValidChangeLink(record.changeLink, token, now) || !record.changeLink) throw linkNotFound();
  return record as RegistrationRecord & { changeLink: NonNullable<RegistrationRecord['changeLink']> };
}

/** A registration as its moderators read it, with its version as the `ETag`. */
export const registrationResponse = (record: RegistrationRecord, body: unknown = toRegistrationView(record)): ApiResult =>
  json(200, body, { etag: etagOf(record.version) });
