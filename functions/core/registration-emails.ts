/**
 * What the registrant is told, by email, each time a moderator decides: changes needed (with the
 * link to make them), approved (with how to sign in to the portal), or rejected (with the reason).
 * Pure: plain text in, plain text out. Plain words, no marketing, nothing a stranger could misuse:
 * the only secret is the change link, sent only to the address the registration gave.
 */
import type { RegistrationDetails } from '../contract/registration.js';

/** A plain-text email. */
export interface RegistrationEmail {
  to: string;
  subject: string;
  text: string;
}

const signature = 'Naloxone finder\n\nIf someone is overdosing, call 999 now.';

const what = (details: RegistrationDetails) => (details.kind === 'cabinet' ? `the emergency naloxone cabinet “${details.name}”` : `“${details.name}”`);

/** Changes are needed: the moderator's message, and the single-purpose link to change and send it again. */
export function changesRequestedEmail(details: RegistrationDetails, { reference, message, link, expiresOn }: { reference: string; message: string; link: string; expiresOn: string }): RegistrationEmail {
  return {
    to: details.contactEmail,
    subject: 'Changes needed to your naloxone finder registration',
    text: [
      `Hello ${details.contactName},`,
      `Thank you for registering ${what(details)} on the naloxone finder. Before it can be listed, the person checking it has asked for some changes:`,
      message,
      `Change your registration and send it again here:\n${link}`,
      `The link works once, until ${expiresOn}. Do not share it: anyone with it can change your registration.`,
      `Your reference: ${reference}`,
      signature,
    ].join('\n\n'),
  };
}

/** Approved: the listing is live, and the registrant can sign in to keep it true. */
export function approvedEmail(
  details: RegistrationDetails,
  { reference, listingUrl, portalUrl, newAccount }: { reference: string; listingUrl: string; portalUrl: string; newAccount: boolean },
): RegistrationEmail {
  const keep =
    details.kind === 'cabinet'
      ? 'As its guardian, please tell the finder in one tap whenever the cabinet is used and again when it is restocked, so nobody makes a wasted journey in an emergency.'
      : 'Please keep it true: set your stock in one tap, and change your opening hours when they change.';
  return {
    to: details.contactEmail,
    subject: 'Your naloxone finder listing is live',
    text: [
      `Hello ${details.contactName},`,
      `Your registration of ${what(details)} has been approved. The public can now find it:\n${listingUrl}`,
      keep,
      `Sign in to the outlet portal with this email address (${details.contactEmail}):\n${portalUrl}`,
      newAccount
        ? 'We have made you an account. You do not need a password: enter your email address and we will email you a code to sign in.'
        : 'You already had an account: sign in as you usually do, and you will find this listing with your others.',
      `Your reference: ${reference}`,
      signature,
    ].join('\n\n'),
  };
}

/** Rejected, with the reason; a new registration is still possible. */
export function rejectedEmail(details: RegistrationDetails, { reference, reason }: { reference: string; reason: string }): RegistrationEmail {
  return {
    to: details.contactEmail,
    subject: 'Your naloxone finder registration was not approved',
    text: [
      `Hello ${details.contactName},`,
      `Your registration of ${what(details)} on the naloxone finder was not approved. The reason given was:`,
      reason,
      'If things change, you can register again. If you think this is a mistake, contact the council or NHS team that pays for naloxone in your area.',
      `Your reference: ${reference}`,
      signature,
    ].join('\n\n'),
  };
}
