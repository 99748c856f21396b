/**
 * Kits given out: an outlet records each supply (no personal data: a date, a kit type, how many,
 * first supply or resupply and why), and reads its totals by day and by month. These are the
 * figures commissioners need (kits given out, first supply vs resupply) and no more.
 */
import * as z from 'zod';
import { isoDateSchema, kitTypeSchema } from './outlet.js';

/** Why someone needed another kit. */
export const resupplyReasonSchema = z.enum(['used_on_someone', 'lost', 'expired', 'confiscated', 'other'], {
  error: 'Choose why they needed another kit',
});
export type ResupplyReason = z.infer<typeof resupplyReasonSchema>;

export const resupplyReasonLabels: Record<ResupplyReason, string> = {
  used_on_someone: 'Used on someone',
  lost: 'Lost',
  expired: 'Out of date',
  confiscated: 'Taken away (for example by police or in prison)',
  other: 'Another reason',
};

export const supplyKindSchema = z.enum(['first', 'resupply'], { error: 'Choose first kit or replacement kit' });
export type SupplyKind = z.infer<typeof supplyKindSchema>;

const isObject = (value: unknown): boolean => value !== null && typeof value === 'object';

/** The most kits one record may count: a day's handout at a busy service, not a delivery. */
export const maxKitsPerRecord = 200;

/** How far back a supply may be recorded, in days: a late entry is better than none, a year is the limit. */
export const maxSupplyBackdateDays = 366;

/**
 * `POST /api/portal/outlets/{id}/supplies`, sent with an `Idempotency-Key` header so that a retry
 * on a bad connection records once. Whether the date is in the past year is checked by the core
 * (it depends on today).
 */
export const supplyRecordSchema = z
  .object(
    {
      date: z.iso.date({ error: 'Enter the date the kits were given out, as a real date' }),
      kitType: z.enum(kitTypeSchema.options, { error: 'Choose the kit type' }),
      count: z
        .number({ error: 'Enter how many kits, as a number' })
        .int('Enter a whole number of kits')
        .min(1, 'Enter at least 1 kit')
        .max(maxKitsPerRecord, `Enter ${maxKitsPerRecord} kits or fewer in one record`),
      supply: supplyKindSchema,
      resupplyReason: resupplyReasonSchema.optional(),
    },
    { error: 'Send the record as a JSON object' },
  )
  // Checked even when other fields are wrong, so a person sees every problem at once.
  .refine((record) => record.supply !== 'resupply' || record.resupplyReason !== undefined, {
    path: ['resupplyReason'],
    message: 'Choose why they needed another kit',
    when: ({ value }) => isObject(value),
  })
  .refine((record) => record.supply !== 'first' || record.resupplyReason === undefined, {
    path: ['resupplyReason'],
    message: 'Only give a reason for a replacement kit',
    when: ({ value }) => isObject(value),
  });
export type SupplyRecord = z.infer<typeof supplyRecordSchema>;

/** One day's totals for one kit type. */
export const supplyDaySchema = z.object({
  date: isoDateSchema,
  kitType: kitTypeSchema,
  first: z.number().int().nonnegative(),
  resupply: z.number().int().nonnegative(),
  resupplyReasons: z.partialRecord(resupplyReasonSchema, z.number().int().nonnegative()),
});
export type SupplyDay = z.infer<typeof supplyDaySchema>;

/** One month's totals for one kit type. */
export const supplyMonthSchema = z.object({
  /** `YYYY-MM`. */
  month: z.string().regex(/^\d{4}-\d{2}$/),
  kitType: kitTypeSchema,
  first: z.number().int().nonnegative(),
  resupply: z.number().int().nonnegative(),
  resupplyReasons: z.partialRecord(resupplyReasonSchema, z.number().int().nonnegative()),
});
export type SupplyMonth = z.infer<typeof supplyMonthSchema>;

/** The answer to a supply record: the day's totals for that kit type after it. */
export const recordSupplyResponseSchema = supplyDaySchema;
export type RecordSupplyResponse = z.infer<typeof recordSupplyResponseSchema>;

/** The longest range one `GET …/supplies` covers, in days. */
export const maxSupplyRangeDays = 731;

/** `GET /api/portal/outlets/{id}/supplies?from=&to=`: both optional (the last 12 months to today). */
export const suppliesQuerySchema = z
  .object({
    from: z.iso.date({ error: 'Enter the start date as YYYY-MM-DD' }).optional(),
    to: z.iso.date({ error: 'Enter the end date as YYYY-MM-DD' }).optional(),
  })
  .refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, {
    path: ['to'],
    message: 'The end date must be the same as or after the start date',
  });
export type SuppliesQuery = z.infer<typeof suppliesQuerySchema>;

export const suppliesResponseSchema = z.object({
  from: isoDateSchema,
  to: isoDateSchema,
  /** Days with any kits given out, oldest first, one row per kit type. */
  days: z.array(supplyDaySchema),
  /** Every month of the range with any kits given out, oldest first, one row per kit type. */
  months: z.array(supplyMonthSchema),
});
export type SuppliesResponse = z.infer<typeof suppliesResponseSchema>;
