/**
 * The parts of a poster (`components/poster/PosterSheet.astro`) the build could not draw: the QR
 * code when only the page knows its link (an outlet's, from `?id=`) or the build did not know the
 * finder's address (`PUBLIC_SITE_URL`), which is then the address the poster was opened at. Also
 * shows the "Print this poster" button, which needs a script; without one the page says to use
 * the browser's own Print.
 */
import { siteUrl } from './config.js';
import { required } from './dom.js';
import { finderAddressInWords, posterCodeLabel } from './poster-words.js';
import { qrCodeShape } from './qr-code.js';

const svgNamespace = 'http://www.w3.org/2000/svg';

/** Draws the QR code for `link` (a site path) and the finder's address, unless the build already did. */
export function drawPosterCode(sheet: HTMLElement, link: string): void {
  const origin = siteUrl ?? location.origin;
  required<HTMLElement>(sheet, '[data-finder-address]').textContent = finderAddressInWords(origin);
  const box = required<HTMLElement>(sheet, '[data-poster-qr]');
  if (box.querySelector('svg')) return;
  const target = new URL(link, origin).href;
  const { size, path } = qrCodeShape(target);
  const svg = document.createElementNS(svgNamespace, 'svg');
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', posterCodeLabel(target));
  svg.setAttribute('shape-rendering', 'crispEdges');
  const background = document.createElementNS(svgNamespace, 'rect');
  background.setAttribute('width', String(size));
  background.setAttribute('height', String(size));
  background.setAttribute('fill', '#fff');
  const modules = document.createElementNS(svgNamespace, 'path');
  modules.setAttribute('d', path);
  modules.setAttribute('fill', '#000');
  svg.append(background, modules);
  box.replaceChildren(svg);
}

/** The print button (`[data-print]`), shown and wired; the no-script words (`[data-print-hint]`) hidden. */
export function enablePrinting(root: ParentNode): void {
  const button = root.querySelector<HTMLButtonElement>('[data-print]');
  if (!button) return;
  button.hidden = false;
  button.addEventListener('click', () => window.print());
  const hint = root.querySelector<HTMLElement>('[data-print-hint]');
  if (hint) hint.hidden = true;
}

/** A poster whose link the page already holds (an area's): draws what the build could not. */
export function enhanceStaticPoster(root: HTMLElement): void {
  const sheet = required<HTMLElement>(root, '[data-poster]');
  const link = required<HTMLElement>(sheet, '[data-poster-qr]').dataset.posterLink;
  if (link) drawPosterCode(sheet, link);
  enablePrinting(root);
}
