/**
 * The signed-in first screen: the person's listings with one-tap stock buttons, and for
 * commissioners and administrators what they can do here. Loaded only for a signed-in tab.
 */
// First, before any contract module builds a schema: the portal's CSP forbids zod's eval probe.
import '../zod-without-eval.js';
import type { MeResponse, MyOutlet } from '@contract/me.js';
import { outletIdSchema } from '@contract/outlet.js';
import { demoTag, el, required } from '../dom.js';
import { clearErrors, showErrors } from '../error-summary.js';
import { addressInOneLine } from '../format.js';
import { showSignedOutHome } from './home-signed-out.js';
import { listingLinks } from './listing-links.js';
import { listingStatusInWords } from './listing-words.js';
import { oneTapControls } from './one-tap.js';
import { cabinetTapControls } from './cabinet-tap.js';
import { showPortalState, stopLoading } from './page-state.js';
import { getMe } from './portal-api.js';
import { showSignedInPerson } from './portal-header.js';
import { portalTitle } from './portal-title.js';
import { listingPageUrl, registrationsUrl } from './portal-urls.js';
import { rememberLabel } from './session.js';

export async function showSignedInHome(root: HTMLElement): Promise<void> {
  const me = await getMe();
  stopLoading(root);
  if (me.kind === 'signed_out') {
    showSignedOutHome(root, { sessionEnded: true });
    return;
  }
  if (me.kind !== 'ok') {
    showPortalState(root, 'unavailable');
    return;
  }
  rememberLabel(me.data.label);
  showSignedInPerson(me.data.label);

  const section = required<HTMLElement>(root, '[data-home-signed-in]');
  const title = homeTitle(me.data);
  required<HTMLElement>(section, '[data-home-title]').textContent = title;
  document.title = portalTitle(title);
  required<HTMLElement>(section, '[data-home-listings]').replaceChildren(...listingsOf(me.data));
  showAreas(required<HTMLElement>(section, '[data-home-areas]'), me.data);
  showRegistrations(required<HTMLElement>(section, '[data-home-registrations]'), me.data);
  // Loaded apart, so staff (who have no area) never load it.
  if (me.data.areas.length > 0) {
    const attention = required<HTMLElement>(section, '[data-home-attention]');
    void import('./area-attention.js')
      .then(({ showAreaAttention }) => showAreaAttention(attention, me.data.areas))
      .catch(() => {
        attention.replaceChildren(el('p', {}, 'We could not load the listings that need checking. Reload the page to try again.'));
        attention.hidden = false;
      });
  }
  if (me.data.roles.includes('admin') || me.data.areas.length > 0) enhanceOpenListing(section, me.data);
  section.hidden = false;
}

function homeTitle(me: MeResponse): string {
  if (me.outlets.length > 0) return me.outlets.length === 1 ? 'Your listing' : 'Your listings';
  if (me.roles.includes('admin')) return 'Administration';
  if (me.areas.length > 0) return me.areas.length === 1 ? 'Your area' : 'Your areas';
  return 'Your listings';
}

function listingsOf(me: MeResponse): HTMLElement[] {
  if (me.outlets.length > 0) return me.outlets.map(listingCard);
  if (me.roles.includes('admin') || me.areas.length > 0) return [];
  return [
    el('p', {}, 'No listings are linked to your account yet.'),
    el('p', {}, 'Ask your local commissioner (the council or NHS team that pays for free naloxone in your area) to add you to your service’s listing.'),
  ];
}

function listingCard(outlet: MyOutlet): HTMLElement {
  const headingId = `listing-${outlet.id}`;
  // Chains have many branches of one name: the first line of the address tells them apart.
  const context = `${outlet.name}, ${outlet.address.lines[0]}`;
  return el(
    'section',
    // Named by name and address together: a chain's branches share a name, and landmarks must differ.
    { class: 'app-listing', 'aria-labelledby': `${headingId} ${headingId}-address`, 'data-listing': outlet.id },
    el('h2', { class: 'app-listing__name', id: headingId }, outlet.name),
    el('p', { class: 'app-secondary', id: `${headingId}-address` }, addressInOneLine(outlet.address)),
    (outlet.demo || outlet.status !== 'active') &&
      el(
        'p',
        { class: 'app-result__meta' },
        outlet.demo && demoTag(),
        outlet.status !== 'active' && el('strong', { class: 'app-tag app-tag--yellow' }, listingStatusInWords(outlet.status)),
      ),
    outlet.outletType === 'emergency_box'
      ? cabinetTapControls({ id: outlet.id, name: context, status: outlet.cabinetStatus, assuredAgeDays: outlet.assuredAgeDays })
      : oneTapControls({ id: outlet.id, name: context, stock: outlet.stock.status, assuredAgeDays: outlet.assuredAgeDays }),
    listingLinks(outlet.id, context, ['overview', 'edit', 'kits', 'batches', 'reports', 'history']),
  );
}

/** A commissioner's areas, and honestly what they cannot do here yet. */
function showAreas(block: HTMLElement, me: MeResponse): void {
  if (me.areas.length === 0) return;
  block.replaceChildren(
    el('h2', {}, me.areas.length === 1 ? 'The area you commission for' : 'The areas you commission for'),
    el('ul', { class: 'app-list' }, ...me.areas.map((area) => el('li', {}, area.name ? `${area.name} (${area.code})` : area.code))),
    el('div', { class: 'app-inset' }, el('p', {}, 'A view of every listing in your area is not available yet.')),
    el('p', {}, 'You can open any listing in your area by its id to see its details, stock, kits given out, reports and history. Only the listing’s own staff can change it.'),
  );
  block.hidden = false;
}

/** Commissioners and administrators check registrations of new places and cabinets. */
function showRegistrations(block: HTMLElement, me: MeResponse): void {
  if (!me.roles.includes('admin') && me.areas.length === 0) return;
  block.replaceChildren(
    el('h2', {}, 'Registrations'),
    el('p', {}, me.roles.includes('admin') ? 'New places and emergency cabinets registered anywhere, waiting for a decision.' : 'New places and emergency cabinets registered in your area, waiting for your decision.'),
    el('p', {}, el('a', { href: registrationsUrl() }, 'Check registrations')),
  );
  block.hidden = false;
}

/** "Open a listing": checks the id with the contract's own rule before going to its page. */
function enhanceOpenListing(section: HTMLElement, me: MeResponse): void {
  const block = required<HTMLElement>(section, '[data-home-open-listing]');
  const form = required<HTMLFormElement>(block, '[data-open-listing-form]');
  const input = required<HTMLInputElement>(form, '#listing-id');
  required<HTMLElement>(block, '[data-open-listing-heading]').textContent = me.roles.includes('admin')
    ? 'Open any listing'
    : 'Open a listing in your area';
  block.hidden = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const id = input.value.trim();
    const parsed = outletIdSchema.safeParse(id);
    if (!id || !parsed.success) {
      showErrors([{ message: id ? (parsed.error?.issues[0]?.message ?? 'Enter a listing id') : 'Enter a listing id', fieldId: 'listing-id' }]);
      return;
    }
    clearErrors();
    location.assign(listingPageUrl('overview', parsed.data));
  });
}
