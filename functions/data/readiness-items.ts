/**
 * The attributes that put a listing in the sparse `readiness` index (`table-schema.ts`), pure. A
 * listing's item gets them when it is written whole and whenever its basis (last confirmation, or
 * first listing) or withdrawal changes; the readiness job moves them on as it looks at the listing.
 */
import type { Outlet } from '../contract/outlet.js';
import { firstReadinessCheck } from '../core/readiness-rules.js';
import { readinessIndex, readinessQueueValue } from './table-schema.js';

/** The index's sort key: when to look next, then the outlet id. ISO instants sort as they compare. */
export const readinessDueKey = (dueAt: Date, outletId: string): string => `${dueAt.toISOString()}#${outletId}`;

/** The index attributes of a listing whose basis just changed; null for a withdrawn one, which stays out. */
export function readinessIndexAttributes(outlet: Outlet): Record<string, string> | null {
  const due = firstReadinessCheck(outlet);
  if (!due) return null;
  return { [readinessIndex.partitionKey]: readinessQueueValue, [readinessIndex.sortKey]: readinessDueKey(due, outlet.id) };
}

/** The upper bound of a Query for everything due at `now`: `~` sorts after every character of an outlet id. */
export const readinessDueUpTo = (now: Date): string => `${now.toISOString()}#~`;
