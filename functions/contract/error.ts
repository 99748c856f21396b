/**
 * The one error body every route answers with. `issues` carries field-level messages
 * (GOV.UK style: the same wording is shown in the error summary and next to the field).
 */
import { z } from 'zod';

export const errorCodeSchema = z.enum([
  'bad_request',
  'validation_failed',
  'not_found',
  'method_not_allowed',
  'unsupported_media_type',
  'unauthorised',
  'forbidden',
  'conflict',
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
  issues: z.array(fieldIssueSchema).default([]),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
