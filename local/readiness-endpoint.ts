/**
 * `POST /_local/jobs/readiness[?now=…]` on the local finder: runs the readiness job now, or as if at
 * another moment, in the finder's own process (which holds the embedded engine and the outbox).
 * `npm run jobs:readiness` calls it. Local only: the CDK app has no such path, and the local server
 * answers it only to this machine.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ReadinessRun } from '../functions/core/readiness-job.js';
import { parseLondonMoment } from './readiness-timer.js';

export const readinessJobPath = '/_local/jobs/readiness';

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** One line about a run, for logs and the command line. Pure. */
export function describeRun(run: ReadinessRun): string {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return [
    `looked at ${count(run.looked, 'listing', 'listings')}`,
    `${count(run.reminded.length, 'reminder', 'reminders')} sent`,
    `${run.escalated.length} escalated`,
    ...(run.skipped.length > 0 ? [`${run.skipped.length} left to another run`] : []),
    ...(run.failed.length > 0 ? [`${run.failed.length} failed (${run.failed.map((failure) => failure.outletId).join(', ')})`] : []),
  ].join(', ');
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

/** Answers the job's path (the run as JSON); false for any other path. */
export async function serveReadinessJob(
  request: IncomingMessage,
  url: URL,
  response: ServerResponse,
  run: (now: Date) => Promise<ReadinessRun>,
): Promise<boolean> {
  if (url.pathname !== readinessJobPath) return false;
  if (!loopback.has(request.socket.remoteAddress ?? '') || request.method !== 'POST') {
    answer(response, 404, { error: 'not_found', message: 'There is no such page', issues: [] });
    return true;
  }
  const asked = url.searchParams.get('now');
  const now = asked === null ? new Date() : parseLondonMoment(asked);
  if (!now) {
    answer(response, 400, { error: 'bad_request', message: 'Give now as 2027-03-01T09:00 (London time) or an ISO instant', issues: [{ path: 'now', message: 'Enter a date and time' }] });
    return true;
  }
  answer(response, 200, { now: now.toISOString(), ...(await run(now)) });
  return true;
}
