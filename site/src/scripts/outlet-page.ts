/**
 * Enhances the outlet page (`[data-module="outlet"]`): fetches the listing named by `?id=` and
 * renders it, or says plainly that it cannot be found.
 */
import type { HoursChange, OutletDetail } from '@contract/find-outlets.js';
import { getOutlet } from './api.js';
import { demoTag, el, hiddenText, required, showDemoNotice, summaryRow } from './dom.js';
import {
  addressInOneLine,
  readyCabinetHeadline,
  cabinetInWords,
  dateInWords,
  daysAgo,
  directionsUrl,
  kitTypesInWords,
  outletTypeInWords,
  stockInWords,
  telUrl,
  trustWarnings,
  weekdayInLondon,
} from './format.js';
import { guideForKit, guidesOverview } from './guides.js';
import { nationHelpForArea } from './nation-help.js';
import { pageTitle } from './page-title.js';
import { showServiceProblem } from './service-problem.js';
import { outletPosterUrl, reportPageUrl } from './site-urls.js';

export async function enhanceOutletPage(root: HTMLElement): Promise<void> {
  const status = required<HTMLElement>(root, '[data-outlet-status]');
  const notFound = required<HTMLElement>(root, '[data-place-not-found]');
  const problem = required<HTMLElement>(root, '[data-service-problem]');
  const article = required<HTMLElement>(root, '[data-outlet]');

  const id = new URLSearchParams(location.search).get('id');
  const result = id ? await getOutlet(id) : null;
  status.textContent = '';

  if (result?.kind === 'ok') {
    article.replaceChildren(...outletSections(result.data));
    article.hidden = false;
    document.title = pageTitle(result.data.name);
    showDemoNotice(root, result.data.demo);
  } else if (result === null || result.kind === 'rejected') {
    // A malformed id (400) and an unknown one (404) mean the same thing to the person.
    notFound.hidden = false;
    document.title = pageTitle('Place not found');
  } else {
    showServiceProblem(problem);
  }
}

function outletSections(outlet: OutletDetail): HTMLElement[] {
  const open = outlet.openState.summary;
  return [
    el(
      'h1',
      {},
      el('span', { class: 'app-caption' }, `${outletTypeInWords(outlet.outletType)}${outlet.organisation !== outlet.name ? ` – ${outlet.organisation}` : ''}`),
      outlet.name,
    ),
    el('p', { class: 'app-result__meta' }, outlet.demo && demoTag()),
    outlet.alert ? el('div', { class: 'app-warning' }, el('p', {}, el('strong', {}, 'Notice: '), outlet.alert)) : el('span', { hidden: '' }),
    ...trustWarnings(outlet).map((warning) => el('div', { class: 'app-warning', 'data-trust-warning': '' }, el('p', {}, el('strong', {}, warning)))),
    outlet.cabinetStatus === 'ready'
      ? el('p', { class: 'app-result__open app-result__open--open app-lead', 'data-cabinet-status': '' }, readyCabinetHeadline)
      : el('span', { hidden: '' }),
    el('p', { class: outlet.openState.status === 'open' ? 'app-result__open app-result__open--open app-lead' : 'app-result__open app-lead' }, open),
    el(
      'section',
      { class: 'app-section', 'aria-labelledby': 'contact-heading' },
      el('h2', { id: 'contact-heading' }, 'Address and phone'),
      el('p', {}, addressInOneLine(outlet.address)),
      outlet.locationDescription ? el('p', {}, el('strong', {}, 'Where it is: '), outlet.locationDescription) : el('span', { hidden: '' }),
      el(
        'ul',
        { class: 'app-actions' },
        outlet.phone ? el('li', {}, el('a', { href: telUrl(outlet.phone) }, `Call ${outlet.phone}`)) : el('li', {}, 'No phone number listed'),
        el('li', {}, el('a', { href: directionsUrl(outlet.location) }, 'Directions', hiddenText(' on OpenStreetMap'))),
        outlet.website && el('li', {}, el('a', { href: outlet.website }, 'Website', hiddenText(` of ${outlet.name}`))),
      ),
    ),
    hoursSection(outlet),
    el(
      'section',
      { class: 'app-section', 'aria-labelledby': 'naloxone-heading' },
      el('h2', { id: 'naloxone-heading' }, 'Naloxone here'),
      el(
        'dl',
        { class: 'app-summary' },
        summaryRow('Kits', kitTypesInWords(outlet.kitTypes)),
        outlet.cabinetStatus === null
          ? summaryRow(
              'Stock',
              stockInWords(outlet.stock.status, outlet.stockAgeDays),
              outlet.stock.updatedAt ? ` (set on ${dateInWords(outlet.stock.updatedAt)})` : '',
            )
          : summaryRow('Cabinet', cabinetInWords(outlet.cabinetStatus)),
        summaryRow(
          'Listing last confirmed',
          outlet.assuredAt && outlet.assuredAgeDays !== null
            ? `${dateInWords(outlet.assuredAt)} (${daysAgo(outlet.assuredAgeDays)})`
            : 'Not confirmed by the place – call ahead',
        ),
      ),
      guideLinks(outlet),
    ),
    el(
      'section',
      { class: 'app-section', 'aria-labelledby': 'expect-heading' },
      el('h2', { id: 'expect-heading' }, 'What to expect'),
      el('ul', { class: 'app-list' }, ...expectations(outlet).map((text) => el('li', {}, text))),
    ),
    el(
      'section',
      { class: 'app-section', 'aria-labelledby': 'access-heading' },
      el('h2', { id: 'access-heading' }, 'Languages and access'),
      el(
        'dl',
        { class: 'app-summary' },
        summaryRow('Languages', outlet.languages.length ? outlet.languages.join(', ') : 'Not listed – call ahead'),
        summaryRow('Accessibility', outlet.accessibility ?? 'Not listed – call ahead'),
      ),
    ),
    // The numbers next to 999 differ by nation: shown when the listing's council tells the nation.
    nationHelpForArea(outlet.localAuthorityCode, 'outlet') ?? el('span', { hidden: '' }),
    el(
      'ul',
      { class: 'app-list' },
      el('li', {}, el('a', { href: reportPageUrl(outlet.id) }, 'Report a problem with this listing')),
      el('li', {}, el('a', { href: outletPosterUrl(outlet.id), 'data-print-poster': '' }, 'Print a poster for this place')),
    ),
  ];
}

