/**
 * `GET /api/portal/outlets/{id}/history?before=&limit=`: who changed what, newest first.
 */
import { outletPathSchema } from '../contract/find-outlets.js';
import { type HistoryResponse, historyQuerySchema } from '../contract/portal-outlet.js';
import { readHistory } from '../data/outlet-history.js';
import { getStoredOutlet } from '../data/outlets.js';
import { notFound } from '../shared/errors.js';
import { json, parsePath, parseQuery } from '../shared/http.js';
import type { SignedInHandler } from '../shared/request-pipeline.js';

export const getHistory: SignedInHandler = async ({ event }) => {
  const { id } = parsePath(outletPathSchema, event);
  const { before, limit } = parseQuery(historyQuerySchema, event);
  const stored = await getStoredOutlet(id, { consistent: true });
  if (!stored) throw notFound('We could not find that listing');
  const body: HistoryResponse = await readHistory(id, stored.history, { before: before ?? null, limit });
  return json(200, body);
};
