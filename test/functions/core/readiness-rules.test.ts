import { describe, expect, it } from 'vitest';
import { freshnessThresholds } from '../../../functions/contract/freshness.js';
import { readinessRules } from '../../../functions/contract/readiness.js';
import {
  type ReadinessDecision,
  type ReadinessState,
  attentionRecordOf,
  decideReadiness,
  firstReadinessCheck,
  freshReadinessState,
  isAnsweredEscalation,
} from '../../../functions/core/readiness-rules.js';
import { buildOutlet } from '../../fixtures/outlets.js';

/** Confirmed on 1 December 2026 (GMT): the first reminder is due from midnight on 14 February 2027. */
const confirmedAt = '2026-12-01T10:00:00.000Z';
const outlet = buildOutlet({ assuredAt: confirmedAt, contactEmail: 'manager@example.org' });
const at = (iso: string) => new Date(iso);

/** The state after `decision`, which must have recorded one. */
function stateAfter(decision: ReadinessDecision): ReadinessState {
  if (decision.kind !== 'remind' && decision.kind !== 'escalate') throw new Error(`Expected a decision that records a state, got ${decision.kind}`);
  return decision.next;
}

describe('the readiness rules', () => {
  it('remind before the public is told, and escalate before the public is told', () => {
    // Act
    const firstDay = readinessRules.firstReminderDays;
    const escalationDay = firstDay + readinessRules.secondReminderAfterDays + readinessRules.escalateAfterDays;

    // Assess
    expect(firstDay).toBe(75);
    expect(firstDay).toBe(freshnessThresholds.mayBeOutOfDateDays - 15);
    expect(escalationDay).toBe(89);
    expect(escalationDay).toBeLessThan(freshnessThresholds.mayBeOutOfDateDays);
    expect(readinessRules.linkValidDays).toBe(14);
  });
});

