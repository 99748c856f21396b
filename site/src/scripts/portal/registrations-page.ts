/**
 * The registrations queue (`[data-module="portal-registrations"]`): each registration with its
 * status, kind, place and area, linking to the page where it is decided.
 */
// First, before any contract module builds a schema: the portal's CSP forbids zod's eval probe.
import '../zod-without-eval.js';
import type { MeResponse } from '@contract/me.js';
import { registrationIdSchema } from '@contract/registration.js';
import { type RegistrationQueue, type RegistrationSummary } from '@contract/registration-moderation.js';
import { el, required } from '../dom.js';
import { dateInWords } from '../format.js';
import { openModeratorPage, registrationStatusTag } from './moderator-page.js';
import { listRegistrations } from './portal-api.js';
import { portalTitle } from './portal-title.js';
import { registrationPageUrl, registrationsUrl } from './portal-urls.js';

export async function enhanceRegistrationsPage(root: HTMLElement): Promise<void> {
  const params = new URLSearchParams(location.search);
  const queue: RegistrationQueue = params.get('queue') === 'decided' ? 'decided' : 'open';
  const before = registrationIdSchema.safeParse(params.get('before') ?? '').data;
  const opened = await openModeratorPage(root, () => listRegistrations(queue, before));
  if (!opened) return;
  const { me, data } = opened;
  const page = required<HTMLElement>(root, '[data-registrations]');
  const title = queue === 'open' ? 'Registrations waiting' : 'Registrations decided';
  required<HTMLElement>(page, '[data-registrations-title]').textContent = title;
  required<HTMLElement>(page, '[data-registrations-scope]').textContent = scopeInWords(me);
  for (const link of page.querySelectorAll<HTMLAnchorElement>('[data-queue-link]')) {
    if (link.dataset.queueLink === queue) link.setAttribute('aria-current', 'page');
  }
  required<HTMLElement>(page, '[data-registrations-list]').replaceChildren(
    ...(data.registrations.length ? data.registrations.map(registrationCard) : [el('p', { 'data-registrations-empty': '' }, queue === 'open' ? 'No registrations are waiting.' : 'No registrations have been decided yet.')]),
  );
  const more = required<HTMLElement>(page, '[data-registrations-more]');
  if (data.nextBefore) {
    required<HTMLAnchorElement>(more, 'a').href = `${registrationsUrl(queue)}${queue === 'open' ? '?' : '&'}${new URLSearchParams({ before: data.nextBefore })}`;
    more.hidden = false;
  }
  page.hidden = false;
  document.title = portalTitle(title);
}

function scopeInWords(me: MeResponse): string {
  if (me.roles.includes('admin')) return 'Every registration, in every area. Those whose council area is not known are for administrators to check.';
  const areas = me.areas.map((area) => area.name ?? area.code).join(', ');
  return `Registrations of new places and emergency cabinets in ${areas}.`;
}

function registrationCard(registration: RegistrationSummary): HTMLElement {
  const headingId = `registration-${registration.id}`;
  return el(
    'section',
    { class: 'app-listing', 'aria-labelledby': headingId, 'data-registration': registration.id },
    el('h2', { class: 'app-listing__name', id: headingId }, el('a', { href: registrationPageUrl(registration.id) }, registration.name)),
    el('p', { class: 'app-result__meta' }, registrationStatusTag(registration.status), el('span', {}, registration.kind === 'cabinet' ? 'Emergency cabinet' : 'Place that hands out kits')),
    el('p', {}, `${registration.organisation}, ${registration.town}, ${registration.postcode}`),
    el('p', { class: 'app-secondary' }, registration.localAuthority ? `Area: ${registration.localAuthority.name ?? registration.localAuthority.code}` : 'Area not known – for administrators', ` · Sent ${dateInWords(registration.submittedAt)}`),
  );
}
