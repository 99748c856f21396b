/**
 * The area's registrations waiting for a decision (`[data-area-registrations-section]`): new places
 * and emergency cabinets whose postcode is in the area, each linking to the page where it is
 * decided, and a link to the whole queue. Loaded after the rest of the dashboard, so a slow queue
 * never holds up the listings.
 */
import { required } from '../../dom.js';
import { listRegistrations } from '../portal-api.js';
import { registrationCard } from '../registration-card.js';
import { registrationsUrl } from '../portal-urls.js';

export async function showAreaRegistrations(section: HTMLElement, code: string): Promise<void> {
  const list = required<HTMLElement>(section, '[data-area-registrations]');
  const status = required<HTMLElement>(section, '[data-area-registrations-count]');
  const result = await listRegistrations('open', { area: code });
  if (result.kind !== 'ok') {
    status.textContent = 'We could not load the registrations waiting. Reload the page to try again.';
    return;
  }
  const { registrations, nextBefore } = result.data;
  const count = registrations.length;
  status.textContent =
    count === 0 ? 'No registrations in this area are waiting.' : `${nextBefore ? `At least ${count}` : count} ${count === 1 ? 'registration is' : 'registrations are'} waiting for a decision.`;
  list.replaceChildren(...registrations.map((registration) => registrationCard(registration, 'h3')));
  list.hidden = count === 0;
  required<HTMLAnchorElement>(section, '[data-area-registrations-all]').href = registrationsUrl();
}
