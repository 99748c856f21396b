/**
 * What a commissioner sees of the listings escalated in their area. Pure.
 */
import type { Outlet } from '../contract/outlet.js';
import type { AreaAttentionResponse, AttentionListing } from '../contract/readiness.js';
import { freshnessAt, unconfirmedDays } from './listing-freshness.js';
import { isPubliclyListed } from './listing-visibility.js';
import { type AttentionRecord, readinessBasis } from './readiness-rules.js';

/**
 * The area's list: each escalated listing that is still listed and still unconfirmed since it was
 * escalated (a listing confirmed since has answered, whatever its entry still says), longest
 * unconfirmed first.
 */
export function areaAttention(
  area: { code: string; name: string | null },
  records: readonly AttentionRecord[],
  outlets: readonly Outlet[],
  now: Date,
): AreaAttentionResponse {
  const byId = new Map(outlets.map((outlet) => [outlet.id, outlet]));
  const listings = records.flatMap((record): AttentionListing[] => {
    const outlet = byId.get(record.outletId);
    if (!outlet || !isPubliclyListed(outlet) || readinessBasis(outlet) !== record.basis) return [];
    return [
      {
        id: outlet.id,
        name: outlet.name,
        address: outlet.address,
        reason: record.reason,
        lastConfirmedAt: record.basis,
        unconfirmedDays: unconfirmedDays(outlet, now),
        freshness: freshnessAt(outlet, now),
        remindersSentAt: record.remindersSentAt,
        escalatedAt: record.escalatedAt,
        demo: outlet.demo,
      },
    ];
  });
  // Never confirmed nor listed (no date) first, then the oldest confirmation.
  listings.sort((a, b) => (a.lastConfirmedAt ?? '').localeCompare(b.lastConfirmedAt ?? '') || a.id.localeCompare(b.id));
  return { area, listings };
}
