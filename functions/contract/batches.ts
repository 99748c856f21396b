/**
 * Stock batches: what an outlet received (batch number, kit type, how many, expiry date), so
 * batches about to expire are seen in time and a recalled batch number can be found.
 */
import * as z from 'zod';
import { kitTypeSchema } from './outlet.js';

/** Batches expiring within this many days are flagged. */
export const expiringSoonDays = 60;

/** Batch numbers as printed on the box: letters, digits, spaces, dashes and slashes. */
export const batchNumberSchema = z
  .string({ error: 'Enter the batch number' })
  .trim()
  .min(1, 'Enter the batch number')
  .max(40, 'Enter a batch number of 40 characters or fewer')
  .regex(/^[A-Za-z0-9][A-Za-z0-9 /-]*$/, 'Enter the batch number as printed on the box: letters, numbers, spaces, - and /');

/** A batch number compared without case, spaces or dashes, as people read them out. */
export const normaliseBatchNumber = (batchNumber: string): string => batchNumber.replace(/[\s/-]+/g, '').toUpperCase();

/** `POST /api/portal/outlets/{id}/batches`, with an `Idempotency-Key` header. */
export const newBatchSchema = z.object(
  {
    batchNumber: batchNumberSchema,
    kitType: z.enum(kitTypeSchema.options, { error: 'Choose the kit type' }),
    quantity: z
      .number({ error: 'Enter how many kits, as a number' })
      .int('Enter a whole number of kits')
      .min(1, 'Enter at least 1 kit')
      .max(5000, 'Enter 5000 kits or fewer'),
    expiresOn: z.iso.date({ error: 'Enter the expiry date, as a real date' }),
  },
  { error: 'Send the batch as a JSON object' },
);
export type NewBatch = z.infer<typeof newBatchSchema>;

export const batchIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,80}$/, 'Enter a batch id');

/** A batch as recorded. */
export const storedBatchSchema = newBatchSchema.extend({
  id: batchIdSchema,
  addedAt: z.iso.datetime({ offset: true }),
  /** Who recorded it, as named in change history. */
  addedBy: z.string(),
});
export type StoredBatch = z.infer<typeof storedBatchSchema>;

/** A batch with how close it is to its expiry date, as of today. */
export const batchSchema = storedBatchSchema.extend({
  /** `expired`: the date has passed; `expiring_soon`: within {@link expiringSoonDays} days. */
  expiry: z.enum(['expired', 'expiring_soon', 'ok']),
  /** Days from today to the expiry date; negative once it has passed. */
  daysToExpiry: z.number().int(),
});
export type Batch = z.infer<typeof batchSchema>;

/** `GET /api/portal/outlets/{id}/batches?number=`: all batches, or those with a batch number. */
export const batchesQuerySchema = z.object({
  number: batchNumberSchema.optional(),
});
export type BatchesQuery = z.infer<typeof batchesQuerySchema>;

export const batchesResponseSchema = z.object({
  /** Soonest expiry first. */
  batches: z.array(batchSchema),
  expiringSoonDays: z.number().int(),
});
export type BatchesResponse = z.infer<typeof batchesResponseSchema>;
