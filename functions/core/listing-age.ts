/**
 * How old a stock status or a confirmation is, in whole days, for "confirmed 3 days ago".
 */

const dayMs = 24 * 60 * 60 * 1000;

/** Whole days from `iso` to `now` (0 on the same day or if `iso` is in the future); null when never set. */
export function ageInDays(iso: string | null, now: Date): number | null {
  if (iso === null) return null;
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return null;
  return Math.max(0, Math.floor((now.getTime() - then) / dayMs));
}
