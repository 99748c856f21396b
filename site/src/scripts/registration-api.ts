/**
 * The registration pages' calls to the API, through the site's one door (`api.ts`), in a module of
 * their own so the find and report pages never load the registration contract.
 */
import './zod-without-eval.js';
import {
  createRegistrationResponseSchema,
  registrationCheckResponseSchema,
  type CreateRegistrationResponse,
  type RegistrationCheckResponse,
} from '@contract/registration.js';
import { ownRegistrationSchema, registrationTokenHeader, type OwnRegistration } from '@contract/registration-moderation.js';
import { type ApiResult, requestJson } from './api.js';

/** `POST /api/registrations/checks`: the answers checked and the postcode found; nothing is stored. */
export function checkRegistration(details: unknown): Promise<ApiResult<RegistrationCheckResponse>> {
  return requestJson('/registrations/checks', registrationCheckResponseSchema, { body: details });
}

/**
 * `POST /api/registrations` with an `Idempotency-Key`: a repeat with the same key (after a time-out)
 * is stored once, so trying again is safe.
 */
export function createRegistration(details: unknown, idempotencyKey: string): Promise<ApiResult<CreateRegistrationResponse>> {
  return requestJson('/registrations', createRegistrationResponseSchema, { body: details, headers: { 'idempotency-key': idempotencyKey } });
}

/** `GET /api/registrations/{id}` with the secret from the emailed link. */
export function getOwnRegistration(id: string, token: string): Promise<ApiResult<OwnRegistration>> {
  return requestJson(`/registrations/${encodeURIComponent(id)}`, ownRegistrationSchema, { headers: { [registrationTokenHeader]: token } });
}

/** `PUT /api/registrations/{id}`: the registration sent again, with the link's secret. */
export function resubmitRegistration(id: string, token: string, details: unknown): Promise<ApiResult<CreateRegistrationResponse>> {
  return requestJson(`/registrations/${encodeURIComponent(id)}`, createRegistrationResponseSchema, {
    method: 'PUT',
    body: details,
    headers: { [registrationTokenHeader]: token },
  });
}
