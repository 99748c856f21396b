/**
 * The one error model. Core and data code throw these; `shared/http.ts` is the only place that
 * maps them to HTTP. Anything else thrown is a bug and answers 500 with a generic body.
 */
import type { z } from 'zod';
import type { ErrorCode, FieldIssue } from '../contract/error.js';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** 400: the request is malformed (bad query string, bad path, body that is not JSON). */
export const badRequest = (message: string, issues: FieldIssue[] = []) =>
  new HttpError(400, 'bad_request', message, issues);

/** 422: well-formed, but the values break the contract. */
export const validationFailed = (message: string, issues: FieldIssue[]) =>
  new HttpError(422, 'validation_failed', message, issues);

/** 415: a body that is not sent as JSON. */
export const unsupportedMediaType = (message: string) => new HttpError(415, 'unsupported_media_type', message);

export const notFound = (message: string) => new HttpError(404, 'not_found', message);

export const conflict = (message: string) => new HttpError(409, 'conflict', message);

/** Field-level messages from a zod error, with dotted paths. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}
