/**
 * `POST /api/portal/areas/{code}/imports`: a commissioner's upload of listings for their area, the
 * same core as `npm run import:outlets`: a dry run reports every row; applying writes the new and
 * changed ones (idempotent by external id), with an `Idempotency-Key` so a repeated upload applies once.
 */
import { randomUUID } from 'node:crypto';
import { areaImportRequestSchema, maxUploadRows } from '../contract/area-dashboard.js';
import { areaPathSchema } from '../contract/area.js';
import type { ImportReport } from '../contract/outlet-import.js';
import { applyPlan, planImport } from '../core/outlet-import-plan.js';
import { detectFormat, readCandidates } from '../core/outlet-import-sources.js';
import { once } from '../data/idempotency.js';
import { importLookups, importWriter } from '../data/outlet-import-ports.js';
import { validationFailed } from '../shared/errors.js';
import { json, parseBody, parsePath } from '../shared/http.js';
import { logger } from '../shared/logger.js';
import type { SignedInHandler } from '../shared/request-pipeline.js';
import { idempotencyKeyOf } from './portal-request.js';

const counted = (rows: ImportReport['rows']) => {
  const counts = { new: 0, changed: 0, unchanged: 0, invalid: 0 };
  for (const row of rows) counts[row.outcome] += 1;
  return counts;
};

export const importAreaListings: SignedInHandler = async ({ event, actor, context }) => {
  const { code } = parsePath(areaPathSchema, event);
  const upload = parseBody(areaImportRequestSchema, event);
  const format = detectFormat(upload.content);
  const candidates = readCandidates(upload.content, format);
  if (candidates.length > maxUploadRows) {
    throw validationFailed('The file is too long to upload', [{ path: 'content', message: `Upload ${maxUploadRows} rows or fewer at a time, or ask for npm run import:outlets` }]);
  }
  const now = new Date();
  // An administrator imports anywhere; a commissioner only into their own area.
  const area = actor.roles.includes('admin') ? undefined : code;
  const run = async (): Promise<ImportReport> => {
    const plans = await planImport(candidates, importLookups, now, area === undefined ? {} : { area });
    const rows = upload.dryRun
      ? plans.map((plan) => plan.result)
      : await applyPlan(plans, importWriter, { actor: { subject: actor.subject, label: `Upload of ${upload.fileName} by ${actor.label}` }, now, newId: randomUUID });
    return { format, dryRun: upload.dryRun, counts: counted(rows), rows };
  };
  const report = upload.dryRun ? await run() : await once({ scope: `${code}:imports`, key: idempotencyKeyOf(event), body: upload }, context, run);
  logger.info('Area import', { area: code, format, dryRun: upload.dryRun, ...report.counts });
  return json(upload.dryRun ? 200 : 201, report);
};
