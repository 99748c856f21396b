/**
 * Batches in a table, soonest expiry first, each tagged "Expired" or "Expires in N days" when it is
 * within the contract's warning window.
 */
import type { Batch } from '@contract/batches.js';
import { el } from '../dom.js';
import { dateInWords } from '../format.js';
import { dataTable } from './data-table.js';

const kitNames = { nasal: 'Nasal spray', injectable: 'Injection' } as const;

/** "Expired", "Expires today", "Expires in 1 day", "Expires in 20 days"; null when not soon. */
export function expiryInWords(batch: Pick<Batch, 'expiry' | 'daysToExpiry'>): string | null {
  if (batch.expiry === 'expired') return 'Expired';
  if (batch.expiry === 'ok') return null;
  if (batch.daysToExpiry === 0) return 'Expires today';
  return `Expires in ${batch.daysToExpiry} ${batch.daysToExpiry === 1 ? 'day' : 'days'}`;
}

function expiryCell(batch: Batch): HTMLElement {
  const flag = expiryInWords(batch);
  return el(
    'span',
    {},
    dateInWords(batch.expiresOn),
    flag && ' ',
    flag && el('strong', { class: `app-tag ${batch.expiry === 'expired' ? 'app-tag--red' : 'app-tag--yellow'}`, 'data-expiry-tag': '' }, flag),
  );
}

/** The batches as a table, or a sentence when there are none. */
export function batchTable(batches: readonly Batch[], caption: string, empty: string): HTMLElement {
  if (batches.length === 0) return el('p', { 'data-no-batches': '' }, empty);
  return dataTable<Batch>(caption, [
    { heading: 'Batch number', cell: (batch) => batch.batchNumber },
    { heading: 'Kit', cell: (batch) => kitNames[batch.kitType] },
    { heading: 'Kits', cell: (batch) => String(batch.quantity), numeric: true },
    { heading: 'Expiry date', cell: expiryCell },
  ], batches);
}
