/**
 * Lambda entry for the readiness job, run daily by EventBridge Scheduler (and under `npm start` by a
 * timer, `local/readiness-timer.ts`). It ignores what it is invoked with and runs as of now: nobody
 * who can invoke it can make it remind early.
 *
 * A run with failed listings throws after looking at all the others, so Lambda retries it (and in
 * the end sends it to the dead-letter queue); a retry sends nothing twice.
 */
import type { Context } from 'aws-lambda';
import { type ReadinessRun, runReadinessJob } from '../core/readiness-job.js';
import { sendEmail } from '../data/email.js';
import { readinessJobPorts } from '../data/readiness-ports.js';
import { siteConfig } from '../shared/config.js';
import { logger } from '../shared/logger.js';

const ports = readinessJobPorts(siteConfig().SITE_URL, async (email) => {
  await sendEmail(email);
});

/** Runs the job as of `now` (a test's or `npm run jobs:readiness -- --now`'s clock) and logs what it did. */
export async function runReadiness(now: Date = new Date()): Promise<ReadinessRun> {
  const run = await runReadinessJob(ports, now);
  // Outlet ids only: the log never holds a contact's address.
  logger.info('Readiness job ran', {
    now: now.toISOString(),
    looked: run.looked,
    reminded: run.reminded,
    escalated: run.escalated,
    skipped: run.skipped.length,
    failed: run.failed.length,
  });
  for (const failure of run.failed) logger.error('Readiness job failed for a listing', failure);
  return run;
}

/** What a scheduled run returns (and logs). */
export interface ReadinessSummary {
  looked: number;
  reminded: number;
  escalated: number;
  skipped: number;
}

export async function handler(_event: unknown, context: Context): Promise<ReadinessSummary> {
  logger.addContext(context);
  const run = await runReadiness();
  if (run.failed.length > 0) throw new Error(`The readiness job failed for ${run.failed.length} listings: ${run.failed.map((failure) => failure.outletId).join(', ')}`);
  return { looked: run.looked, reminded: run.reminded.length, escalated: run.escalated.length, skipped: run.skipped.length };
}
