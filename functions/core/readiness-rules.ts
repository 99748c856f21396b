/**
 * When to remind an outlet's contact to confirm its listing, and when to tell its commissioner
 * instead. Pure: a listing, its reminder state and a moment in, a decision out.
 *
 * Everything is counted from the listing's basis: when it was last confirmed, or first listed if it
 * never was (`assuredAt ?? listedAt`), in London calendar days, so a job that runs at 07:00 treats
 * the whole day alike. The reminder state belongs to one basis: once the listing is confirmed again
 * (by the portal, a reminder's link, anything that sets `assuredAt`), the stored state is about an
 * older basis and counts as answered, without anyone having to reset it.
 *
 * 1. Day 75 (`readinessRules.firstReminderDays`): the first reminder, to the contact email.
 * 2. 7 days after the first, still unanswered: the second reminder.
 * 3. 7 days after the second, still unanswered: escalated, reason `unanswered`.
 * A listing without a contact email is never emailed: it is escalated on the day the first
 * reminder would have gone (reason `no_contact`), since only its commissioner can chase it. A
 * withdrawn (`inactive`) listing is never reminded. A listing with neither date is due at once.
 */
import type { Outlet } from '../contract/outlet.js';
import { type AttentionReason, readinessRules } from '../contract/readiness.js';
import { addDays, londonInstant, londonWallClock } from './london-time.js';

/** Where a listing's reminders have got to, for one basis. */
export interface ReadinessState {
  /** The confirmation (or listing) moment this state is about; null if the listing had neither date. */
  basis: string | null;
  /** Reminders sent for this basis, oldest first (at most two). */
  remindersSentAt: string[];
  /** When the listing was put on its commissioner's list, and why; null while it is not. */
  escalatedAt: string | null;
  escalationReason: AttentionReason | null;
  /** When the contact last answered by a reminder's link (kept across bases, for the record). */
  answeredAt: string | null;
}

/** A listing on its commissioner's list: the escalation, as recorded for the listing's local authority. */
export interface AttentionRecord {
  areaCode: string;
  outletId: string;
  reason: AttentionReason;
  /** The basis (`assuredAt ?? listedAt`) nobody confirmed in time. */
  basis: string | null;
  remindersSentAt: string[];
  escalatedAt: string;
}

/** The list entry for an escalated state; null if the state is not escalated or the listing has no local authority. */
export function attentionRecordOf(outlet: Pick<Outlet, 'id' | 'localAuthorityCode'>, state: ReadinessState): AttentionRecord | null {
  if (state.escalatedAt === null || state.escalationReason === null || outlet.localAuthorityCode === null) return null;
  return {
    areaCode: outlet.localAuthorityCode,
    outletId: outlet.id,
    reason: state.escalationReason,
    basis: state.basis,
    remindersSentAt: state.remindersSentAt,
    escalatedAt: state.escalatedAt,
  };
}

/** What the readiness job should do with one listing now. */
export type ReadinessDecision =
  /** Nothing before `until`: look again then. */
  | { kind: 'wait'; until: Date }
  /** Send reminder number `reminder` to `to`, recording `next`. */
  | { kind: 'remind'; reminder: 1 | 2; to: string; next: ReadinessState }
  /** Put the listing on its commissioner's list, recording `next`. */
  | { kind: 'escalate'; reason: AttentionReason; next: ReadinessState }
  /** Escalated already: nothing more until the listing is confirmed. */
  | { kind: 'done' }
  /** Withdrawn: no reminders at all. */
  | { kind: 'not_listed' };

/** The listing's fields the rules read. */
export type ReadinessListing = Pick<Outlet, 'status' | 'assuredAt' | 'listedAt' | 'contactEmail'>;

/** The moment everything is counted from: the last confirmation, else when it was first listed. */
export const readinessBasis = (outlet: Pick<Outlet, 'assuredAt' | 'listedAt'>): string | null => outlet.assuredAt ?? outlet.listedAt;

/** Midnight in London, `days` calendar days after the London date of `iso`. */
function londonDaysAfter(iso: string, days: number): Date {
  return londonInstant(addDays(londonWallClock(new Date(iso)).date, days), 0);
}

/** The start of the day the first reminder is due for a basis; long ago when the basis is unknown. */
export function firstReminderDue(basis: string | null): Date {
  return basis === null ? new Date(0) : londonDaysAfter(basis, readinessRules.firstReminderDays);
}

/**
 * When the job must first look at a listing after its basis changes, or null for a withdrawn one,
 * which the job never looks at. Never later than the first action the rules could take.
 */
export function firstReadinessCheck(outlet: Pick<Outlet, 'status' | 'assuredAt' | 'listedAt'>): Date | null {
  return outlet.status === 'inactive' ? null : firstReminderDue(readinessBasis(outlet));
}

/** A state with nothing sent for `basis`, keeping when the contact last answered. */
export function freshReadinessState(basis: string | null, answeredAt: string | null = null): ReadinessState {
  return { basis, remindersSentAt: [], escalatedAt: null, escalationReason: null, answeredAt };
}

/** The stored state if it is about the listing's current basis; otherwise a fresh one (the listing was confirmed since). */
export function currentReadinessState(outlet: Pick<Outlet, 'assuredAt' | 'listedAt'>, stored: ReadinessState | null): ReadinessState {
  const basis = readinessBasis(outlet);
  if (stored && stored.basis === basis) return stored;
  return freshReadinessState(basis, stored?.answeredAt ?? null);
}

/** Whether `stored` escalated a basis the listing has moved on from: its place on the commissioner's list is out of date. */
export const isAnsweredEscalation = (outlet: Pick<Outlet, 'assuredAt' | 'listedAt'>, stored: ReadinessState | null): boolean =>
  stored !== null && stored.escalatedAt !== null && stored.basis !== readinessBasis(outlet);

/** What to do with `outlet` at `now`, given its stored reminder state. */
export function decideReadiness(outlet: ReadinessListing, stored: ReadinessState | null, now: Date): ReadinessDecision {
  if (outlet.status === 'inactive') return { kind: 'not_listed' };
  const state = currentReadinessState(outlet, stored);
  if (state.escalatedAt !== null) return { kind: 'done' };

  const sent = state.remindersSentAt;
  const last = sent[sent.length - 1];
  const due =
    last === undefined
      ? firstReminderDue(state.basis)
      : londonDaysAfter(last, sent.length === 1 ? readinessRules.secondReminderAfterDays : readinessRules.escalateAfterDays);
  if (now.getTime() < due.getTime()) return { kind: 'wait', until: due };

  const at = now.toISOString();
  const escalate = (reason: AttentionReason): ReadinessDecision => ({
    kind: 'escalate',
    reason,
    next: { ...state, escalatedAt: at, escalationReason: reason },
  });
  if (sent.length >= 2) return escalate('unanswered');
  if (outlet.contactEmail === null) return escalate('no_contact');
  return { kind: 'remind', reminder: sent.length === 0 ? 1 : 2, to: outlet.contactEmail, next: { ...state, remindersSentAt: [...sent, at] } };
}