describe('decideReadiness', () => {
  it('waits until the start of day 75 in London, and sends nothing before', () => {
    // Act
    const dayBefore = decideReadiness(outlet, null, at('2027-02-13T23:59:00Z'));

    // Assess
    expect(dayBefore).toEqual({ kind: 'wait', until: at('2027-02-14T00:00:00Z') });
  });

  it('sends the first reminder on day 75, to the contact, recording when', () => {
    // Act
    const decision = decideReadiness(outlet, null, at('2027-02-14T07:00:00Z'));

    // Assess
    expect(decision).toEqual({
      kind: 'remind',
      reminder: 1,
      to: 'manager@example.org',
      next: { basis: confirmedAt, remindersSentAt: ['2027-02-14T07:00:00.000Z'], escalatedAt: null, escalationReason: null, answeredAt: null },
    });
  });

  it('sends the second reminder 7 days after the first, if nobody answered', () => {
    // Prepare
    const afterFirst = stateAfter(decideReadiness(outlet, null, at('2027-02-14T07:00:00Z')));

    // Act
    const sixDaysLater = decideReadiness(outlet, afterFirst, at('2027-02-20T07:00:00Z'));
    const sevenDaysLater = decideReadiness(outlet, afterFirst, at('2027-02-21T07:00:00Z'));

    // Assess
    expect(sixDaysLater).toEqual({ kind: 'wait', until: at('2027-02-21T00:00:00Z') });
    expect(sevenDaysLater).toMatchObject({ kind: 'remind', reminder: 2, next: { remindersSentAt: ['2027-02-14T07:00:00.000Z', '2027-02-21T07:00:00.000Z'] } });
  });

  it('escalates to the commissioner 7 days after two unanswered reminders, then does nothing more', () => {
    // Prepare
    const afterFirst = stateAfter(decideReadiness(outlet, null, at('2027-02-14T07:00:00Z')));
    const afterSecond = stateAfter(decideReadiness(outlet, afterFirst, at('2027-02-21T07:00:00Z')));

    // Act
    const early = decideReadiness(outlet, afterSecond, at('2027-02-27T07:00:00Z'));
    const escalation = decideReadiness(outlet, afterSecond, at('2027-02-28T07:00:00Z'));
    const afterwards = decideReadiness(outlet, stateAfter(escalation), at('2027-05-01T07:00:00Z'));

    // Assess
    expect(early).toEqual({ kind: 'wait', until: at('2027-02-28T00:00:00Z') });
    expect(escalation).toMatchObject({ kind: 'escalate', reason: 'unanswered', next: { escalatedAt: '2027-02-28T07:00:00.000Z', escalationReason: 'unanswered' } });
    expect(afterwards).toEqual({ kind: 'done' });
  });

  it('starts afresh when the listing is confirmed again, whatever had been sent: the old state was answered', () => {
    // Prepare
    const afterFirst = stateAfter(decideReadiness(outlet, null, at('2027-02-14T07:00:00Z')));
    const afterSecond = stateAfter(decideReadiness(outlet, afterFirst, at('2027-02-21T07:00:00Z')));
    const escalated = stateAfter(decideReadiness(outlet, afterSecond, at('2027-02-28T07:00:00Z')));
    const confirmedAgain = { ...outlet, assuredAt: '2027-03-02T16:00:00.000Z' };

    // Act
    const fromReminders = decideReadiness(confirmedAgain, afterSecond, at('2027-03-03T07:00:00Z'));
    const fromEscalation = decideReadiness(confirmedAgain, escalated, at('2027-03-03T07:00:00Z'));

    // Assess: day 75 after 2 March 2027 is 16 May 2027, midnight BST.
    expect(fromReminders).toEqual({ kind: 'wait', until: at('2027-05-15T23:00:00Z') });
    expect(fromEscalation).toEqual({ kind: 'wait', until: at('2027-05-15T23:00:00Z') });
    expect(isAnsweredEscalation(confirmedAgain, escalated)).toBe(true);
    expect(isAnsweredEscalation(outlet, escalated)).toBe(false);
  });

  it('never emails a listing without a contact: it goes to the commissioner on day 75 instead', () => {
    // Prepare
    const noContact = { ...outlet, contactEmail: null };

    // Act
    const before = decideReadiness(noContact, null, at('2027-02-13T12:00:00Z'));
    const onTheDay = decideReadiness(noContact, null, at('2027-02-14T07:00:00Z'));

    // Assess
    expect(before.kind).toBe('wait');
    expect(onTheDay).toMatchObject({ kind: 'escalate', reason: 'no_contact', next: { remindersSentAt: [], escalationReason: 'no_contact' } });
  });

  it('escalates as having no contact when the contact was taken away after the first reminder', () => {
    // Prepare
    const afterFirst = stateAfter(decideReadiness(outlet, null, at('2027-02-14T07:00:00Z')));

    // Act
    const decision = decideReadiness({ ...outlet, contactEmail: null }, afterFirst, at('2027-02-21T07:00:00Z'));

    // Assess
    expect(decision).toMatchObject({ kind: 'escalate', reason: 'no_contact', next: { remindersSentAt: ['2027-02-14T07:00:00.000Z'] } });
  });

  it('counts a listing never confirmed from when it was listed, and one with neither date as due at once', () => {
    // Prepare
    const neverConfirmed = { ...outlet, assuredAt: null, listedAt: '2026-12-01T10:00:00.000Z' };
    const noDates = { ...outlet, assuredAt: null, listedAt: null };

    // Act
    const listed = decideReadiness(neverConfirmed, null, at('2027-02-13T12:00:00Z'));
    const undated = decideReadiness(noDates, null, at('2027-02-13T12:00:00Z'));

    // Assess
    expect(listed).toEqual({ kind: 'wait', until: at('2027-02-14T00:00:00Z') });
    expect(undated).toMatchObject({ kind: 'remind', reminder: 1, next: { basis: null } });
  });

  it('counts days in London: a confirmation at 00:30 BST belongs to that London day', () => {
    // Prepare: 23:30 UTC on 30 June is 00:30 on 1 July in London; day 75 after 1 July is 14 September.
    const lateNight = { ...outlet, assuredAt: '2026-06-30T23:30:00.000Z' };

    // Act
    const decision = decideReadiness(lateNight, null, at('2026-09-13T12:00:00Z'));

    // Assess
    expect(decision).toEqual({ kind: 'wait', until: at('2026-09-13T23:00:00Z') });
  });

  it('never reminds a withdrawn listing, which is not in the readiness index at all', () => {
    // Prepare
    const withdrawn = { ...outlet, status: 'inactive' as const };

    // Act
    const decision = decideReadiness(withdrawn, null, at('2027-12-01T07:00:00Z'));

    // Assess
    expect(decision).toEqual({ kind: 'not_listed' });
    expect(firstReadinessCheck(withdrawn)).toBeNull();
    expect(firstReadinessCheck(outlet)).toEqual(at('2027-02-14T00:00:00Z'));
  });

  it('still reminds a temporarily closed listing: its closure and reopening day must stay true too', () => {
    // Prepare
    const closed = buildOutlet({ ...outlet, status: 'temporarily_closed', reopensOn: '2027-03-01' });

    // Act
    const decision = decideReadiness(closed, null, at('2027-02-14T07:00:00Z'));

    // Assess
    expect(decision.kind).toBe('remind');
  });
});

describe('attentionRecordOf', () => {
  it('lists an escalated listing under its local authority, and nothing for one not escalated or without one', () => {
    // Prepare
    const escalated: ReadinessState = { ...freshReadinessState(confirmedAt), escalatedAt: '2027-02-14T07:00:00.000Z', escalationReason: 'no_contact' };

    // Act
    const record = attentionRecordOf(outlet, escalated);
    const notEscalated = attentionRecordOf(outlet, freshReadinessState(confirmedAt));
    const noArea = attentionRecordOf({ ...outlet, localAuthorityCode: null }, escalated);

    // Assess
    expect(record).toEqual({
      areaCode: 'E08000003',
      outletId: 'FA123',
      reason: 'no_contact',
      basis: confirmedAt,
      remindersSentAt: [],
      escalatedAt: '2027-02-14T07:00:00.000Z',
    });
    expect([notEscalated, noArea]).toEqual([null, null]);
  });
});
