/**
 * A registration in words, for the page where it is decided: what the registrant sent (their
 * private contact included: the moderator may need to call them), where the postcode puts it, and
 * what has happened to it so far.
 */
import type { Registration, RegistrationEvent } from '@contract/registration-moderation.js';
import { registrationBasisWords } from '@contract/registration.js';
import { el, summaryRow } from '../dom.js';
import { directionsUrl, kitTypesInWords } from '../format.js';
import { hoursInWords } from '../hours-words.js';
import { momentInWords } from './london-dates.js';

/** Every answer, as a summary list's rows. */
export function detailRows(registration: Registration): HTMLElement[] {
  const { details } = registration;
  const address = [details.addressLine1, details.addressLine2, details.town, registration.postcode].filter(Boolean).join(', ');
  return [
    summaryRow('Organisation', details.organisation),
    summaryRow('Name', details.name),
    ...(details.kind === 'outlet' ? [summaryRow('Who hands it out', registrationBasisWords[details.basis].label)] : []),
    summaryRow('Address', address),
    ...(details.kind === 'cabinet' ? [summaryRow('Where exactly', details.locationDescription)] : []),
    summaryRow('Public phone', details.phone ?? 'None given'),
    ...(details.kind === 'outlet' ? [summaryRow('Website', details.website ?? 'None given')] : []),
    summaryRow('Kits', kitTypesInWords(details.kitTypes)),
    summaryRow('Opening hours', details.kind === 'cabinet' ? 'Open 24 hours, every day' : hoursInWords(details.hours)),
    ...(details.kind === 'outlet'
      ? [
          summaryRow(
            'Who can get a kit',
            [details.noIdNeeded ? 'No ID needed' : 'May ask for ID', details.walkIn ? 'walk in' : 'may need an appointment', details.familyAndFriendsCanCollect ? 'family and friends can collect' : 'family and friends may not collect'].join(', '),
          ),
        ]
      : []),
    summaryRow('Contact (not published)', `${details.contactName}, `, el('a', { href: `mailto:${details.contactEmail}` }, details.contactEmail)),
  ];
}

/** Where the postcode puts it, how sure that is, and whose area it is in. */
export function placeBlock(registration: Registration): HTMLElement[] {
  const area = registration.localAuthority ? `${registration.localAuthority.name ?? registration.localAuthority.code} (${registration.localAuthority.code})` : null;
  return [
    el('p', {}, registration.locationSource === 'postcode' ? `The postcode ${registration.postcode} was found.` : `The postcode ${registration.postcode} is not in our postcode data: only its district was found, so the point is rough.`),
    el('p', {}, area ? `Council area: ${area}.` : 'Council area: not known, so this registration is for administrators.'),
    el('p', {}, el('a', { href: directionsUrl(registration.location) }, 'See the point on OpenStreetMap')),
  ];
}

const eventWords: Record<RegistrationEvent['action'], string> = {
  submitted: 'Sent by the registrant',
  changes_requested: 'Changes asked for',
  resubmitted: 'Sent again by the registrant, with changes',
  approved: 'Approved',
  rejected: 'Rejected',
  published: 'Listing published, and the registrant made its staff',
};

/** Each step, oldest first, with who took it and their message. */
export function eventItems(registration: Registration): HTMLElement[] {
  return registration.events.map((event) =>
    el(
      'li',
      { class: 'app-history__entry', 'data-registration-event': event.action },
      el('p', { class: 'app-history__when' }, momentInWords(event.at)),
      el('p', {}, el('strong', {}, eventWords[event.action]), event.by ? ` by ${event.by}` : ''),
      event.message ? el('p', { class: 'app-inset' }, event.message) : el('span', { hidden: '' }),
    ),
  );
}
