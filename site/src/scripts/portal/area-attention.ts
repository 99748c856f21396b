/**
 * For commissioners, on the portal's first screen: the listings in their areas whose contacts did
 * not confirm them after two reminders, or that have no contact email to remind, longest
 * unconfirmed first, each linked to its page in the portal.
 */
import '../zod-without-eval.js';
import { freshnessThresholds } from '@contract/freshness.js';
import type { MyArea } from '@contract/me.js';
import type { AttentionListing } from '@contract/readiness.js';
import { demoTag, el } from '../dom.js';
import { addressInOneLine, dateInWords, daysAgo } from '../format.js';
import { getAreaAttention } from './portal-api.js';
import { listingPageUrl } from './portal-urls.js';

const areaName = (area: MyArea): string => area.name ?? area.code;

/** Why the listing is on the list, in words. */
function reasonInWords(listing: AttentionListing): string {
  if (listing.reason === 'no_contact') return 'No contact email, so we could not send reminders. Add one to the listing.';
  const sent = listing.remindersSentAt.map((at) => dateInWords(at));
  return `Two reminders were not answered (sent ${sent.join(' and ')}).`;
}

/** What the public is told now, as a tag. */
function freshnessTag(listing: AttentionListing): HTMLElement | null {
  if (listing.freshness === 'out_of_date') return el('strong', { class: 'app-tag app-tag--red' }, 'Left out of searches');
  if (listing.freshness === 'may_be_out_of_date') return el('strong', { class: 'app-tag app-tag--yellow' }, 'Shown as may be out of date');
  return null;
}

function listingItem(listing: AttentionListing): HTMLElement {
  const confirmed =
    listing.lastConfirmedAt === null
      ? 'Never confirmed'
      : `Last confirmed ${dateInWords(listing.lastConfirmedAt)}${listing.unconfirmedDays === null ? '' : ` (${daysAgo(listing.unconfirmedDays)})`}`;
  const tags = [listing.demo && demoTag(), freshnessTag(listing)].filter((tag): tag is HTMLElement => Boolean(tag));
  return el(
    'li',
    { 'data-attention-listing': listing.id },
    el('p', { class: 'app-attention__name' }, el('a', { href: listingPageUrl('overview', listing.id) }, listing.name)),
    el('p', { class: 'app-secondary app-attention__line' }, addressInOneLine(listing.address)),
    tags.length > 0 ? el('p', { class: 'app-result__meta app-attention__line' }, ...tags) : null,
    el('p', { class: 'app-attention__line' }, `${confirmed}. ${reasonInWords(listing)}`),
  );
}

/** One area's section, filled in when its list arrives. */
async function areaSection(area: MyArea): Promise<HTMLElement> {
  const headingId = `attention-${area.code}`;
  const section = el('section', { class: 'app-section', 'aria-labelledby': headingId, 'data-attention-area': area.code });
  const heading = el('h2', { id: headingId }, `Listings to check in ${areaName(area)}`);
  const answer = await getAreaAttention(area.code);
  if (answer.kind !== 'ok') {
    section.append(heading, el('p', {}, 'We could not load these listings. Reload the page to try again.'));
    return section;
  }
  const { listings } = answer.data;
  if (listings.length === 0) {
    section.append(heading, el('p', {}, 'None at the moment: every listing was confirmed in time, or its contact is still being reminded.'));
    return section;
  }
  section.append(
    heading,
    el(
      'p',
      {},
      `${listings.length === 1 ? 'This listing was' : `These ${listings.length} listings were`} not confirmed after reminders, or cannot be reminded. ` +
        `People see “may be out of date” on a listing not confirmed for ${freshnessThresholds.mayBeOutOfDateDays} days, and searches leave it out after ${freshnessThresholds.leftOutOfSearchDays}. ` +
        'Please contact the service and ask them to check their listing.',
    ),
    el('ul', { class: 'app-list app-list--spaced' }, ...listings.map(listingItem)),
  );
  return section;
}

/** Fills `block` with a section per area. */
export async function showAreaAttention(block: HTMLElement, areas: readonly MyArea[]): Promise<void> {
  const status = el('p', { class: 'app-secondary', role: 'status' }, 'Loading the listings that need checking…');
  block.replaceChildren(status);
  block.hidden = false;
  const sections = await Promise.all(areas.map(areaSection));
  block.replaceChildren(...sections);
}
