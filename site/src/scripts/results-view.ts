/**
 * The find page's results area: the list, "nothing found" with its help, the choice between places
 * of one name, and the "not working" or "offline" message. It draws what it is given; the search itself (state, history, requests) is
 * `find-page.ts`'s, the map `map-controller.ts`'s.
 */
import { type FindOutletsResponse, type PlaceChoicesResponse, type ResolvedLocation, searchLimits } from '@contract/find-outlets.js';
import { nationNames } from '@contract/nations.js';
import type { SearchedArea } from '@contract/postal-services.js';
import { required, showDemoNotice } from './dom.js';
import { radiusInWords } from './format.js';
import { pageTitle } from './page-title.js';
import { resultCard } from './result-card.js';
import { nationHelpSection } from './nation-help.js';
import { postalServiceCard } from './postal-services-view.js';
import { hasFilters, pageUrl, type SearchQuery } from './search-query.js';
import { showServiceProblem } from './service-problem.js';

/** The widest search the "search further away" button offers. */
export const widestRadiusKm = 100;

export interface ResultsView {
  /** Draws a response. Returns the heading to move focus to, when the person asked for the search. */
  render(query: SearchQuery, response: FindOutletsResponse): HTMLElement;
  /** Asks which of the places of one name the person meant: a link to each one's search. */
  renderChoices(query: SearchQuery, answer: PlaceChoicesResponse): HTMLElement;
  /** Says "Searching…" to screen readers. */
  searching(): void;
  /** Nothing on screen: no results, help or problem. */
  clear(): void;
  /** The finder did not answer: says so (or that the device is offline) and keeps the last results. */
  showProblem(): void;
  /** Marks one result as the one chosen (on the map, or pointed at). */
  highlight(id: string | null): void;
  /** Moves focus to a result's link. */
  focusResult(id: string): void;
}

export interface ResultsViewOptions {
  /** The person chose "Search further away". */
  onWiden(): void;
  /** The person chose one of the places of a name ("Newport, Isle of Wight"). */
  onChoose(name: string): void;
}

export function createResultsView(root: HTMLElement, { onWiden, onChoose }: ResultsViewOptions): ResultsView {
  const status = required<HTMLElement>(root, '[data-results-status]');
  const problem = required<HTMLElement>(root, '[data-service-problem]');
  const problemKept = required<HTMLElement>(root, '[data-problem-kept]');
  const results = required<HTMLElement>(root, '[data-results]');
  const heading = required<HTMLElement>(root, '[data-results-heading]');
  const note = required<HTMLElement>(root, '[data-results-note]');
  const list = required<HTMLOListElement>(root, '[data-results-list]');
  const noResults = required<HTMLElement>(root, '[data-no-results]');
  const noResultsHeading = required<HTMLElement>(root, '[data-no-results-heading]');
  const noResultsText = required<HTMLElement>(root, '[data-no-results-text]');
  const noResultsNote = required<HTMLElement>(root, '[data-no-results-note]');
  const noResultsFilters = required<HTMLElement>(root, '[data-no-results-filters]');
  const widen = required<HTMLElement>(root, '[data-widen]');
  const widenLink = required<HTMLAnchorElement>(root, '[data-widen-link]');
  const noResultsPostal = required<HTMLElement>(root, '[data-no-results-postal]');
  const postal = required<HTMLElement>(root, '[data-postal]');
  const postalIntro = required<HTMLElement>(root, '[data-postal-intro]');
  const postalList = required<HTMLElement>(root, '[data-postal-list]');
  const nationHelpSlot = required<HTMLElement>(root, '[data-nation-help-slot]');

  /** The postal section and the nation's numbers, for both "found" and "nothing found". */
  function renderArea(response: FindOutletsResponse, where: string, nothingNear: boolean): void {
    const services = response.postalServices;
    const areaName = areaInWords(response.area) ?? where;
    postal.hidden = services.length === 0;
    postalIntro.textContent = `${services.length === 1 ? 'This service posts' : 'These services post'} free naloxone kits to ${areaName}.${placedRoughly(response.area, where)}`;
    postalList.replaceChildren(...services.map(postalServiceCard));
    noResultsPostal.hidden = !nothingNear;
    noResultsPostal.textContent = noResultsPostalText(response.area, services.map((service) => service.name), areaName, where);
    nationHelpSlot.replaceChildren(...(response.area.nation ? [nationHelpSection(response.area.nation, 'search')] : []));
  }

  const choices = required<HTMLElement>(root, '[data-place-choices]');
  const choicesHeading = required<HTMLElement>(root, '[data-place-choices-heading]');
  const choicesList = required<HTMLUListElement>(root, '[data-place-choices-list]');

  choicesList.addEventListener('click', (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-place-choice]');
    if (!link) return;
    event.preventDefault();
    onChoose(link.dataset.placeChoice ?? '');
  });

  widenLink.addEventListener('click', (event) => {
    event.preventDefault();
    onWiden();
  });

  function clear(): void {
    results.hidden = true;
    noResults.hidden = true;
    postal.hidden = true;
    nationHelpSlot.replaceChildren();
    choices.hidden = true;
    problem.hidden = true;
    status.textContent = '';
    showDemoNotice(root, false);
  }

  return {
    render(query, response) {
      problem.hidden = true;
      choices.hidden = true;
      const where = placeInWords(response.location);
      const count = response.results.length;
      document.title = pageTitle(`${count ? 'Places' : 'No places'} near ${where}`);
      const fromArea = areaNote(response.location);

      if (count === 0) {
        results.hidden = true;
        noResults.hidden = false;
        noResultsHeading.textContent = `No places found near ${where}`;
        noResultsText.textContent = `We could not find anywhere giving out free naloxone within ${radiusInWords(response.searchedRadiusKm)} of ${where}.`;
        noResultsNote.textContent = fromArea;
        noResultsNote.hidden = fromArea === '';
        noResultsFilters.hidden = !hasFilters(query);
        // With nothing found, a search stops short of the radius it was asked for only when the
        // API's read budget runs out; a wider one would stop at the same distance, so offering it
        // would send people round in a circle.
        const askedKm = Number(query.radiusKm) || searchLimits.defaultRadiusKm;
        widen.hidden = response.searchedRadiusKm >= widestRadiusKm || response.searchedRadiusKm < askedKm;
        widenLink.href = pageUrl({ ...query, radiusKm: String(widestRadiusKm) }, location.pathname);
        status.textContent = `No places found near ${where}`;
        renderArea(response, where, true);
        showDemoNotice(root, false);
        return noResultsHeading;
      }

      noResults.hidden = true;
      results.hidden = false;
      heading.textContent = `Places near ${where}`;
      note.textContent = `${fromArea ? `${fromArea} ` : ''}Nearest first. Distances are in a straight line.`;
      list.replaceChildren(...response.results.map((outlet, index) => resultCard(outlet, index + 1)));
      status.textContent = `${count} ${count === 1 ? 'place' : 'places'} found near ${where}`;
      renderArea(response, where, false);
      showDemoNotice(root, response.results.some((outlet) => outlet.demo));
      return heading;
    },

    renderChoices(query, answer) {
      problem.hidden = true;
      results.hidden = true;
      noResults.hidden = true;
      showDemoNotice(root, false);
      const question = `Which ${answer.name} do you mean?`;
      document.title = pageTitle(question);
      choicesHeading.textContent = question;
      choicesList.replaceChildren(
        ...answer.choices.map(({ label }) => {
          const item = document.createElement('li');
          const link = document.createElement('a');
          // A real link to that search, so it also opens in a new tab or can be copied.
          link.href = pageUrl({ ...query, place: { kind: 'name', name: label }, radiusKm: '' }, location.pathname);
          link.dataset.placeChoice = label;
          link.textContent = label;
          item.append(link);
          return item;
        }),
      );
      choices.hidden = false;
      status.textContent = `${answer.choices.length} places are called ${answer.name}. ${question}`;
      return choicesHeading;
    },

    searching() {
      status.textContent = 'Searching…';
    },

    clear,

    showProblem() {
      status.textContent = '';
      problemKept.hidden = results.hidden;
      showServiceProblem(problem);
    },

    highlight(id) {
      for (const card of list.querySelectorAll<HTMLElement>('[data-outlet-id]')) {
        card.classList.toggle('app-result--selected', card.dataset.outletId === id);
      }
    },

    focusResult(id) {
      document.getElementById(`result-${id}`)?.querySelector<HTMLElement>('[data-result-link]')?.focus();
    },
  };
}

