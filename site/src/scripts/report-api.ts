/**
 * The report page's call to the API, through the site's one door (`api.ts`), in a module of its
 * own so the find page and the embeddable finder never load the report contract's schemas (zod
 * schemas are built when their module loads, so a bundler keeps every one a page imports).
 */
import './zod-without-eval.js';
import { createReportResponseSchema, type CreateReportBody, type CreateReportResponse } from '@contract/report.js';
import { type ApiResult, requestJson } from './api.js';

/**
 * `POST /api/reports`. Never retried on its own: a report that timed out may still have been stored,
 * and the person decides whether to send it again.
 */
export function createReport(body: CreateReportBody): Promise<ApiResult<CreateReportResponse>> {
  return requestJson('/reports', createReportResponseSchema, { body });
}
