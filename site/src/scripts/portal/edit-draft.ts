/**
 * Unsaved edits kept across a sign-in: when a session ends just as someone saves, what they typed
 * is kept in this tab's sessionStorage, and put back when they return from signing in. It keeps
 * the version they started from too, so a change someone else made in between is not overwritten.
 */
import { outletSchema } from '@contract/outlet.js';
import * as z from 'zod/mini';
import { forgetStored, readStored, storagePrefix, writeStored } from './session.js';
import type { ListingValues } from './listing-values.js';

const valuesSchema = z.pick(outletSchema, {
  status: true,
  reopensOn: true,
  alert: true,
  hours: true,
  kitTypes: true,
  eligibility: true,
  phone: true,
  website: true,
  languages: true,
  accessibility: true,
});

/** An edit kept while the person signs in again. */
export interface EditDraft {
  id: string;
  /** The ETag of the version the edit started from. */
  etag: string;
  baseline: ListingValues;
  mine: ListingValues;
}

const draftKey = (id: string): string => `${storagePrefix}draft:edit:${id}`;

/** Keeps the draft for this tab; false when the browser would not store it. */
export function keepDraft(id: string, etag: string, baseline: ListingValues, mine: ListingValues): boolean {
  return writeStored(draftKey(id), { id, etag, baseline, mine });
}

/** The draft kept for `id`, removed as it is read (it is put back once); null if none or unreadable. */
export function takeDraft(id: string): EditDraft | null {
  const stored = readStored(draftKey(id));
  forgetStored(draftKey(id));
  if (stored === null || typeof stored !== 'object') return null;
  const { id: storedId, etag, baseline, mine } = stored as Record<string, unknown>;
  // The values are checked with the contract's own schema: what went into storage may not be what comes out.
  const parsedBaseline = valuesSchema.safeParse(baseline);
  const parsedMine = valuesSchema.safeParse(mine);
  if (storedId !== id || typeof etag !== 'string' || !parsedBaseline.success || !parsedMine.success) return null;
  return { id, etag, baseline: parsedBaseline.data, mine: parsedMine.data };
}
