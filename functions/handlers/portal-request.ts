/**
 * What the portal's handlers share: the headers that make their writes safe, and how a listing is
 * answered (with its `ETag`).
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import type { Actor } from '../core/access.js';
import type { ChangeContext } from '../core/listing-updates.js';
import { type StoredListing, etagOf, toPortalOutlet, versionOfIfMatch } from '../core/portal-views.js';
import { type ApiEvent, type ApiResult, json, parseRequiredHeader } from '../shared/http.js';

/** Who, when, and fresh ids, for a change made by `actor` now. */
export const changeContextOf = (actor: Actor): ChangeContext => ({ actor, now: new Date(), newId: randomUUID });

const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{8,100}$/, 'Use 8 to 100 letters, digits, dashes, dots, colons or underscores, for example a UUID');

/** The request's `Idempotency-Key`, which every POST that adds or counts requires. */
export const idempotencyKeyOf = (event: ApiEvent): string =>
  parseRequiredHeader('Idempotency-Key', idempotencyKeySchema, event, 'Send an Idempotency-Key header, so a repeated request is recorded once');

const ifMatchSchema = z
  .string()
  .transform((value, ctx) => {
    const version = versionOfIfMatch(value);
    if (version === null) ctx.addIssue({ code: 'custom', message: 'Send the ETag you read, for example "7", as If-Match' });
    return version ?? 0;
  });

/** The version an edit is based on, from `If-Match` (required: an edit without it could overwrite someone else's). */
export const expectedVersionOf = (event: ApiEvent): number =>
  parseRequiredHeader('If-Match', ifMatchSchema, event, 'Send the ETag you read as If-Match, so your edit cannot overwrite someone else’s');

/** A listing as the portal answers it: the view, and its version as the `ETag`. */
export const portalOutletResponse = (stored: StoredListing, now: Date, statusCode = 200): ApiResult =>
  json(statusCode, toPortalOutlet(stored, now), { etag: etagOf(stored.version) });
