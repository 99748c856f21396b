/**
 * The life of a registration, pure: a new one from what the registrant sent, the moderators'
 * decisions, the registrant sending it again, and what each party may see. Ids, times and secrets
 * come in; storage, email and accounts are the caller's (`approve-registration.ts`, the handlers).
 *
 *   submitted ──ask for changes──▶ changes_requested ──resubmit──▶ resubmitted
 *       │  ▲                          │    ▲   (ask again: a new message and link)   │
 *       │  └──────────────────────────┼────┴──────────────ask for changes────────────┘
 *       ├──approve──▶ approved (published once the listing and account exist)
 *       └──reject───▶ rejected          (reject also from changes_requested and resubmitted)
 *
 * Approving waits for the registrant: it is not possible while changes are requested. Approved and
 * rejected are final.
 */
import type { OutletType, SupplyBasis } from '../contract/outlet.js';
import type { LegalBasis, RegistrationDetails, RegistrationPlace } from '../contract/registration.js';
import type {
  OwnRegistration,
  Registration,
  RegistrationDecision,
  RegistrationEvent,
  RegistrationQueue,
  RegistrationStatus,
  RegistrationSummary,
} from '../contract/registration-moderation.js';
import { DomainError, conflict, preconditionFailed, validationFailed } from '../shared/errors.js';

/** A registration as stored: the view's fields, and the private ones no answer carries. */
export interface RegistrationRecord extends Omit<Registration, keyof RegistrationPlace>, RegistrationPlace {
  /** The hash of the current "change your registration" link's secret, and when it stops working; null when there is none. */
  changeLink: { hash: string; expiresAt: string } | null;
  /** The portal account made for the registrant on approval. */
  accountSubject: string | null;
}

/** What may be done to a registration, and by whom: moderators decide, the registrant resubmits. */
export type RegistrationAction = RegistrationDecision['decision'] | 'resubmit';

/** The statuses each action may start from. Approving an approved registration finishes its publication (see `approve-registration.ts`). */
const allowedFrom: Record<RegistrationAction, readonly RegistrationStatus[]> = {
  approve: ['submitted', 'resubmitted'],
  ask_for_changes: ['submitted', 'resubmitted', 'changes_requested'],
  reject: ['submitted', 'resubmitted', 'changes_requested'],
  resubmit: ['changes_requested'],
};

/** Whether `action` may be taken on a registration in `status`. */
export const mayTake = (action: RegistrationAction, status: RegistrationStatus): boolean => allowedFrom[action].includes(status);

/** Approved and rejected registrations are decided; the rest wait on someone. */
export const queueOf = (status: RegistrationStatus): RegistrationQueue => (status === 'approved' || status === 'rejected' ? 'decided' : 'open');

const notNow: Record<RegistrationStatus, string> = {
  submitted: 'This registration is waiting for a decision.',
  changes_requested: 'Changes have been asked for: this registration is waiting for the registrant to send it again.',
  resubmitted: 'This registration has been sent again and is waiting for a decision.',
  approved: 'This registration has already been approved.',
  rejected: 'This registration has already been rejected.',
};

/** The registration id: the time received, compact, then 10 random letters and digits (`random` gives them). */
export const registrationIdFor = (receivedAt: Date, random: string): string => `${receivedAt.toISOString().replace(/[-:.]/g, '')}-${random}`;

/** A new registration, as sent. */
export function newRegistration(details: RegistrationDetails, place: RegistrationPlace, { id, now }: { id: string; now: Date }): RegistrationRecord {
  const at = now.toISOString();
  return {
    id,
    status: 'submitted',
    details,
    ...place,
    submittedAt: at,
    updatedAt: at,
    version: 1,
    events: [{ at, action: 'submitted', by: null, message: null }],
    outletId: null,
    supplyBasis: null,
    publishedAt: null,
    changeLink: null,
    accountSubject: null,
  };
}

/** What kind of place a legal basis makes a registration. */
export function outletTypeFor(basis: SupplyBasis): OutletType {
  const types: Record<SupplyBasis, OutletType> = {
    drug_treatment_service: 'drug_service',
    pharmacy: 'pharmacy',
    nurse_midwife_paramedic: 'health_service',
    police: 'police',
    prison: 'prison',
    probation: 'probation',
    youth_justice: 'youth_justice',
    armed_forces: 'armed_forces',
    emergency_box: 'emergency_box',
    postal: 'postal',
  };
  return types[basis];
}

/**
 * The legal basis the listing is published with: a cabinet's is `emergency_box`; otherwise the
 * moderator's choice, or the registrant's when the moderator makes none.
 * @throws 422 on `supplyBasis` when nobody has chosen one (the registrant was not sure), or one is given for a cabinet.
 */
