/**
 * One-tap answers to a readiness reminder, without signing in. Each link in a reminder email holds
 * a signed, single-use token for one listing and one action; it opens `/confirm/?t=<token>`, which
 * asks `GET /api/listing-actions?t=` what the link would do (changing nothing), and one button
 * sends `POST /api/listing-actions` to do it.
 */
import * as z from 'zod';
import { addressSchema, outletIdSchema, stockSchema } from './outlet.js';

/** The site's page a reminder's links open, with the token as `?t=`. */
export const listingActionPagePath = '/confirm/';

/** What a link does: set the stock (which also confirms the listing), or confirm it as it is. */
export const listingActionSchema = z.enum(['in_stock', 'running_low', 'out', 'confirm'], { error: 'Choose what to do' });
export type ListingAction = z.infer<typeof listingActionSchema>;

/** The words of each action, as the email's links and the page's button say them. */
export const listingActionLabels: Record<ListingAction, string> = {
  in_stock: 'In stock',
  running_low: 'Running low',
  out: 'Out of stock',
  confirm: 'Still correct',
};

/** A compact JWS (three base64url parts); anything else is not a link the finder made. */
export const listingActionTokenSchema = z
  .string({ error: 'This is not a link we sent' })
  .max(2000, 'This is not a link we sent')
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'This is not a link we sent');

/** `GET /api/listing-actions?t=<token>`. */
export const listingActionQuerySchema = z.object({ t: listingActionTokenSchema });

/** What the link's page shows of the listing: what the public sees now, and nothing private. */
export const linkListingSchema = z.object({
  id: outletIdSchema,
  name: z.string(),
  address: addressSchema,
  stock: stockSchema,
  assuredAt: z.iso.datetime({ offset: true }).nullable(),
  demo: z.boolean(),
});
export type LinkListing = z.infer<typeof linkListingSchema>;

const isoDateTime = z.iso.datetime({ offset: true });

/**
 * What a link would do, if anything. Different states get different words on the page:
 * - `ready`: not used and not expired: the page offers the one button.
 * - `used`: done already (`usedAt`), by this link.
 * - `expired`: never used, and too old now.
 * - `invalid`: not a link the finder made, changed on the way, or for a listing that is gone.
 */
export const listingActionPreviewSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ready'), action: listingActionSchema, listing: linkListingSchema, expiresAt: isoDateTime }),
  z.object({ state: z.literal('used'), action: listingActionSchema, listing: linkListingSchema.nullable(), usedAt: isoDateTime }),
  z.object({ state: z.literal('expired'), action: listingActionSchema, listing: linkListingSchema.nullable(), expiredAt: isoDateTime }),
  z.object({ state: z.literal('invalid') }),
]);
export type ListingActionPreview = z.infer<typeof listingActionPreviewSchema>;

/**
 * `POST /api/listing-actions`. The page sends back the listing and action it showed, so the button
 * can only ever do what the page said it would.
 */
export const listingActionBodySchema = z.strictObject({
  token: listingActionTokenSchema,
  outletId: outletIdSchema,
  action: listingActionSchema,
});
export type ListingActionBody = z.infer<typeof listingActionBodySchema>;

/**
 * The answer to the button: `done` now, or `already_done` by an earlier press of the same link (a
 * second press on a slow connection is not an error). `listing` is the listing as it is now.
 */
export const listingActionResultSchema = z.object({
  outcome: z.enum(['done', 'already_done']),
  action: listingActionSchema,
  listing: linkListingSchema,
  doneAt: isoDateTime,
});
export type ListingActionResult = z.infer<typeof listingActionResultSchema>;
