/**
 * `npm run jobs:readiness`: runs the readiness job (reminders to outlets' contacts, escalations to
 * commissioners) now, or as if at another moment.
 *
 *   npm run jobs:readiness [-- --now 2027-03-01T09:00]            the local finder's data
 *   npm run jobs:readiness -- --table NAME --site-url URL --link-secret ARN --from ADDRESS [--now …]
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ReadinessRun } from '../functions/core/readiness-job.js';
import { describeRun, readinessJobPath } from '../local/readiness-endpoint.js';
import { parseLondonMoment } from '../local/readiness-timer.js';

const root = fileURLToPath(new URL('..', import.meta.url));

const helpText = `Runs the readiness job: reminds outlets' contacts to confirm their listings, and lists those
nobody confirmed for their commissioners.

  npm run jobs:readiness [-- --now 2027-03-01T09:00] [--url http://127.0.0.1:3000] [--data-dir .local/dynamodb]
  npm run jobs:readiness -- --table NAME --site-url URL --link-secret ARN --from ADDRESS [--now …]

  --now WHEN         run as if at this moment: 2027-03-01T09:00 (London time), 2027-03-01 (07:00
                     London time, when the daily run happens) or an ISO instant with Z or an offset.
                     Default: now
Locally (no --table): the running finder runs it (reminders go to its outbox, /_local/outbox); if no
finder is running, it runs here on the local data, and the outbox keeps the reminders for the next start.
  --url URL          the running local finder (default http://127.0.0.1:3000); its links point there
  --data-dir DIR     the local data when no finder is running (default $FINDER_DATA_DIR or .local/dynamodb)
On AWS (--table), with your credentials: it SENDS REAL EMAIL through SES, as the scheduled job does.
  --table NAME       the finder's table (stack output TableName)
  --site-url URL     the site the links open (stack output SiteUrl, or your custom domain)
  --link-secret ARN  the link keys' secret (stack output LinkKeysSecretArn)
  --from ADDRESS     the SES-verified sender (the stack's senderEmail)`;

const { values } = parseArgs({
  options: {
    now: { type: 'string' },
    url: { type: 'string', default: 'http://127.0.0.1:3000' },
    'data-dir': { type: 'string', default: process.env.FINDER_DATA_DIR ?? `${root}.local/dynamodb` },
    table: { type: 'string' },
    'site-url': { type: 'string' },
    'link-secret': { type: 'string' },
    from: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

const fail = (message: string): never => {
  console.error(`${message}\n\n${helpText}`);
  process.exit(2);
};

if (values.help) {
  console.log(helpText);
  process.exit(0);
}
const now = values.now === undefined ? new Date() : (parseLondonMoment(values.now) ?? fail(`"${values.now}" is not a moment like 2027-03-01T09:00.`));

/** Prints what the run did, one listing a line. */
function report(run: ReadinessRun): void {
  console.log(`As of ${now.toISOString()}: ${describeRun(run)}`);
  for (const { outletId, reminder } of run.reminded) console.log(`  ${outletId}: reminder ${reminder} sent`);
  for (const { outletId, reason } of run.escalated) console.log(`  ${outletId}: escalated (${reason === 'no_contact' ? 'no contact email' : 'two reminders unanswered'})`);
  for (const { outletId, error } of run.failed) console.log(`  ${outletId}: FAILED: ${error}`);
  if (run.failed.length > 0) process.exitCode = 1;
}

if (values.table) {
  process.env.TABLE_NAME = values.table;
  process.env.SITE_URL = values['site-url'] ?? fail('Give the site the links open with --site-url.');
  process.env.LINK_KEYS_SECRET_ARN = values['link-secret'] ?? fail('Give the link keys’ secret with --link-secret (stack output LinkKeysSecretArn).');
  process.env.EMAIL_FROM = values.from ?? fail('Give the SES-verified sender with --from.');
  // The functions read their settings when they load: only now that they are set.
  const { runReadiness } = await import('../functions/lambdas/readiness-job.js');
  report(await runReadiness(now));
} else {
  report(await runLocally());
}

/** Asks the running local finder to run the job; without one, runs a finder here on the local data. */
async function runLocally(): Promise<ReadinessRun> {
  const base = values.url.replace(/\/+$/, '');
  let response: Response | undefined;
  try {
    response = await fetch(`${base}${readinessJobPath}?now=${encodeURIComponent(now.toISOString())}`, { method: 'POST' });
  } catch {
    // Nobody is listening: run it here.
  }
  if (response) {
    if (!response.ok) fail(`The finder at ${base} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as ReadinessRun;
  }
  console.log(`No finder at ${base}: running the job on the local data in ${values['data-dir']}`);
  const { startFinder } = await import('../local/finder-server.js');
  // Never loads the demo: with no local data there is nothing to remind anyone of.
  const finder = await startFinder({ port: 0, authPort: 0, dataPath: values['data-dir'], siteDir: `${root}site/dist`, siteUrl: base, seed: false });
  try {
    return await finder.runReadinessJob(now);
  } finally {
    await finder.close();
  }
}
