/**
 * Readiness checks: how the finder asks each outlet's contact to confirm its listing before the
 * public is told it may be out of date, and what a commissioner sees when nobody answers
 * (`GET /api/portal/areas/{code}/attention`).
 *
 * The timings are counted from the freshness thresholds (`freshness.ts`), in whole days in London,
 * from when the listing was last confirmed (or first listed, if never confirmed).
 */
import * as z from 'zod';
import { freshnessSchema, freshnessThresholds } from './freshness.js';
import { addressSchema, outletIdSchema } from './outlet.js';

/** Days before the public "may be out of date" mark that the first reminder goes. */
const firstReminderLeadDays = 15;

export const readinessRules = {
  /**
   * The first reminder, 75 days after the last confirmation: 15 days before the public sees "This
   * listing may be out of date" (at 90), so a contact on two weeks' leave still answers in time.
   * A listing without a contact email is escalated on this day instead: nobody can be reminded.
   */
  firstReminderDays: freshnessThresholds.mayBeOutOfDateDays - firstReminderLeadDays,
  /** The second reminder, this many days after the first if nobody answered (day 82 at the soonest). */
  secondReminderAfterDays: 7,
  /**
   * Escalation to the area's commissioner, this many days after the second reminder (day 89 at the
   * soonest): the day before the public mark, with 90 days left before searches leave it out.
   */
  escalateAfterDays: 7,
  /** How long the links in a reminder work. Each works once. */
  linkValidDays: 14,
} as const;

/** Why a listing is on its commissioner's list. */
export const attentionReasonSchema = z.enum([
  /** Two reminders went to the listing's contact, and neither was answered. */
  'unanswered',
  /** The listing has no contact email, so nobody could be reminded. */
  'no_contact',
]);
export type AttentionReason = z.infer<typeof attentionReasonSchema>;

const isoDateTime = z.iso.datetime({ offset: true });

/** One listing that needs its commissioner's attention. */
export const attentionListingSchema = z.object({
  id: outletIdSchema,
  name: z.string(),
  address: addressSchema,
  reason: attentionReasonSchema,
  /** When the listing was last confirmed (or first listed, if never confirmed); null if neither is known. */
  lastConfirmedAt: isoDateTime.nullable(),
  /** Whole days since then, in London; null if not known. */
  unconfirmedDays: z.number().int().nonnegative().nullable(),
  /** What the public is told about the listing now. */
  freshness: freshnessSchema,
  /** When each reminder went, oldest first: none for `no_contact`. */
  remindersSentAt: z.array(isoDateTime),
  /** When it was put on this list. */
  escalatedAt: isoDateTime,
  demo: z.boolean(),
});
export type AttentionListing = z.infer<typeof attentionListingSchema>;

/** `GET /api/portal/areas/{code}/attention`: the area's listings nobody has confirmed in time, longest unconfirmed first. */
export const areaAttentionResponseSchema = z.object({
  area: z.object({ code: z.string(), name: z.string().nullable() }),
  listings: z.array(attentionListingSchema),
});
export type AreaAttentionResponse = z.infer<typeof areaAttentionResponseSchema>;

/** A local authority (ONS GSS) code in a path: `E08000003`. */
export const areaCodeSchema = z.string().regex(/^[ENSW]\d{8}$/, 'Enter a local authority code like E08000003');

/** The path of an area's routes. */
export const areaPathSchema = z.object({ code: areaCodeSchema });