export function supplyBasisFor(details: RegistrationDetails, chosen: LegalBasis | undefined): SupplyBasis {
  if (details.kind === 'cabinet') {
    if (chosen !== undefined) {
      throw validationFailed('There is a problem with the decision', [{ path: 'supplyBasis', message: 'An emergency cabinet needs no legal basis: leave it out' }]);
    }
    return 'emergency_box';
  }
  const basis = chosen ?? (details.basis === 'not_sure' ? undefined : details.basis);
  if (basis === undefined) {
    throw validationFailed('There is a problem with the decision', [
      { path: 'supplyBasis', message: 'The registrant was not sure who hands out naloxone here: choose the group before approving' },
    ]);
  }
  return basis;
}

/** Who made a decision, and when. */
export interface DecisionContext {
  /** As named in change history. */
  by: string;
  now: Date;
}

/** The stale-decision error, with the registration as it is now. */
export const staleDecision = (current: RegistrationRecord): DomainError =>
  preconditionFailed('Someone else has changed this registration since you opened it. Check it as it is now, then decide again.', {
    current: toRegistrationView(current),
  });

/** Throws unless the decision starts from the version read and the registration's status allows it. */
export function checkDecision(current: RegistrationRecord, action: RegistrationAction, expectedVersion: number): void {
  if (current.version !== expectedVersion) throw staleDecision(current);
  if (!mayTake(action, current.status)) throw conflict(notNow[current.status]);
}

function withEvent(current: RegistrationRecord, status: RegistrationStatus, event: Omit<RegistrationEvent, 'at'>, now: Date): RegistrationRecord {
  const at = now.toISOString();
  return { ...current, status, updatedAt: at, version: current.version + 1, events: [...current.events, { at, ...event }] };
}

/**
 * "Ask for changes": waits for the registrant, with a new link (any earlier one stops working).
 * `link` is the new secret's hash and when it expires.
 */
export function askForChanges(
  current: RegistrationRecord,
  message: string,
  link: { hash: string; expiresAt: string },
  { by, now }: DecisionContext,
): RegistrationRecord {
  return { ...withEvent(current, 'changes_requested', { action: 'changes_requested', by, message }, now), changeLink: link };
}

/** "Reject", with the reason the registrant is told. Any change link stops working. */
export function reject(current: RegistrationRecord, reason: string, { by, now }: DecisionContext): RegistrationRecord {
  return { ...withEvent(current, 'rejected', { action: 'rejected', by, message: reason }, now), changeLink: null };
}

/** "Approve": decided, with the new listing's id and basis; published once the listing and account exist. */
export function approve(current: RegistrationRecord, { outletId, supplyBasis }: { outletId: string; supplyBasis: SupplyBasis }, { by, now }: DecisionContext): RegistrationRecord {
  return { ...withEvent(current, 'approved', { action: 'approved', by, message: null }, now), outletId, supplyBasis, changeLink: null };
}

/** Marks an approved registration published: its listing is live and its registrant is its staff. */
export function published(current: RegistrationRecord, accountSubject: string, now: Date): RegistrationRecord {
  return { ...withEvent(current, 'approved', { action: 'published', by: null, message: null }, now), publishedAt: now.toISOString(), accountSubject };
}

/** The registrant's changes, sent again with the link's secret, which is then used up. */
export function resubmit(current: RegistrationRecord, details: RegistrationDetails, place: RegistrationPlace, now: Date): RegistrationRecord {
  if (!mayTake('resubmit', current.status)) throw conflict(notNow[current.status]);
  return { ...withEvent(current, 'resubmitted', { action: 'resubmitted', by: null, message: null }, now), ...place, details, changeLink: null };
}

/** The moderators' view: everything but the link's secret and the account. */
export function toRegistrationView(record: RegistrationRecord): Registration {
  const { changeLink: _link, accountSubject: _account, ...view } = record;
  return view;
}

/** A registration in a queue. */
export function toRegistrationSummary(record: RegistrationRecord): RegistrationSummary {
  return {
    id: record.id,
    kind: record.details.kind,
    status: record.status,
    name: record.details.name,
    organisation: record.details.organisation,
    town: record.details.town,
    postcode: record.postcode,
    submittedAt: record.submittedAt,
    updatedAt: record.updatedAt,
    localAuthority: record.localAuthority,
    reviewer: record.reviewer,
    outletId: record.outletId,
  };
}

/** The registrant's view through their link: what they sent and what to change, never who decided. */
export function toOwnRegistration(record: RegistrationRecord, linkExpiresAt: string): OwnRegistration {
  const request = [...record.events].reverse().find((event) => event.action === 'changes_requested');
  return { id: record.id, status: record.status, details: record.details, message: request?.message ?? null, linkExpiresAt };
}
