/**
 * An area's coverage gaps (`[data-module="area-coverage"]`): for Wednesday at 12:00, Wednesday at
 * 22:00 and Sunday at 12:00, how far the area's places are from the nearest outlet open and giving
 * out kits then. A table compares the three; for the moment chosen, the worst-served places are
 * listed and, for those who ask, shaded on a map. Every place's distances can be saved as CSV (as
 * the API writes it), and each table too.
 */
// First, before any contract module builds a schema: the portal's CSP forbids zod's eval probe.
import '../../zod-without-eval.js';
import type { AreaCoverage } from '@contract/area-dashboard.js';
import type { CoverageMomentKey, CoverageResult, PlaceGap } from '@contract/coverage.js';
import { tileUrl } from '../../config.js';
import { el, required } from '../../dom.js';
import { dataTable } from '../data-table.js';
import { csvFileName, saveFile } from '../download-file.js';
import { listingPageUrl } from '../portal-urls.js';
import { getAreaCoverage, getAreaCoverageCsv } from './area-api.js';
import { openAreaPage } from './area-page.js';
import { distanceBands, kmInWords, momentInWords, nearestInWords, placesInWords } from './coverage-words.js';
import { optInMap } from './opt-in-map.js';

const percent = (value: number): string => `${value.toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`;

export async function enhanceAreaCoveragePage(root: HTMLElement): Promise<void> {
  const opened = await openAreaPage(root, getAreaCoverage, { title: 'Coverage gaps' });
  if (!opened) return;
  const { context, data } = opened;
  const page = required<HTMLElement>(root, '[data-area]');
  required<HTMLElement>(page, '[data-coverage-places]').textContent = placesInWords(data);
  const measured = data.results.length > 0 && (data.results[0]?.places ?? 0) > 0;
  for (const block of page.querySelectorAll<HTMLElement>('[data-needs-places]')) block.hidden = !measured;
  if (!measured) {
    page.hidden = false;
    return;
  }

  required<HTMLElement>(page, '[data-coverage-summary]').replaceChildren(summaryTable(data, context.name));
  enhanceEveryPlaceDownload(required<HTMLElement>(page, '[data-every-place]'), context.code, context.name);

  const worst = required<HTMLElement>(page, '[data-worst]');
  const worstStatus = required<HTMLElement>(page, '[data-worst-status]');
  const chooser = required<HTMLElement>(page, '[data-moment-chooser]');
  const byKey = new Map(data.results.map((result) => [result.moment.key, result]));
  for (const result of data.results) {
    const label = chooser.querySelector<HTMLLabelElement>(`label[for="${chooser.querySelector<HTMLInputElement>(`input[value="${result.moment.key}"]`)?.id}"]`);
    if (label) label.textContent = momentInWords(result);
  }

  const legend = required<HTMLElement>(page, '[data-coverage-legend]');
  const map = optInMap<CoverageResult>(required<HTMLElement>(page, '[data-coverage-map]'), async (container) => {
    const { bandColours, createCoverageMap } = await import('./coverage-map.js');
    legend.replaceChildren(
      ...distanceBands.map((band) => {
        const swatch = el('span', { class: 'app-map-legend__key app-coverage-swatch', 'aria-hidden': 'true' });
        swatch.style.background = bandColours[band.key];
        return el('li', {}, swatch, ` ${band.label}`);
      }),
    );
    return createCoverageMap(container, { tileUrl });
  });

  const show = (key: CoverageMomentKey) => {
    const result = byKey.get(key) ?? data.results[0]!;
    worst.replaceChildren(worstTable(result, context.name));
    map.show(result);
  };
  chooser.addEventListener('change', () => {
    const chosen = byKey.get(chooser.querySelector<HTMLInputElement>('input[name="moment"]:checked')?.value as CoverageMomentKey);
    if (chosen) worstStatus.textContent = `Showing the places furthest from an open outlet on ${momentInWords(chosen)}`;
  });
  const first = required<HTMLInputElement>(chooser, 'input[value="weekday_night"]');
  first.checked = true;
  chooser.addEventListener('change', (event) => {
    const input = event.target as HTMLInputElement;
    if (input.name === 'moment') show(input.value as CoverageMomentKey);
  });
  show('weekday_night');
  page.hidden = false;
}

