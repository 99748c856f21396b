/**
 * Problem reports: a new one from what a person sent, and the change when an outlet deals with
 * one. Pure: ids and times come in.
 */
import type { CreateReportBody, ProblemReport, ReportUpdate } from '../contract/report.js';

/** A report id: the time received, compact (`20261130T171203123Z`), then a UUID. */
export const reportIdFor = (receivedAt: Date, uuid: string): string => `${receivedAt.toISOString().replace(/[-:.]/g, '')}-${uuid}`;

export function newProblemReport(body: CreateReportBody, uuid: string, now: Date): ProblemReport {
  return {
    id: reportIdFor(now, uuid),
    outletId: body.outletId,
    problem: body.problem,
    details: body.details ?? null,
    receivedAt: now.toISOString(),
    status: 'open',
    dealtWithAt: null,
    dealtWithBy: null,
    note: null,
  };
}

/** The report after an outlet marks it dealt with or open again; the note is kept unless a new one is given. */
export function updatedReport(report: ProblemReport, update: ReportUpdate, by: string, now: Date): ProblemReport {
  const dealtWith = update.status === 'dealt_with';
  return {
    ...report,
    status: update.status,
    dealtWithAt: dealtWith ? (report.status === 'dealt_with' ? report.dealtWithAt : now.toISOString()) : null,
    dealtWithBy: dealtWith ? (report.status === 'dealt_with' ? report.dealtWithBy : by) : null,
    note: update.note ?? report.note,
  };
}
