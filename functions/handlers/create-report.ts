/**
 * `POST /api/reports`: record that a listing is wrong. Stores no IP address or contact details.
 */
import { randomUUID } from 'node:crypto';
import { type CreateReportResponse, createReportBodySchema } from '../contract/report.js';
import { isPubliclyListed } from '../core/listing-visibility.js';
import { newProblemReport } from '../core/problem-report.js';
import { getOutlet } from '../data/outlets.js';
import { countNoKitsReport, putReport, uncountNoKitsReport } from '../data/reports.js';
import { validationFailed } from '../shared/errors.js';
import { json, parseBody } from '../shared/http.js';
import { logger } from '../shared/logger.js';
import { metricNames } from '../shared/metric-names.js';
import { countMetric } from '../shared/metrics.js';
import type { PublicHandler } from '../shared/request-pipeline.js';

export const createReport: PublicHandler = async ({ event }) => {
  const body = parseBody(createReportBodySchema, event);
  const outlet = await getOutlet(body.outletId);
  if (!outlet || !isPubliclyListed(outlet)) {
    throw validationFailed('There is a problem with the report', [{ path: 'outletId', message: 'We could not find that outlet' }]);
  }
  const report = newProblemReport(body, randomUUID(), new Date());
  // Applied whole or not at all, without transactions: counted first, and the count taken back if
  // the report cannot be stored. A count without its report would be a claim nobody made; a report
  // without its count, a report the public never hears of, and a retry would then store it twice.
  const counts = report.problem === 'no_kits';
  if (counts) await countNoKitsReport(report.outletId);
  try {
    await putReport(report, outlet.localAuthorityCode);
  } catch (error) {
    if (counts) {
      // If this fails too (DynamoDB down for longer), one count stands without its report until
      // the outlet next confirms; the client still gets the first error.
      await uncountNoKitsReport(report.outletId).catch((undo: unknown) =>
        logger.warn('A report count could not be taken back', { outletId: report.outletId, errorName: (undo as Error).name }),
      );
    }
    throw error;
  }
  // The outlet and the kind of problem only: free text can hold personal details.
  logger.info('Problem reported', { outletId: report.outletId, problem: report.problem });
  countMetric(metricNames.reports);
  const response: CreateReportResponse = { id: report.id, receivedAt: report.receivedAt };
  return json(201, response);
};
