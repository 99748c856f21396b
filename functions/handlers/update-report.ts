/**
 * `PATCH /api/portal/outlets/{id}/reports/{reportId}`: mark a report dealt with (or open again).
 */
import { reportPathSchema, reportUpdateSchema } from '../contract/report.js';
import { updatedReport } from '../core/problem-report.js';
import { outletAreaOf } from '../data/outlets.js';
import { getReport, replaceReport } from '../data/reports.js';
import { notFound } from '../shared/errors.js';
import { json, parseBody, parsePath } from '../shared/http.js';
import { logger } from '../shared/logger.js';
import type { SignedInHandler } from '../shared/request-pipeline.js';

export const updateReport: SignedInHandler = async ({ event, actor }) => {
  const { id, reportId } = parsePath(reportPathSchema, event);
  const update = parseBody(reportUpdateSchema, event);
  const report = await getReport(id, reportId);
  if (!report) throw notFound('We could not find that report');
  const next = updatedReport(report, update, actor.label, new Date());
  await replaceReport(next, await outletAreaOf(id));
  logger.info('Report updated', { outletId: id, status: next.status });
  return json(200, next);
};
