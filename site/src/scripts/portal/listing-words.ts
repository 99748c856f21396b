/**
 * Plain English for a listing's state in the portal: stock, when it was last confirmed, whether
 * the public sees it open or closed. Types come from the contract; only the words live here.
 */
import type { OutletStatus, StockStatus } from '@contract/outlet.js';
import { dateInWords, daysAgo } from '../format.js';

const stockWords: Record<StockStatus, string> = {
  in_stock: 'In stock',
  running_low: 'Running low',
  out: 'Out of stock',
  unknown: 'Not known',
};

/** "In stock", "Running low", "Out of stock", "Not known". */
export const stockStatusInWords = (status: StockStatus): string => stockWords[status];

/** "Confirmed today", "Confirmed 3 days ago", or "Never confirmed". */
export function confirmedInWords(ageDays: number | null): string {
  return ageDays === null ? 'Never confirmed' : `Confirmed ${daysAgo(ageDays)}`;
}

const statusWords: Record<OutletStatus, string> = {
  active: 'Open as usual',
  temporarily_closed: 'Temporarily closed',
  inactive: 'Withdrawn (not shown to the public)',
};

/** The listing's status, with the day it reopens when a closure has one. */
export function listingStatusInWords(status: OutletStatus, reopensOn: string | null = null): string {
  return status === 'temporarily_closed' && reopensOn ? `${statusWords[status]} – reopens ${dateInWords(reopensOn)}` : statusWords[status];
}

/** A tag's colour class for a stock status: green, yellow, red, grey. */
export function stockTagClass(status: StockStatus): string {
  return { in_stock: 'app-tag--green', running_low: 'app-tag--yellow', out: 'app-tag--red', unknown: 'app-tag--grey' }[status];
}
