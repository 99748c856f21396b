/**
 * HTTP at the edge: parse API Gateway HTTP API (v2) events against the contract, and the one place
 * that turns results and coded errors into responses.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import * as z from 'zod';
import type { ErrorBody, ErrorCode } from '../contract/error.js';
import { DomainError, badRequest, fieldIssues, preconditionRequired, unsupportedMediaType, validationFailed } from './errors.js';

export type ApiEvent = APIGatewayProxyEventV2;
export type ApiResult = APIGatewayProxyStructuredResultV2;
/** One Lambda function's handler, as AWS (and the local server) calls it. */
export type LambdaHandler = (event: ApiEvent, context: Context) => Promise<ApiResult>;

/** The one table from error codes to HTTP statuses. */
export const statusOfCode: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorised: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  idempotency_key_reused: 422,
  precondition_required: 428,
  too_many_requests: 429,
  link_invalid: 403,
  link_expired: 410,
  service_unavailable: 503,
  internal_error: 500,
};

/** How long a client should wait before sending a request the database was too busy for. */
export const retryAfterSeconds = 2;

/** Headers some codes need beside the body: how to sign in, when to try again. */
const headersOfCode: Partial<Record<ErrorCode, Record<string, string>>> = {
  unauthorised: { 'www-authenticate': 'Bearer' },
  service_unavailable: { 'retry-after': String(retryAfterSeconds) },
};

const baseHeaders = {
  'content-type': 'application/json; charset=utf-8',
  // Searches carry a location and portal answers a person's records: never keep them in a cache.
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/** A JSON response. */
export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): ApiResult {
  return { statusCode, headers: { ...baseHeaders, ...headers }, body: JSON.stringify(body) };
}

/** The response for a coded error: its status from the table, the one error body, and any details. */
export function errorResponse(error: DomainError): ApiResult {
  const body: ErrorBody & Record<string, unknown> = { ...error.details, error: error.code, message: error.message, issues: error.issues };
  return json(statusOfCode[error.code], body, headersOfCode[error.code] ?? {});
}

/** The answer to anything that is not a `DomainError`: a bug, worded for nobody in particular. */
export const internalErrorResponse = (): ApiResult =>
  errorResponse(new DomainError('internal_error', 'Something went wrong. Please try again.'));

/** Validates the query string; a bad one is a 400 with a message per field. */
export function parseQuery<S extends z.core.$ZodType>(schema: S, event: ApiEvent): z.output<S> {
  const result = z.safeParse(schema, event.queryStringParameters ?? {});
  if (!result.success) throw badRequest('There is a problem with the search', fieldIssues(result.error));
  return result.data;
}

/** Validates path parameters; a bad one is a 400 with a message per field. */
export function parsePath<S extends z.core.$ZodType>(schema: S, event: ApiEvent): z.output<S> {
  const result = z.safeParse(schema, event.pathParameters ?? {});
  if (!result.success) throw badRequest('There is a problem with the link', fieldIssues(result.error));
  return result.data;
}

/**
 * Validates a JSON body: not sent as JSON is a 415, not JSON a 400, JSON that breaks the contract a 422.
 * Requiring `application/json` also means a browser cannot send the request from another site
 * without a CORS preflight, which the API never grants.
 */
export function parseBody<S extends z.core.$ZodType>(schema: S, event: ApiEvent): z.output<S> {
  const contentType = event.headers?.['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(contentType)) throw unsupportedMediaType('Send the request body as application/json');
  let raw: unknown;
  try {
    const text = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : event.body;
    raw = JSON.parse(text ?? '');
  } catch {
    throw badRequest('The request body must be JSON', [{ path: '(body)', message: 'Send a JSON body' }]);
  }
  const result = z.safeParse(schema, raw);
  if (!result.success) throw validationFailed('There is a problem with the details sent', fieldIssues(result.error));
  return result.data;
}

/**
 * Validates a request header the route requires: missing is a 428 (the request would be unsafe
 * without it), malformed a 400, each naming the header as the field.
 */
export function parseRequiredHeader<S extends z.core.$ZodType>(name: string, schema: S, event: ApiEvent, missingMessage: string): z.output<S> {
  const value = event.headers?.[name.toLowerCase()];
  const header = `(header) ${name}`;
  if (value === undefined || value === '') throw preconditionRequired(missingMessage, [{ path: header, message: missingMessage }]);
  const result = z.safeParse(schema, value);
  if (!result.success) {
    throw badRequest(`The ${name} header is not valid`, result.error.issues.map((issue) => ({ path: header, message: issue.message })));
  }
  return result.data;
}
