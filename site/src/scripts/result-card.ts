/**
 * One result in the list: everything needed to choose where to go, in the order a person in a
 * hurry needs it – name, distance, open or not, kits and stock, then call or get directions.
 */
import type { NearbyOutlet } from '@contract/find-outlets.js';
import { demoTag, el, hiddenText, summaryRow } from './dom.js';
import {
  addressInOneLine,
  readyCabinetHeadline,
  cabinetInWords,
  daysAgo,
  directionsUrl,
  distanceInWords,
  eligibilityHighlights,
  kitTypesInWords,
  outletTypeInWords,
  stockInWords,
  telUrl,
  trustWarnings,
} from './format.js';
import { outletPageUrl, reportPageUrl } from './site-urls.js';

/** The `<li>` for one result; `position` is the number shared with its map marker. */
export function resultCard(outlet: NearbyOutlet, position: number): HTMLLIElement {
  const distance = distanceInWords(outlet.distanceKm);
  const openClass = outlet.openState.status === 'open' ? 'app-result__open app-result__open--open' : 'app-result__open';

  return el(
    'li',
    { class: 'app-result', id: `result-${outlet.id}`, 'data-outlet-id': outlet.id },
    el('span', { class: 'app-result__number', 'aria-hidden': 'true' }, String(position)),
    el('h3', { class: 'app-result__name' }, el('a', { href: outletPageUrl(outlet.id), 'data-result-link': '' }, outlet.name)),
    el(
      'p',
      { class: 'app-result__meta' },
      outlet.demo && demoTag(),
      el('span', {}, `${distance} away`),
      el('span', {}, outletTypeInWords(outlet.outletType)),
    ),
    el('p', {}, addressInOneLine(outlet.address)),
    // A used cabinet's open state already says what to do; a ready one says so above its hours.
    outlet.cabinetStatus === 'ready' && el('p', { class: 'app-result__open app-result__open--open', 'data-cabinet-status': '' }, readyCabinetHeadline),
    el('p', { class: openClass }, outlet.openState.summary),
    outlet.alert && el('p', { class: 'app-result__alert' }, el('strong', {}, 'Notice: '), outlet.alert),
    ...trustWarnings(outlet).map((warning) => el('p', { class: 'app-result__alert', 'data-trust-warning': '' }, warning)),
    el(
      'dl',
      { class: 'app-summary' },
      summaryRow('Kits', kitTypesInWords(outlet.kitTypes)),
      outlet.cabinetStatus === null
        ? summaryRow('Stock', stockInWords(outlet.stock.status, outlet.stock.ageDays))
        : summaryRow('Cabinet', cabinetInWords(outlet.cabinetStatus)),
      summaryRow('What to expect', eligibilityHighlights(outlet.eligibility)),
      summaryRow(
        'Listing checked',
        outlet.assuredAgeDays === null ? 'Not confirmed by the place' : `Confirmed ${daysAgo(outlet.assuredAgeDays)}`,
      ),
    ),
    el(
      'ul',
      { class: 'app-actions' },
      outlet.phone
        ? el('li', {}, el('a', { href: telUrl(outlet.phone) }, `Call ${outlet.phone}`))
        : el('li', { class: 'app-secondary' }, 'No phone number listed'),
      el('li', {}, el('a', { href: directionsUrl(outlet.location) }, 'Directions', hiddenText(` to ${outlet.name} on OpenStreetMap`))),
      el('li', {}, el('a', { href: reportPageUrl(outlet.id) }, 'Report a problem', hiddenText(` with ${outlet.name}`))),
      el(
        'li',
        { 'data-show-on-map-item': '', hidden: '' },
        el('button', { type: 'button', class: 'app-link-button', 'data-show-on-map': outlet.id }, 'Show on map', hiddenText(`: ${outlet.name}`)),
      ),
    ),
  );
}
