/**
 * A new problem report from what a person sent. Pure: the id and the time come in.
 */
import type { CreateReportBody, ProblemReport } from '../contract/report.js';

export function newProblemReport(body: CreateReportBody, id: string, now: Date): ProblemReport {
  return {
    id,
    outletId: body.outletId,
    problem: body.problem,
    details: body.details ?? null,
    receivedAt: now.toISOString(),
  };
}
