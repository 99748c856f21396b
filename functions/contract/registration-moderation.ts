/**
 * A registration's moderation: where it is (its status and what has happened), how its moderators
 * see it and list it, their decisions, and what the registrant sees through the emailed link.
 * The questions and where a postcode sends a registration are in `registration.ts`.
 */
import * as z from 'zod';
import { areaCodeSchema } from './area.js';
import { outletIdSchema, supplyBasisSchema } from './outlet.js';
import { legalBasisSchema, registrationDetailsSchema, registrationIdSchema, registrationKindSchema, registrationPlaceSchema } from './registration.js';

/**
 * Where a registration is:
 * `submitted` → `changes_requested` → `resubmitted` (→ `changes_requested` again) → `approved` or `rejected`.
 */
export const registrationStatusSchema = z.enum(['submitted', 'changes_requested', 'resubmitted', 'approved', 'rejected']);
export type RegistrationStatus = z.infer<typeof registrationStatusSchema>;

/** One step in a registration's life, as the moderators see it. */
export const registrationEventSchema = z.object({
  at: z.iso.datetime({ offset: true }),
  action: z.enum(['submitted', 'changes_requested', 'resubmitted', 'approved', 'rejected', 'published']),
  /** The moderator, as named in change history; null for the registrant and the system. */
  by: z.string().nullable(),
  /** What was asked for, or why it was rejected. */
  message: z.string().nullable(),
});
export type RegistrationEvent = z.infer<typeof registrationEventSchema>;

/** A registration as its moderators see it (`GET /api/portal/registrations/{id}`, with its version as the `ETag`). */
export const registrationSchema = registrationPlaceSchema.extend({
  id: registrationIdSchema,
  status: registrationStatusSchema,
  details: registrationDetailsSchema,
  submittedAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  /** Goes up by one with every change; decisions send it back as `If-Match`. */
  version: z.number().int().positive(),
  events: z.array(registrationEventSchema),
  /** The listing made on approval; null before. */
  outletId: z.nullable(outletIdSchema),
  /** The legal basis the listing was published with (the moderator's choice where the registrant was not sure). */
  supplyBasis: z.nullable(supplyBasisSchema),
  /** When the listing went live and its registrant became its staff; null until then, also while an approval is being finished. */
  publishedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type Registration = z.infer<typeof registrationSchema>;

/** A registration in a queue. */
export const registrationSummarySchema = registrationSchema.pick({
  id: true,
  status: true,
  submittedAt: true,
  updatedAt: true,
  localAuthority: true,
  reviewer: true,
  outletId: true,
}).extend({
  kind: registrationKindSchema,
  name: z.string(),
  organisation: z.string(),
  town: z.string(),
  postcode: z.string(),
});
export type RegistrationSummary = z.infer<typeof registrationSummarySchema>;

/** Which queue: those waiting on someone (`open`: submitted, resubmitted, changes requested), or those decided. */
export const registrationQueueSchema = z.enum(['open', 'decided'], { error: 'Choose open or decided' });
export type RegistrationQueue = z.infer<typeof registrationQueueSchema>;

/**
 * `GET /api/portal/registrations?queue=&area=&before=`: the caller's areas' (an administrator's:
 * all), or one area's (`area`, for its dashboard), newest first.
 */
export const listRegistrationsQuerySchema = z.object({
  queue: registrationQueueSchema.default('open'),
  /** One local authority: the caller's own (or any, for an administrator). */
  area: areaCodeSchema.optional(),
  /** A registration id: only older ones. */
  before: registrationIdSchema.optional(),
  limit: z.coerce
    .number({ error: 'Limit must be a whole number' })
    .int('Limit must be a whole number')
    .min(1, 'Limit must be between 1 and 100')
    .max(100, 'Limit must be between 1 and 100')
    .default(50),
});
export type ListRegistrationsQuery = z.infer<typeof listRegistrationsQuerySchema>;

export const listRegistrationsResponseSchema = z.object({
  registrations: z.array(registrationSummarySchema),
  /** Pass as `before` for the next page; null at the end. */
  nextBefore: registrationIdSchema.nullable(),
});
export type ListRegistrationsResponse = z.infer<typeof listRegistrationsResponseSchema>;

const moderatorText = (what: string) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(1000, 'Enter 1000 characters or fewer');

/** `POST /api/portal/registrations/{id}/decisions` with `If-Match`. */
export const registrationDecisionSchema = z.discriminatedUnion(
  'decision',
  [
    /** Publishes the listing. `supplyBasis` is required when the registrant was not sure, and overrides their choice otherwise. */
    z.object({ decision: z.literal('approve'), supplyBasis: legalBasisSchema.optional() }),
    /** Emails the registrant a link to change and send it again. */
    z.object({ decision: z.literal('ask_for_changes'), message: moderatorText('what needs to change') }),
    z.object({ decision: z.literal('reject'), reason: moderatorText('why it is rejected') }),
  ],
  { error: 'Choose approve, ask for changes or reject' },
);
export type RegistrationDecision = z.infer<typeof registrationDecisionSchema>;

/** What a decision answers: the registration as it is now, and whether the registrant could be emailed. */
export const registrationDecisionResponseSchema = z.object({
  registration: registrationSchema,
  /** False when the decision was saved but the email could not be sent: the moderator should contact them. */
  emailSent: z.boolean(),
});
export type RegistrationDecisionResponse = z.infer<typeof registrationDecisionResponseSchema>;

/** The header carrying the single-purpose secret from the "change your registration" link. */
export const registrationTokenHeader = 'X-Registration-Token';

/** `GET /api/registrations/{id}` with the link's secret: what the registrant sent, and what to change. */
export const ownRegistrationSchema = z.object({
  id: registrationIdSchema,
  status: registrationStatusSchema,
  details: registrationDetailsSchema,
  /** The moderator's message: what needs to change. */
  message: z.string().nullable(),
  /** Until when the link works. */
  linkExpiresAt: z.iso.datetime({ offset: true }),
});
export type OwnRegistration = z.infer<typeof ownRegistrationSchema>;
