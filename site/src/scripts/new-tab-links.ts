/**
 * Links in the embeddable finder open the full finder (or OpenStreetMap) in a new, top-level tab:
 * the frame cannot show them, as every page but the embed refuses to be framed. Each says so to
 * screen readers ("opens in a new tab"). Links drawn later (results) are caught as they appear.
 */
import { hiddenText } from './dom.js';

/** Words a link that opens a new tab ends with, for screen readers. */
export const newTabWords = ' (opens in a new tab)';

/** Whether a link leaves the page: not `#…`, `tel:`/`mailto:`, nor the page itself with another search. */
function leavesPage(link: HTMLAnchorElement): boolean {
  if (!/^https?:$/.test(link.protocol)) return false;
  if (link.getAttribute('href')?.startsWith('#')) return false;
  return !(link.origin === location.origin && link.pathname === location.pathname);
}

function markLink(link: HTMLAnchorElement): void {
  if (link.dataset.newTab !== undefined || !leavesPage(link)) return;
  link.dataset.newTab = '';
  link.target = '_blank';
  // No opener: the new tab cannot reach back into the frame, nor the frame's host page.
  link.rel = 'noopener';
  link.append(hiddenText(newTabWords));
}

/** Marks every link under `root` that leaves the page, now and whenever links are added. */
export function openLinksInNewTab(root: HTMLElement): void {
  for (const link of root.querySelectorAll('a[href]')) markLink(link as HTMLAnchorElement);
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof HTMLElement)) continue;
        if (node instanceof HTMLAnchorElement && node.hasAttribute('href')) markLink(node);
        for (const link of node.querySelectorAll('a[href]')) markLink(link as HTMLAnchorElement);
      }
    }
  }).observe(root, { childList: true, subtree: true });
}
