/**
 * A registration in a list, linking to the page where it is decided: its status, kind, place and
 * area. The registrations queue shows them, and so does an area's dashboard for that area's.
 */
import type { RegistrationSummary } from '@contract/registration-moderation.js';
import { el } from '../dom.js';
import { dateInWords } from '../format.js';
import { registrationStatusTag } from './moderator-page.js';
import { registrationPageUrl } from './portal-urls.js';

export function registrationCard(registration: RegistrationSummary, heading: 'h2' | 'h3' = 'h2'): HTMLElement {
  const headingId = `registration-${registration.id}`;
  return el(
    'section',
    { class: 'app-listing', 'aria-labelledby': headingId, 'data-registration': registration.id },
    el(heading, { class: 'app-listing__name', id: headingId }, el('a', { href: registrationPageUrl(registration.id) }, registration.name)),
    el('p', { class: 'app-result__meta' }, registrationStatusTag(registration.status), el('span', {}, registration.kind === 'cabinet' ? 'Emergency cabinet' : 'Place that hands out kits')),
    el('p', {}, `${registration.organisation}, ${registration.town}, ${registration.postcode}`),
    el('p', { class: 'app-secondary' }, registration.localAuthority ? `Area: ${registration.localAuthority.name ?? registration.localAuthority.code}` : 'Area not known – for administrators', ` · Sent ${dateInWords(registration.submittedAt)}`),
  );
}
