/**
 * The find page's "Free naloxone by post" section: the postal services whose service area holds the
 * searched place. Kept apart from the list of places, which is ranked by distance.
 */
import type { PostalServiceSummary } from '@contract/postal-services.js';
import { demoTag, el, hiddenText, summaryRow } from './dom.js';
import { kitTypesInWords, telUrl } from './format.js';

/** One postal service as a list item. */
export function postalServiceCard(service: PostalServiceSummary): HTMLLIElement {
  return el(
    'li',
    { class: 'app-result app-result--postal', 'data-postal-service': service.id },
    el('h3', { class: 'app-result__name' }, service.name),
    el('p', { class: 'app-result__meta' }, service.demo && demoTag(), el('span', {}, service.organisation)),
    el('p', {}, service.description),
    el(
      'dl',
      { class: 'app-summary' },
      summaryRow('Posts to', service.areaInWords),
      summaryRow('Who can order', service.whoCanOrder),
      summaryRow('Kits', service.kitTypes.length ? kitTypesInWords(service.kitTypes) : 'Not listed'),
    ),
    el(
      'ul',
      { class: 'app-actions' },
      service.website && el('li', {}, el('a', { href: service.website }, 'Order online', hiddenText(` from ${service.name}`))),
      service.phone && el('li', {}, el('a', { href: telUrl(service.phone) }, `Call ${service.phone}`, hiddenText(` to order from ${service.name}`))),
    ),
  );
}
