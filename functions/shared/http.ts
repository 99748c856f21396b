/**
 * HTTP at the edge: parse API Gateway HTTP API (v2) events against the contract, and the one place
 * that turns results and errors into responses.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import type { ErrorBody } from '../contract/error.js';
import { HttpError, badRequest, fieldIssues, unsupportedMediaType, validationFailed } from './errors.js';
import { logger } from './logger.js';

export type ApiEvent = APIGatewayProxyEventV2;
export type ApiResult = APIGatewayProxyStructuredResultV2;
export type ApiHandler = (event: ApiEvent) => Promise<ApiResult>;

const baseHeaders = {
  'content-type': 'application/json; charset=utf-8',
  // Searches carry a location: never keep them in a shared or browser cache.
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/** A JSON response. */
export function json(statusCode: number, body: unknown): ApiResult {
  return { statusCode, headers: { ...baseHeaders }, body: JSON.stringify(body) };
}

function errorResponse(error: HttpError): ApiResult {
  const body: ErrorBody = { error: error.code, message: error.message, issues: error.issues };
  return json(error.statusCode, body);
}

/** Validates the query string; a bad one is a 400 with a message per field. */
export function parseQuery<S extends z.ZodType>(schema: S, event: ApiEvent): z.output<S> {
  const result = schema.safeParse(event.queryStringParameters ?? {});
  if (!result.success) throw badRequest('There is a problem with the search', fieldIssues(result.error));
  return result.data;
}

/** Validates path parameters; a bad one is a 400 with a message per field. */
export function parsePath<S extends z.ZodType>(schema: S, event: ApiEvent): z.output<S> {
  const result = schema.safeParse(event.pathParameters ?? {});
  if (!result.success) throw badRequest('There is a problem with the link', fieldIssues(result.error));
  return result.data;
}

/**
 * Validates a JSON body: not sent as JSON is a 415, not JSON a 400, JSON that breaks the contract a 422.
 * Requiring `application/json` also means a browser cannot send the request from another site
 * without a CORS preflight, which the API never grants.
 */
export function parseBody<S extends z.ZodType>(schema: S, event: ApiEvent): z.output<S> {
  const contentType = event.headers?.['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(contentType)) throw unsupportedMediaType('Send the request body as application/json');
  let raw: unknown;
  try {
    const text = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : event.body;
    raw = JSON.parse(text ?? '');
  } catch {
    throw badRequest('The request body must be JSON', [{ path: '(body)', message: 'Send a JSON body' }]);
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw validationFailed('There is a problem with the details sent', fieldIssues(result.error));
  return result.data;
}

/**
 * Wraps a handler so that every error becomes a response: typed errors keep their status and
 * message; anything else is logged in full and answered with a generic 500.
 */
export function handled(name: string, handler: ApiHandler): ApiHandler {
  return async (event) => {
    try {
      return await handler(event);
    } catch (error) {
      if (error instanceof HttpError) return errorResponse(error);
      logger.error('Unhandled error', { handler: name, error: error as Error });
      return errorResponse(new HttpError(500, 'internal_error', 'Something went wrong. Please try again.'));
    }
  };
}
