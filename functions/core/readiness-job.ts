/**
 * The readiness job: looks at every listing due a look, and reminds its contact, escalates it to
 * its commissioner, or sets when to look again, by the rules of `readiness-rules.ts`. All I/O is
 * behind {@link ReadinessJobPorts}; the clock is the `now` it is given.
 *
 * Each reminder goes once, however many runs overlap: the new state is saved (conditionally on the
 * revision read) BEFORE the email is sent, and only the run whose save succeeded sends. If sending
 * fails, the state is put back so the next run tries again. A run that dies between the save and
 * the send loses that one reminder (at most once, never twice); the next step still follows on time.
 */
import type { ListingAction } from '../contract/listing-actions.js';
import type { Outlet } from '../contract/outlet.js';
import type { AttentionReason } from '../contract/readiness.js';
import { reminderActions, reminderEmail } from './reminder-email.js';
import {
  type AttentionRecord,
  type ReadinessState,
  attentionRecordOf,
  currentReadinessState,
  decideReadiness,
  isAnsweredEscalation,
} from './readiness-rules.js';

/** Where the job reads and writes. */
export interface ReadinessJobPorts {
  /** The listings due a look at `now` (the sparse index), by id. */
  dueOutletIds(now: Date): Promise<string[]>;
  /** A listing and its version, read consistently; null if there is none. */
  readListing(id: string): Promise<{ outlet: Outlet; version: number } | null>;
  /** The stored reminder state and its revision; null if none. */
  readState(id: string): Promise<{ state: ReadinessState; revision: number } | null>;
  /** Saves a state if the revision is still `expectedRevision` (0: none); false if another run saved first. */
  saveState(id: string, state: ReadinessState, expectedRevision: number): Promise<boolean>;
  /** When to look at the listing next (null: not until it is confirmed), if it is still at `version`. */
  schedule(id: string, version: number, dueAt: Date | null): Promise<boolean>;
  putAttention(record: AttentionRecord): Promise<void>;
  /** Takes the entry for `basis` off the area's list, if it is there. */
  deleteAttention(areaCode: string, outletId: string, basis: string | null): Promise<void>;
  /** A signed link token for one action on one listing. */
  signLink(outletId: string, action: ListingAction, now: Date): Promise<string>;
  sendEmail(email: { to: string; subject: string; text: string }): Promise<void>;
  /** The site's origin, for the links. */
  siteUrl: string;
}

/** What one run did. */
export interface ReadinessRun {
  /** Listings looked at. */
  looked: number;
  reminded: { outletId: string; reminder: 1 | 2 }[];
  escalated: { outletId: string; reason: AttentionReason }[];
  /** Listings another run was handling at the same moment. */
  skipped: string[];
  /** Listings that failed, with the error's message; the next run looks at them again. */
  failed: { outletId: string; error: string }[];
}

type Outcome =
  | { kind: 'reminded'; reminder: 1 | 2 }
  | { kind: 'escalated'; reason: AttentionReason }
  | { kind: 'skipped' }
  | { kind: 'quiet' };

/** Listings looked at side by side: a run of a few hundred takes seconds, not minutes. */
const defaultConcurrency = 8;

/** Looks at every listing due at `now`. Never throws for one listing: its failure is in the result. */
export async function runReadinessJob(ports: ReadinessJobPorts, now: Date, { concurrency = defaultConcurrency } = {}): Promise<ReadinessRun> {
  const ids = await ports.dueOutletIds(now);
  const run: ReadinessRun = { looked: ids.length, reminded: [], escalated: [], skipped: [], failed: [] };
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++] as string;
      try {
        const outcome = await lookAt(ports, id, now);
        if (outcome.kind === 'reminded') run.reminded.push({ outletId: id, reminder: outcome.reminder });
        if (outcome.kind === 'escalated') run.escalated.push({ outletId: id, reason: outcome.reason });
        if (outcome.kind === 'skipped') run.skipped.push(id);
      } catch (error) {
        run.failed.push({ outletId: id, error: error instanceof Error ? error.message : String(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, ids.length)) }, worker));
  return run;
}

/** One listing: decide, act, and set when to look next. */
async function lookAt(ports: ReadinessJobPorts, id: string, now: Date): Promise<Outcome> {
  const listing = await ports.readListing(id);
  if (!listing) return { kind: 'quiet' };
  const { outlet, version } = listing;
  const stored = await ports.readState(id);
  const storedState = stored?.state ?? null;
  const revision = stored?.revision ?? 0;

  // Confirmed since it was escalated: its old entry comes off the commissioner's list.
  if (isAnsweredEscalation(outlet, storedState) && outlet.localAuthorityCode !== null) {
    await ports.deleteAttention(outlet.localAuthorityCode, id, storedState?.basis ?? null);
  }

  const decision = decideReadiness(outlet, storedState, now);
  switch (decision.kind) {
    case 'not_listed':
      await ports.schedule(id, version, null);
      return { kind: 'quiet' };
    case 'wait':
      await ports.schedule(id, version, decision.until);
      return { kind: 'quiet' };
    case 'done': {
      // A run that died after recording the escalation may not have listed it: list it now.
      const record = attentionRecordOf(outlet, currentReadinessState(outlet, storedState));
      if (record) await ports.putAttention(record);
      await ports.schedule(id, version, null);
      return { kind: 'quiet' };
    }
    case 'escalate': {
      if (!(await ports.saveState(id, decision.next, revision))) return { kind: 'skipped' };
      const record = attentionRecordOf(outlet, decision.next);
      if (record) await ports.putAttention(record);
      await ports.schedule(id, version, null);
      return { kind: 'escalated', reason: decision.reason };
    }
    case 'remind': {
      if (!(await ports.saveState(id, decision.next, revision))) return { kind: 'skipped' };
      try {
        const tokens = Object.fromEntries(
          await Promise.all(reminderActions.map(async (action) => [action, await ports.signLink(id, action, now)] as const)),
        ) as Record<ListingAction, string>;
        const email = reminderEmail({ outlet, reminder: decision.reminder, siteUrl: ports.siteUrl, tokens, now });
        await ports.sendEmail({ to: decision.to, ...email });
      } catch (error) {
        // Not sent: put the state back (only if nobody has moved it on), so the next run sends it.
        await ports.saveState(id, currentReadinessState(outlet, storedState), revision + 1);
        throw error;
      }
      const after = decideReadiness(outlet, decision.next, now);
      await ports.schedule(id, version, after.kind === 'wait' ? after.until : now);
      return { kind: 'reminded', reminder: decision.reminder };
    }
  }
}
