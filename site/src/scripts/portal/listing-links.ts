/**
 * Links to a listing's pages in the portal, and to how the public sees it, each naming the listing
 * for screen readers when several listings share a page.
 */
import { el, hiddenText } from '../dom.js';
import { outletPageUrl, outletPosterUrl } from '../site-urls.js';
import { type ListingPage, listingPageUrl } from './portal-urls.js';

const linkWords: Record<ListingPage, string> = {
  overview: 'Listing overview',
  edit: 'Change hours and details',
  kits: 'Record kits given out',
  batches: 'Stock batches and expiry dates',
  reports: 'Problems reported by the public',
  history: 'History of changes',
};

/** A list of links to `pages` of the listing, plus its public page and its poster. */
export function listingLinks(id: string, name: string, pages: readonly ListingPage[], { publicPage = true } = {}): HTMLElement {
  return el(
    'ul',
    { class: 'app-list', 'data-listing-links': '' },
    ...pages.map((page) => el('li', {}, el('a', { href: listingPageUrl(page, id) }, linkWords[page], hiddenText(` – ${name}`)))),
    publicPage && el('li', {}, el('a', { href: outletPageUrl(id) }, 'See it as the public does', hiddenText(` – ${name}`))),
    publicPage && el('li', {}, el('a', { href: outletPosterUrl(id), 'data-print-poster': '' }, 'Print a poster', hiddenText(` – ${name}`))),
  );
}
