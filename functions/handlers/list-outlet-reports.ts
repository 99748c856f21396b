/**
 * `GET /api/portal/outlets/{id}/reports`: the problems the public reported, newest first.
 */
import { outletPathSchema } from '../contract/find-outlets.js';
import type { OutletReportsResponse } from '../contract/report.js';
import { listReports } from '../data/reports.js';
import { json, parsePath } from '../shared/http.js';
import type { SignedInHandler } from '../shared/request-pipeline.js';

export const listOutletReports: SignedInHandler = async ({ event }) => {
  const { id } = parsePath(outletPathSchema, event);
  const reports = await listReports(id);
  const body: OutletReportsResponse = { reports, open: reports.filter((report) => report.status === 'open').length };
  return json(200, body);
};
