/**
 * A moderator's decision on a registration, and what follows it: the registrant's email each time,
 * and on approval the published listing and the registrant's portal account. The rules are in
 * `registration-rules.ts`; storage, accounts and email are behind the ports, so the handler is thin
 * and this reads the same on AWS and locally.
 *
 * Approval is decided first (one conditional write: approved, with the new listing's id), then
 * published in steps that are each safe to repeat: the listing is created unless it exists, the
 * account is made or found and put in `outlet_staff`, the membership is granted, the registrant is
 * emailed, and the registration is marked published. If a step fails, the registration stays
 * "approved, not yet published" and approving it again (the portal offers "Finish publishing")
 * carries on where it stopped, with the same listing id.
 */
import type { ChangeEntry } from '../contract/portal-outlet.js';
import type { Outlet } from '../contract/outlet.js';
import type { RegistrationDecision } from '../contract/registration-moderation.js';
import { DomainError, notFound } from '../shared/errors.js';
import { dateLabel } from './opening-hours-text.js';
import { listingFromRegistration } from './registration-listing.js';
import { fieldChange } from './listing-diff.js';
import { type RegistrationEmail, approvedEmail, changesRequestedEmail, rejectedEmail } from './registration-emails.js';
import { changeLinkUrl, newChangeLink } from './registration-links.js';
import {
  type RegistrationRecord,
  approve,
  askForChanges,
  checkDecision,
  published,
  reject,
  staleDecision,
  supplyBasisFor,
} from './registration-rules.js';

/** Where registrations are kept: consistent reads, and writes conditional on the version read. */
export interface RegistrationStorePort {
  read(id: string): Promise<RegistrationRecord | null>;
  /** Writes `next` only if the stored version is still `current.version`; throws `precondition_failed` otherwise. */
  write(current: RegistrationRecord, next: RegistrationRecord): Promise<RegistrationRecord>;
}

/** Everything a decision touches besides the registration. */
export interface DecisionPorts {
  registrations: RegistrationStorePort;
  /** Creates the listing with its first history entry unless its id exists. */
  createListing(outlet: Outlet, entry: ChangeEntry): Promise<'created' | 'exists'>;
  /** Makes or finds the person's account, in the `outlet_staff` group. */
  ensureStaffAccount(email: string, name: string): Promise<{ subject: string; created: boolean }>;
  /** Makes the account staff of the listing; `profile` names a new account in change history. */
  grantStaff(subject: string, outletId: string, profile: { email: string; name: string } | null): Promise<void>;
  send(email: RegistrationEmail): Promise<void>;
  /** The public site's address, for links in emails. */
  siteUrl: string;
  /** A new listing id. */
  newOutletId(): string;
  /** A new history entry id. */
  newId(): string;
  /** Logs a failure that the moderator is told about but that does not undo the decision. */
  warn(message: string, details: Record<string, unknown>): void;
}

/** Who decides, and when. */
export interface DeciderContext {
  subject: string;
  /** As named in change history. */
  label: string;
  now: Date;
}

/** The registration after the decision, and whether the registrant was emailed. */
export interface DecisionOutcome {
  record: RegistrationRecord;
  emailSent: boolean;
}

async function readOrThrow(ports: DecisionPorts, id: string): Promise<RegistrationRecord> {
  const current = await ports.registrations.read(id);
  if (!current) throw notFound('We could not find that registration');
  return current;
}

/** Writes a decision; when someone else got there first, answers with the registration as it is now. */
async function writeDecision(ports: DecisionPorts, current: RegistrationRecord, next: RegistrationRecord): Promise<RegistrationRecord> {
  try {
    return await ports.registrations.write(current, next);
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'precondition_failed') throw error;
    throw staleDecision(await readOrThrow(ports, current.id));
  }
}

/** Sends an email; a failure is logged and reported, never undoes the decision already saved. */
async function trySend(ports: DecisionPorts, email: RegistrationEmail, registrationId: string): Promise<boolean> {
  try {
    await ports.send(email);
    return true;
  } catch (error) {
    ports.warn('Could not email the registrant', { registrationId, error: (error as Error).message });
    return false;
  }
}

const siteLink = (ports: DecisionPorts, path: string) => `${ports.siteUrl.replace(/\/+$/, '')}${path}`;

/** Applies `decision` to the registration `id`, as read at `expectedVersion` (its `ETag`). */
export async function decideRegistration(
  ports: DecisionPorts,
  request: { id: string; expectedVersion: number; decision: RegistrationDecision },
  context: DeciderContext,
): Promise<DecisionOutcome> {
  const current = await readOrThrow(ports, request.id);
  const { decision } = request;
  const decided = { by: context.label, now: context.now };

  if (decision.decision === 'ask_for_changes') {
    checkDecision(current, 'ask_for_changes', request.expectedVersion);
    const link = newChangeLink(context.now);
    const record = await writeDecision(ports, current, askForChanges(current, decision.message, link.stored, decided));
    const email = changesRequestedEmail(record.details, {
      reference: record.id,
      message: decision.message,
      link: changeLinkUrl(ports.siteUrl, record.id, link.token),
      expiresOn: dateLabel(link.stored.expiresAt.slice(0, 10)),
    });
    return { record, emailSent: await trySend(ports, email, record.id) };
  }

  if (decision.decision === 'reject') {
    checkDecision(current, 'reject', request.expectedVersion);
    const record = await writeDecision(ports, current, reject(current, decision.reason, decided));
    return { record, emailSent: await trySend(ports, rejectedEmail(record.details, { reference: record.id, reason: decision.reason }), record.id) };
  }

  let approved: RegistrationRecord;
  if (current.status === 'approved' && current.publishedAt === null) {
    // Finishing an approval that stopped part way: the same listing id, no new decision.
    if (current.version !== request.expectedVersion) throw staleDecision(current);
    approved = current;
  } else {
    checkDecision(current, 'approve', request.expectedVersion);
    const supplyBasis = supplyBasisFor(current.details, decision.supplyBasis);
    approved = await writeDecision(ports, current, approve(current, { outletId: ports.newOutletId(), supplyBasis }, decided));
  }
  return publish(ports, approved, context);
}

/** The steps after an approval, each safe to repeat; see the module's header. */
async function publish(ports: DecisionPorts, approved: RegistrationRecord, context: DeciderContext): Promise<DecisionOutcome> {
  const { outletId, supplyBasis, details } = approved;
  if (outletId === null || supplyBasis === null) throw new Error(`Approved registration ${approved.id} has no listing id or basis`);
  const at = context.now.toISOString();
  const outlet = listingFromRegistration(approved, { outletId, supplyBasis, now: context.now });
  await ports.createListing(outlet, {
    id: ports.newId(),
    at,
    by: { subject: context.subject, label: context.label },
    action: 'publish',
    changes: [fieldChange('registration', null, approved.id)],
  });
  const account = await ports.ensureStaffAccount(details.contactEmail, details.contactName);
  await ports.grantStaff(account.subject, outletId, account.created ? { email: details.contactEmail, name: details.contactName } : null);
  const email = approvedEmail(details, {
    reference: approved.id,
    listingUrl: siteLink(ports, `/outlet/?${new URLSearchParams({ id: outletId })}`),
    portalUrl: siteLink(ports, '/portal/'),
    newAccount: account.created,
  });
  const emailSent = await trySend(ports, email, approved.id);
  const record = await writeDecision(ports, approved, published(approved, account.subject, context.now));
  return { record, emailSent };
}