/** "M15 4AB", "M15", "Altrincham" or "your location", for headings and announcements. */
function placeInWords(location: ResolvedLocation): string {
  if (location.source === 'coordinates') return 'your location';
  return location.label ?? 'the place you searched';
}

/** When the search started from the middle of an area (a postcode district, a town), says so; otherwise ''. */
function areaNote(location: ResolvedLocation): string {
  if (location.source === 'place') return `Showing places near the centre of ${location.label ?? 'the place you searched'}.`;
  return location.source === 'outward_code' ? `We searched from the middle of the ${location.label ?? ''} postcode area.` : '';
}

/** The searched place's council or nation by name, or null when neither is known. */
function areaInWords(area: SearchedArea): string | null {
  return area.localAuthorityName ?? (area.nation ? nationNames[area.nation] : null);
}

/** When the area came from the postcode district rather than the postcode itself, says so; otherwise ''. */
function placedRoughly(area: SearchedArea, where: string): string {
  if (area.knownFrom === 'district') return ` We placed ${where} by the middle of its postcode district: check that the service posts to your address.`;
  if (area.knownFrom === 'place') {
    return area.localAuthorityName
      ? ` We placed ${where} in ${area.localAuthorityName} by its name: check that the service posts to your address.`
      : ` We only know which nation ${where} is in: search with your postcode for services that post to your council area.`;
  }
  if (area.knownFrom === 'postcode_area') return ` We only know which nation ${where} is in: search with your full postcode for services that post to your council area.`;
  return '';
}

/** "Nothing found"'s line on postal services: names those that post to the place, or says why none are named. */
function noResultsPostalText(area: SearchedArea, names: string[], areaName: string, where: string): string {
  if (names.length > 0) return `Free naloxone by post to ${areaName}: ${names.join('; ')}. See “Free naloxone by post” below.`;
  if (area.knownFrom === 'unknown') {
    return where === 'your location'
      ? 'We could not tell which council area you are in, so we cannot name services that post naloxone there. Search with your postcode to see them.'
      : `We could not tell which council area ${where} is in, so we cannot name services that post naloxone there.`;
  }
  // Known by its postcode area (or a place's nation), only services for the whole nation were looked for.
  if (area.knownFrom === 'postcode_area' || (area.knownFrom === 'place' && !area.localAuthorityCode)) return `We do not know of a service that posts naloxone to all of ${areaName}. Search with your full postcode to see services for your council area.`;
  return `We do not know of a service that posts naloxone to ${areaName}.`;
}
