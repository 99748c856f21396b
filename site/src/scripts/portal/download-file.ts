/**
 * Saves text the page already holds as a file on the person's device: no request, nothing kept.
 */
import { el } from '../dom.js';
import { todayInLondon } from './london-dates.js';

/**
 * Saves `text` as `fileName`. CSV files start with a byte-order mark: without it, Excel reads
 * UTF-8 as another encoding and turns "’" and "–" into nonsense.
 */
export function saveFile(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const body = type.startsWith('text/csv') && !text.startsWith('\uFEFF') ? `\uFEFF${text}` : text;
  const url = URL.createObjectURL(new Blob([body], { type }));
  const link = el('a', { href: url, download: fileName, hidden: '' });
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has the file once the click is handled; the address is freed a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "manchester-kits-by-month-2026-11-30.csv": the place, what it holds and the day it was saved. */
export function csvFileName(place: string, what: string, today: string = todayInLondon()): string {
  const slug = (text: string) =>
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  return `${[slug(place), slug(what), today].filter(Boolean).join('-')}.csv`;
}
