/**
 * The one error body every route answers with. `issues` carries field-level messages
 * (GOV.UK style: the same wording is shown in the error summary and next to the field).
 */
import * as z from 'zod/mini';

/**
 * What went wrong, as a code the client can act on. Core and data code throw these codes
 * (`functions/shared/errors.ts`); `functions/shared/http.ts` alone turns each into an HTTP status.
 */
export const errorCodeSchema = z.enum([
  'bad_request',
  'unauthorised',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'precondition_failed',
  'payload_too_large',
  'unsupported_media_type',
  'validation_failed',
  'idempotency_key_reused',
  'precondition_required',
  'too_many_requests',
  /** A reminder's link that the finder did not make, was changed, or is not for this listing or answer. */
  'link_invalid',
  /** A reminder's link, never used, that is too old to use now. */
  'link_expired',
  /**
   * The database is throttling, timing out or failing for a moment: nothing was changed, and the
   * same request can be sent again after the response's `Retry-After` seconds.
   */
  'service_unavailable',
  'internal_error',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const fieldIssueSchema = z.object({
  /** The field, as a dotted path: `postcode`, `hours.weekly.0.opensAt`. */
  path: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const errorBodySchema = z.object({
  error: errorCodeSchema,
  message: z.string(),
  issues: z._default(z.array(fieldIssueSchema), []),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/**
 * The body of a 401 from the functions and from the local server's token check. On AWS the HTTP
 * API's JWT authorizer refuses a missing or bad token itself, with API Gateway's own body
 * (`{"message":"Unauthorized"}`): HTTP APIs cannot reword it and CloudFront cannot replace a 401.
 * Clients act on the status, never on the body of a 401.
 */
export const unauthorisedBody: ErrorBody = {
  error: 'unauthorised',
  message: 'Sign in to do this. If you were signed in, your session has ended: sign in again.',
  issues: [],
};

/**
 * The body of a 429 for a client over a route's per-client limit (`clientLimit` in the route
 * table): from the local server's limiter, and from the WAF's rate-based rules on AWS, which answer
 * with this same body and a `Retry-After` header before any function runs.
 */
export const tooManyRequestsBody: ErrorBody = {
  error: 'too_many_requests',
  message: 'Too many requests from here. Wait a few minutes, then try again.',
  issues: [],
};

/**
 * The most a request body may hold on a route the route table does not mark `largeBody`: AWS WAF's
 * Common rule set blocks bodies over 8 KB, and the firewall keeps that for every other route. The
 * local server applies the same limit, so a client that works under `npm start` works on AWS.
 */
export const smallBodyLimitBytes = 8 * 1024;

/** The answer to a body over the route's limit: from the local server, and from the WAF on AWS. */
export const payloadTooLargeBody: ErrorBody = {
  error: 'payload_too_large',
  message: 'The request body is too large',
  issues: [],
};