/** Once they have a kit, how to use it: the guide for each kit given out here (all work offline). */
function guideLinks(outlet: OutletDetail): HTMLElement {
  const guides = outlet.kitTypes.length ? outlet.kitTypes.map((kit) => guideForKit[kit]) : [guidesOverview];
  return el('ul', { class: 'app-list' }, ...guides.map((guide) => el('li', {}, el('a', { href: guide.path }, guide.title))));
}

function expectations(outlet: OutletDetail): string[] {
  const { eligibility } = outlet;
  const points = [
    eligibility.free ? 'Kits are free.' : 'There may be a charge – call ahead to check.',
    'You do not need a prescription.',
    eligibility.noIdNeeded ? 'You do not need ID.' : 'They may ask for ID.',
    eligibility.walkIn ? 'You can walk in – no appointment needed.' : 'You may need an appointment – call ahead.',
    eligibility.familyAndFriendsCanCollect
      ? 'Family and friends can collect a kit for someone who uses opioids.'
      : 'Ask whether family or friends can collect a kit.',
  ];
  if (eligibility.minimumAge !== null) points.push(`You need to be ${eligibility.minimumAge} or over.`);
  return points;
}

/**
 * The usual week as the API words it (`weeklyHours`): a day whose hours could not be read says
 * "Hours unknown – call ahead", never "Closed", and the page says exactly what "open now" computes.
 */
function hoursSection(outlet: OutletDetail): HTMLElement {
  const { hours, weeklyHours } = outlet;
  const section = el('section', { class: 'app-section', 'aria-labelledby': 'hours-heading' }, el('h2', { id: 'hours-heading' }, 'Opening hours'));
  if (hours.weekly.length === 0 && !hours.unknownDays?.length) {
    section.append(el('p', { 'data-hours-unknown': '' }, 'Hours unknown – call ahead'));
    return section;
  }
  const today = weekdayInLondon();
  section.append(
    el(
      'table',
      { class: 'app-table', 'data-weekly-hours': '' },
      el('caption', { class: 'app-visually-hidden' }, 'Usual weekly opening hours'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Day'), el('th', { scope: 'col' }, 'Hours'))),
      el(
        'tbody',
        {},
        ...weeklyHours.map((row) =>
          el(
            'tr',
            { class: row.day === today ? 'app-table__today' : undefined },
            el('th', { scope: 'row' }, row.dayName, row.day === today ? hiddenText(' (today)') : null),
            el('td', {}, row.text),
          ),
        ),
      ),
    ),
  );

  // Worked out by the API with the shipped bank holiday calendar, so the page and "open now" agree.
  const changes = outlet.upcomingHoursChanges;
  if (changes.length) {
    section.append(
      el('h3', {}, 'Bank holidays and other changes in the next 6 weeks'),
      el('ul', { class: 'app-list', 'data-hours-changes': '' }, ...changes.map((change) => el('li', {}, hoursChangeInWords(change)))),
    );
  }
  const bankHolidays = {
    closed: 'Closed on bank holidays.',
    as_usual: 'Usual hours on bank holidays.',
    unknown: 'Call ahead to check opening on bank holidays.',
  }[hours.bankHolidays];
  section.append(el('p', {}, bankHolidays));
  return section;
}

function hoursChangeInWords(change: HoursChange): string {
  const holiday = change.bankHoliday ? ` (${change.bankHoliday})` : '';
  const note = change.note ? ` – ${change.note}` : '';
  return `${change.dateLabel}${holiday}: ${change.text}${note}`;
}
