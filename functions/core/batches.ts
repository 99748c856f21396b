/**
 * Stock batches: how close each is to its expiry date, and finding a recalled batch number. Pure.
 */
import { type Batch, type StoredBatch, expiringSoonDays, normaliseBatchNumber } from '../contract/batches.js';
import { daysBetween, londonWallClock } from './london-time.js';

/** A batch with its expiry worked out for `now` (London dates): expired the day after its expiry date. */
export function withExpiry(batch: StoredBatch, now: Date): Batch {
  const daysToExpiry = daysBetween(londonWallClock(now).date, batch.expiresOn);
  const expiry = daysToExpiry < 0 ? 'expired' : daysToExpiry <= expiringSoonDays ? 'expiring_soon' : 'ok';
  return { ...batch, expiry, daysToExpiry };
}

/** The batches, soonest expiry first, only those with `number` if it is given (case, spaces and dashes ignored). */
export function batchesFor(batches: readonly StoredBatch[], now: Date, number?: string): Batch[] {
  const wanted = number === undefined ? null : normaliseBatchNumber(number);
  return batches
    .filter((batch) => wanted === null || normaliseBatchNumber(batch.batchNumber) === wanted)
    .map((batch) => withExpiry(batch, now))
    .sort((a, b) => a.expiresOn.localeCompare(b.expiresOn) || a.addedAt.localeCompare(b.addedAt));
}
