/**
 * How fresh a listing is, from when its outlet last confirmed it (or, never confirmed, when it was
 * first listed). The thresholds live here, once: the API's answers, the search, the site's words,
 * the readiness reminders, the tests and the README all read them from this module.
 */
import * as z from 'zod/mini';

export const freshnessThresholds = {
  /** From this many days without a confirmation, the public sees "This listing may be out of date – call ahead". */
  mayBeOutOfDateDays: 90,
  /** From this many days, default searches leave the listing out; its page still works, clearly marked. */
  leftOutOfSearchDays: 180,
} as const;

/**
 * - `current`: confirmed less than {@link freshnessThresholds}.mayBeOutOfDateDays ago.
 * - `may_be_out_of_date`: not confirmed for that long (or never, with no date it was listed).
 * - `out_of_date`: not confirmed for {@link freshnessThresholds}.leftOutOfSearchDays days or more.
 */
export const freshnessSchema = z.enum(['current', 'may_be_out_of_date', 'out_of_date']);
export type Freshness = z.infer<typeof freshnessSchema>;

/** How many "they had no kits" reports since the last confirmation make the public listing say so. */
export const noKitsReportsShown = 2;
