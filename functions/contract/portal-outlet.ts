/**
 * The portal's view of a listing: what an outlet reads and edits (`GET`/`PATCH
 * /api/portal/outlets/{id}`), its one-tap stock and confirmation, and its change history.
 */
import * as z from 'zod';
import {
  cabinetStatusSchema,
  eligibilitySchema,
  isoDateSchema,
  kitTypeSchema,
  openingHoursSchema,
  outletSchema,
  outletStatusSchema,
  stockStatusSchema,
} from './outlet.js';

const isoDateTime = z.iso.datetime({ offset: true });

/** The full editable listing, with the version its `etag` stands for. */
export const portalOutletSchema = z.object({
  outlet: outletSchema,
  /** Goes up by one with every change; the `ETag` is this number in quotes. */
  version: z.number().int().nonnegative(),
  /** The `ETag` header's value, for clients that cannot read headers: send it back as `If-Match`. */
  etag: z.string(),
  /** When any of the listing last changed (`assuredAt` is when the outlet last said it was all true). */
  updatedAt: isoDateTime,
  /** The status as the public sees it now: a closure whose reopening day has come reads as active. */
  publicStatus: outletStatusSchema,
  /** Plain English for "open now" as the public sees it. */
  openSummary: z.string(),
  stockAgeDays: z.number().int().nullable(),
  assuredAgeDays: z.number().int().nullable(),
});
export type PortalOutlet = z.infer<typeof portalOutletSchema>;

/** The body of a 412: the error, and the listing as it is now, to show the person what changed. */
export const staleEditBodySchema = z.object({
  error: z.literal('precondition_failed'),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })),
  current: portalOutletSchema,
});
export type StaleEditBody = z.infer<typeof staleEditBodySchema>;

/** A UK phone number as people write it: digits, spaces, brackets, dashes, a leading +. */
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{5,28}[0-9]$/, 'Enter a phone number, like 0161 496 0000');

/** Statuses an outlet sets itself; withdrawing a listing (`inactive`) is for its commissioner. */
export const editableStatusSchema = z.enum(['active', 'temporarily_closed'], {
  error: 'Choose whether you are open as usual or temporarily closed',
});

/**
 * `PATCH /api/portal/outlets/{id}`: the fields to change, and only those. Unknown fields are refused
 * rather than ignored, so a client that thinks it changed the address learns that it did not.
 */
export const listingPatchSchema = z
  .strictObject(
    {
      phone: phoneSchema.nullable().optional(),
      website: z
        .url({ protocol: /^https?$/, error: 'Enter a website address starting with https://' })
        .max(300, 'Enter a website address of 300 characters or fewer')
        .nullable()
        .optional(),
      hours: z.optional(openingHoursSchema),
      kitTypes: z
        .array(kitTypeSchema, { error: 'Choose the kit types you give out' })
        .max(2)
        .refine((kits) => new Set(kits).size === kits.length, 'Choose each kit type once')
        .optional(),
      eligibility: z.optional(eligibilitySchema),
      languages: z
        .array(z.string().trim().min(2, 'Enter each language in full').max(40, 'Enter each language in 40 characters or fewer'))
        .max(20, 'Enter 20 languages or fewer')
        .optional(),
      accessibility: z.string().trim().max(500, 'Describe access in 500 characters or fewer').nullable().optional(),
      alert: z.string().trim().max(200, 'Enter an alert of 200 characters or fewer').nullable().optional(),
      status: editableStatusSchema.optional(),
      /** Private: where readiness reminders go. Never shown to the public. */
      contactEmail: z
        .email({ error: 'Enter an email address, like name@example.org' })
        .max(254, 'Enter an email address of 254 characters or fewer')
        .nullable()
        .optional(),
      /** Required when `status` becomes `temporarily_closed`; must be after today. */
      reopensOn: z.optional(z.nullable(isoDateSchema)),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? 'This cannot be changed here' : 'Send the changes as a JSON object') },
  )
  .refine((patch) => Object.keys(patch).length > 0, {
    message: 'Send at least one field to change',
    path: ['(body)'],
    // Only when nothing else is wrong: a body of unknown fields is told which, not that it is empty.
    when: (payload) => payload.issues.length === 0,
  });
export type ListingPatch = z.infer<typeof listingPatchSchema>;

/** `PUT /api/portal/outlets/{id}/stock`: the one-tap stock update, which also confirms the listing. */
export const stockUpdateSchema = z.object(
  {
    status: z.enum(stockStatusSchema.options.filter((status) => status !== 'unknown') as ['in_stock', 'running_low', 'out'], {
      error: 'Choose in stock, running low or out of stock',
    }),
  },
  { error: 'Send the stock status as a JSON object' },
);
export type StockUpdate = z.infer<typeof stockUpdateSchema>;

/** `PUT /api/portal/outlets/{id}/cabinet`: an emergency cabinet's guardian says whether it is ready, in one tap. */
export const cabinetUpdateSchema = z.object(
  { status: z.enum(cabinetStatusSchema.options, { error: 'Choose ready or used – awaiting restock' }) },
  { error: 'Send the cabinet status as a JSON object' },
);
export type CabinetUpdate = z.infer<typeof cabinetUpdateSchema>;

/**
 * What kind of change a history entry records; `import` is a change from a bulk import, `publish`
 * the first entry of a listing made from an approved registration.
 */
export const changeActionSchema = z.enum(['edit', 'stock', 'confirm', 'import', 'cabinet', 'publish']);
export type ChangeAction = z.infer<typeof changeActionSchema>;

/** One field's change: from what to what, as data and in words. */
export const fieldChangeSchema = z.object({
  /** Dotted path in the listing: `phone`, `hours.weekly`, `eligibility.walkIn`. */
  field: z.string(),
  /** The field's name in words: "Usual opening hours". */
  label: z.string(),
  from: z.unknown(),
  to: z.unknown(),
  fromText: z.string(),
  toText: z.string(),
});
export type FieldChange = z.infer<typeof fieldChangeSchema>;

/** One change to a listing: who, when, what changed from what. */
export const changeEntrySchema = z.object({
  id: z.string(),
  at: isoDateTime,
  by: z.object({ subject: z.string(), label: z.string() }),
  action: changeActionSchema,
  changes: z.array(fieldChangeSchema),
});
export type ChangeEntry = z.infer<typeof changeEntrySchema>;

/** `GET /api/portal/outlets/{id}/history?before=`: newest first, a page at a time. */
export const historyQuerySchema = z.object({
  /** An entry's `at`: only older entries. */
  before: isoDateTime.optional(),
  limit: z.coerce
    .number({ error: 'Limit must be a whole number' })
    .int('Limit must be a whole number')
    .min(1, 'Limit must be between 1 and 100')
    .max(100, 'Limit must be between 1 and 100')
    .default(25),
});
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

export const historyResponseSchema = z.object({
  entries: z.array(changeEntrySchema),
  /** Pass as `before` for the next page; null when there is none. */
  nextBefore: isoDateTime.nullable(),
});
export type HistoryResponse = z.infer<typeof historyResponseSchema>;
