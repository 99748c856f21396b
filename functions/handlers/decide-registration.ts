/**
 * `POST /api/portal/registrations/{id}/decisions` with `If-Match`: approve, ask for changes (with a
 * message) or reject (with a reason). The registrant is emailed each time; approving publishes the
 * listing and makes the registrant its staff (`core/decide-registration.ts`).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { registrationPathSchema } from '../contract/registration.js';
import { registrationDecisionSchema, type RegistrationDecisionResponse } from '../contract/registration-moderation.js';
import { type DecisionPorts, decideRegistration as decide } from '../core/decide-registration.js';
import { toRegistrationView } from '../core/registration-rules.js';
import { ensureAccount } from '../data/accounts.js';
import { sendEmail } from '../data/email.js';
import { grantMembership, putUserProfile } from '../data/memberships.js';
import { createOutlet } from '../data/outlets.js';
import { registrationStore } from '../data/registrations.js';
import { siteConfig } from '../shared/config.js';
import { parseBody, parsePath } from '../shared/http.js';
import { logger } from '../shared/logger.js';
import type { SignedInHandler } from '../shared/request-pipeline.js';
import { expectedVersionOf } from './portal-request.js';
import { registrationResponse } from './registration-request.js';

/** `R` and 9 random capital letters and digits: short enough to read out, unlike any ODS code. */
const newOutletId = (): string => `R${[...randomBytes(9)].map((byte) => (byte % 36).toString(36)).join('').toUpperCase()}`;

const ports: DecisionPorts = {
  registrations: registrationStore,
  createListing: createOutlet,
  ensureStaffAccount: (email, name) => ensureAccount(email, name, 'outlet_staff'),
  async grantStaff(subject, outletId, profile) {
    // An account made now is named in change history; an existing one keeps the name it has.
    if (profile) await putUserProfile({ subject, ...profile });
    await grantMembership(subject, 'outlet', outletId);
  },
  send: async (email) => {
    await sendEmail(email);
  },
  get siteUrl() {
    return siteConfig().SITE_URL;
  },
  newOutletId,
  newId: randomUUID,
  warn: (message, details) => logger.warn(message, details),
};

export const decideRegistration: SignedInHandler = async ({ event, actor }) => {
  const { id } = parsePath(registrationPathSchema, event);
  const expectedVersion = expectedVersionOf(event);
  const decision = parseBody(registrationDecisionSchema, event);
  const outcome = await decide(ports, { id, expectedVersion, decision }, { subject: actor.subject, label: actor.label, now: new Date() });
  logger.info('Registration decided', { registrationId: id, decision: decision.decision, status: outcome.record.status, emailSent: outcome.emailSent });
  const body: RegistrationDecisionResponse = { registration: toRegistrationView(outcome.record), emailSent: outcome.emailSent };
  return registrationResponse(outcome.record, body);
};
