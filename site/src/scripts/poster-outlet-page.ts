/**
 * Enhances an outlet's poster page (`[data-module="outlet-poster"]`): fetches the listing named by
 * `?id=`, as the outlet page does, and fills the poster with its name, address, phone, what to
 * expect and usual opening hours, and a QR code to its listing. A missing or unknown id says so.
 */
import type { OutletDetail } from '@contract/find-outlets.js';
import { getOutlet } from './api.js';
import { el, required } from './dom.js';
import { addressInOneLine, eligibilityHighlights } from './format.js';
import { pageTitle } from './page-title.js';
import { drawPosterCode, enablePrinting } from './poster-page.js';
import { showServiceProblem } from './service-problem.js';
import { outletPageUrl } from './site-urls.js';

export async function enhanceOutletPoster(root: HTMLElement): Promise<void> {
  const status = required<HTMLElement>(root, '[data-outlet-status]');
  const notFound = required<HTMLElement>(root, '[data-place-not-found]');
  const problem = required<HTMLElement>(root, '[data-service-problem]');
  const sheet = required<HTMLElement>(root, '[data-poster]');

  const id = new URLSearchParams(location.search).get('id');
  const result = id ? await getOutlet(id) : null;
  status.textContent = '';

  if (result?.kind === 'ok') {
    fillPoster(sheet, result.data);
    drawPosterCode(sheet, outletPageUrl(result.data.id));
    sheet.hidden = false;
    required<HTMLElement>(root, '[data-poster-ready]').hidden = false;
    enablePrinting(root);
    document.title = pageTitle(`Poster: ${result.data.name}`);
  } else if (result === null || result.kind === 'rejected') {
    notFound.hidden = false;
    document.title = pageTitle('Place not found');
  } else {
    showServiceProblem(problem);
  }
}

function fillPoster(sheet: HTMLElement, outlet: OutletDetail): void {
  // "Free" only where the listing says so: a poster must not promise what the place does not.
  if (!outlet.eligibility.free) required<HTMLElement>(sheet, '#poster-heading').textContent = 'Naloxone here';
  required<HTMLElement>(sheet, '[data-poster-name]').textContent = outlet.name;
  required<HTMLElement>(sheet, '[data-poster-address]').textContent = addressInOneLine(outlet.address);
  const lead = [eligibilityHighlights(outlet.eligibility)];
  if (outlet.phone) lead.push(`Phone ${outlet.phone}`);
  required<HTMLElement>(sheet, '[data-poster-lead]').textContent = `${lead.join('. ')}.`;

  // The usual week as the API words it, as on the outlet page; a day it could not read says
  // "Hours unknown – call ahead", never "Closed". Dated changes are left out: a poster stays up
  // for months, so it points to the listing (the QR code) for them.
  const table = required<HTMLTableElement>(sheet, '[data-poster-hours]');
  const note = required<HTMLElement>(sheet, '[data-poster-hours-note]');
  const known = outlet.hours.weekly.length > 0 || Boolean(outlet.hours.unknownDays?.length);
  table.hidden = !known;
  required<HTMLElement>(table, 'tbody').replaceChildren(
    ...outlet.weeklyHours.map((row) => el('tr', {}, el('th', { scope: 'row' }, row.dayName), el('td', {}, row.text))),
  );
  note.textContent = known
    ? 'Hours change on bank holidays and sometimes at short notice: scan the code to check before you go.'
    : 'Hours unknown – call ahead.';
  required<HTMLElement>(sheet, '[data-poster-demo]').hidden = !outlet.demo;
}
