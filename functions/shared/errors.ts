/**
 * The one error model. Core and data code throw a `DomainError` with a code and no HTTP status;
 * `shared/http.ts` is the only place that maps codes to statuses. Anything else thrown is a bug
 * and answers 500 with a generic body.
 */
import type { z } from 'zod';
import { config, globalConfig } from 'zod/v4/core';
import en from 'zod/v4/locales/en.js';
import type { ErrorCode, FieldIssue } from '../contract/error.js';

// Field messages a person reads ("Invalid input: expected string, received number") come from zod's
// English locale. Classic zod registers it when it builds its first schema, but the contract's
// zod/mini schemas never do: a process that parses only them (a pure core function, a script, a
// test) would say "Invalid input" alone. So the error model, which the functions' validation loads, sets it.
if (!globalConfig.localeError) config(en());

/** An error the client caused or can act on, with a message worded for a person. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
    /** Extra fields for the error body, such as the current listing after a stale edit. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** The request is malformed (bad query string, bad path, body that is not JSON). */
export const badRequest = (message: string, issues: FieldIssue[] = []) => new DomainError('bad_request', message, issues);

/** Well-formed, but the values break the contract. */
export const validationFailed = (message: string, issues: FieldIssue[]) => new DomainError('validation_failed', message, issues);

/** A body that is not sent as JSON. */
export const unsupportedMediaType = (message: string) => new DomainError('unsupported_media_type', message);

export const notFound = (message: string) => new DomainError('not_found', message);

/** Someone else's change, or the same request still running, got in the way. */
export const conflict = (message: string) => new DomainError('conflict', message);

/** No verified sign-in. */
export const unauthorised = (message: string) => new DomainError('unauthorised', message);

/** Signed in, but not allowed to do this. */
export const forbidden = (message: string) => new DomainError('forbidden', message);

/** An edit was based on a version that is no longer current. */
export const preconditionFailed = (message: string, details: Record<string, unknown> = {}) =>
  new DomainError('precondition_failed', message, [], details);

/** A header the route needs to be safe (`If-Match`, `Idempotency-Key`) was not sent. */
export const preconditionRequired = (message: string, issues: FieldIssue[] = []) =>
  new DomainError('precondition_required', message, issues);

/** Field-level messages from a zod error, with dotted paths; a field that is not allowed is named as the path. */
export function fieldIssues(error: z.core.$ZodError): FieldIssue[] {
  const pathOf = (path: PropertyKey[]) => path.map(String).join('.') || '(root)';
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: pathOf([...issue.path, key]), message: issue.message }))
      : [{ path: pathOf(issue.path), message: issue.message }],
  );
}

/** A reminder's link that cannot be used: not one the finder made, changed, or for another listing or answer. */
export const linkInvalid = (message: string) => new DomainError('link_invalid', message);

/** A reminder's link, never used, that has expired. */
export const linkExpired = (message: string) => new DomainError('link_expired', message);

/**
 * The database is throttling, timing out or failing for a moment (after the SDK's own retries):
 * the request changed nothing and can be sent again shortly. Thrown by the data layer only.
 */
export const serviceUnavailable = (cause: unknown) =>
  Object.assign(new DomainError('service_unavailable', 'The finder is busy. Please try again in a moment.'), { cause });