type SummaryRow = CoverageResult;

/** The three moments side by side: open outlets, shares within 1, 2 and 5 km, median, 90th percentile, furthest. */
function summaryTable(coverage: AreaCoverage, areaName: string): HTMLElement {
  return dataTable<SummaryRow>(
    'Distance to the nearest open outlet giving out kits',
    [
      { heading: 'When', cell: (result) => momentInWords(result) },
      { heading: 'Outlets open', cell: (result) => String(result.openOutlets), csv: (result) => result.openOutlets, numeric: true },
      { heading: 'Within 1 km', cell: (result) => percent(result.sharePercentWithin['1']), csv: (result) => result.sharePercentWithin['1'], numeric: true },
      { heading: 'Within 2 km', cell: (result) => percent(result.sharePercentWithin['2']), csv: (result) => result.sharePercentWithin['2'], numeric: true },
      { heading: 'Within 5 km', cell: (result) => percent(result.sharePercentWithin['5']), csv: (result) => result.sharePercentWithin['5'], numeric: true },
      { heading: 'Half of places within', cell: (result) => kmInWords(result.medianKm), csv: (result) => result.medianKm, numeric: true },
      { heading: '9 in 10 places within', cell: (result) => kmInWords(result.p90Km), csv: (result) => result.p90Km, numeric: true },
      { heading: 'Furthest', cell: (result) => kmInWords(result.maxKm), csv: (result) => result.maxKm, numeric: true },
      { heading: 'No outlet open within reach', cell: (result) => String(result.withoutOutletInReach), csv: (result) => result.withoutOutletInReach, numeric: true },
      { heading: 'Places', cell: (result) => String(result.places), csv: (result) => result.places, csvOnly: true },
    ],
    coverage.results,
    { download: csvFileName(areaName, 'coverage summary') },
  );
}

/** The worst-served places at one moment, furthest first. */
function worstTable(result: CoverageResult, areaName: string): HTMLElement {
  if (result.worst.length === 0) return el('p', {}, 'No places to list.');
  const when = momentInWords(result);
  return dataTable<PlaceGap>(
    `The ${result.worst.length} places furthest from an open outlet on ${when}`,
    [
      { heading: 'Place', cell: (place) => place.label },
      { heading: 'Distance', cell: (place) => kmInWords(place.distanceKm), csv: (place) => place.distanceKm, numeric: true },
      {
        heading: 'Nearest open outlet',
        cell: (place) => (place.nearest ? el('a', { href: listingPageUrl('overview', place.nearest.id) }, place.nearest.name) : nearestInWords(place)),
        csv: (place) => nearestInWords(place),
      },
      { heading: 'Outlet id', cell: (place) => place.nearest?.id ?? '', csvOnly: true },
      { heading: 'Latitude', cell: (place) => String(place.lat), csv: (place) => place.lat, csvOnly: true },
      { heading: 'Longitude', cell: (place) => String(place.lng), csv: (place) => place.lng, csvOnly: true },
    ],
    result.worst,
    { download: csvFileName(areaName, `worst served ${result.moment.label}`) },
  );
}

/** "Download every place (CSV)": the API's own file, fetched with the person's token, then saved. */
function enhanceEveryPlaceDownload(block: HTMLElement, code: string, areaName: string): void {
  const button = required<HTMLButtonElement>(block, 'button');
  const problem = required<HTMLElement>(block, '[data-download-problem]');
  let fetching = false;
  button.addEventListener('click', () => {
    if (fetching) return;
    fetching = true;
    problem.hidden = true;
    void getAreaCoverageCsv(code)
      .then((result) => {
        if (result.kind === 'ok') {
          saveFile(csvFileName(areaName, 'coverage every place'), result.data);
          return;
        }
        problem.replaceChildren(
          el('p', {}, el('strong', {}, 'We could not download the file. '), result.kind === 'signed_out' ? 'Your session has ended: reload the page to sign in again.' : 'Try again.'),
        );
        problem.hidden = false;
      })
      .finally(() => {
        fetching = false;
      });
  });
}
