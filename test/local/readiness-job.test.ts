/**
 * The readiness job against the embedded DynamoDB, sending through the real SES client into the
 * local outbox, with its clock set: who is reminded when, that a reminder goes once however the
 * runs overlap, that only due listings are read, and what reaches the commissioner's list.
 */
import { fileURLToPath } from 'node:url';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outlet } from '../../functions/contract/outlet.js';
import { type RunningFinder, startFinder } from '../../local/finder-server.js';
import { buildOutlet } from '../fixtures/outlets.js';

const siteDir = fileURLToPath(new URL('../fixtures/site/', import.meta.url));
const manchester = 'E08000003';
/** Confirmed on 1 December 2026: day 75 is 14 February 2027. */
const confirmedAt = '2026-12-01T10:00:00.000Z';
const at = (iso: string) => new Date(iso);

let finder: RunningFinder;
let data: {
  putOutlets: (outlets: Outlet[]) => Promise<void>;
  listAttention: typeof import('../../functions/data/attention.js').listAttention;
  readReadinessState: typeof import('../../functions/data/readiness-state.js').readReadinessState;
  dueReadinessOutletIds: typeof import('../../functions/data/readiness-state.js').dueReadinessOutletIds;
  listingStore: typeof import('../../functions/data/outlets.js').listingStore;
  getStoredOutlet: typeof import('../../functions/data/outlets.js').getStoredOutlet;
};

const listing = (id: string, overrides: Partial<Outlet> = {}) =>
  buildOutlet({ id, odsCode: null, name: `Pharmacy ${id}`, assuredAt: confirmedAt, localAuthorityCode: manchester, ...overrides });

/** The outbox's messages to `to`, oldest first. */
const mailTo = (to: string) => finder.outbox.list().filter((message) => message.to === to).reverse();

beforeAll(async () => {
  finder = await startFinder({ port: 0, siteDir, seed: false });
  // Loaded now: the finder has pointed the data layer at its own engine.
  const outlets = await import('../../functions/data/outlets.js');
  const attention = await import('../../functions/data/attention.js');
  const state = await import('../../functions/data/readiness-state.js');
  data = {
    putOutlets: outlets.putOutlets,
    listAttention: attention.listAttention,
    readReadinessState: state.readReadinessState,
    dueReadinessOutletIds: state.dueReadinessOutletIds,
    listingStore: outlets.listingStore,
    getStoredOutlet: outlets.getStoredOutlet,
  };
  await data.putOutlets([
    listing('RA001', { contactEmail: 'ra001@example.org' }),
    listing('RA002', { contactEmail: null }),
    listing('RA003', { contactEmail: 'ra003@example.org', assuredAt: '2027-01-20T10:00:00.000Z' }),
    listing('RA004', { contactEmail: 'ra004@example.org', status: 'inactive' }),
    listing('RA005', { contactEmail: 'ra005@example.org', localAuthorityCode: 'E08000009' }),
  ]);
});

afterAll(async () => {
  await finder?.close();
});

describe('the readiness job', () => {
  it('reads only the listings due a look: a withdrawn one is never in the index, one confirmed lately not yet', async () => {
    // Act
    const due = await data.dueReadinessOutletIds(at('2027-02-14T07:00:00Z'));
    const dayBefore = await data.dueReadinessOutletIds(at('2027-02-13T23:59:00Z'));

    // Assess
    expect(due.sort()).toEqual(['RA001', 'RA002', 'RA005']);
    expect(dayBefore).toEqual([]);
  });

  it('sends nothing the day before day 75', async () => {
    // Act
    const run = await finder.runReadinessJob(at('2027-02-13T07:00:00Z'));

    // Assess
    expect(run).toMatchObject({ looked: 0, reminded: [], escalated: [] });
    expect(finder.outbox.list()).toEqual([]);
  });

  it('on day 75 reminds each contact once, with four links, and escalates a listing without a contact instead', async () => {
    // Act
    const run = await finder.runReadinessJob(at('2027-02-14T07:00:00Z'));

    // Assess
    expect(run.reminded.sort((a, b) => a.outletId.localeCompare(b.outletId))).toEqual([
      { outletId: 'RA001', reminder: 1 },
      { outletId: 'RA005', reminder: 1 },
    ]);
    expect(run.escalated).toEqual([{ outletId: 'RA002', reason: 'no_contact' }]);
    const [reminder] = mailTo('ra001@example.org');
    expect(reminder?.subject).toBe('Check your naloxone listing: Pharmacy RA001');
    expect(reminder?.text.match(new RegExp(`${finder.url}/confirm/\\?t=[\\w-]+\\.[\\w-]+\\.[\\w-]+`, 'g'))).toHaveLength(4);
    expect((await data.listAttention(manchester)).map((record) => [record.outletId, record.reason])).toEqual([['RA002', 'no_contact']]);
    expect(finder.outbox.list().some((message) => message.text.includes('RA002'))).toBe(false);
  });

  it('sends nothing more when run again the same day', async () => {
    // Prepare
    const sent = finder.outbox.list().length;

    // Act
    const run = await finder.runReadinessJob(at('2027-02-14T15:00:00Z'));

    // Assess
    expect(run).toMatchObject({ looked: 0, reminded: [], escalated: [] });
    expect(finder.outbox.list()).toHaveLength(sent);
  });

  it('sends the second reminder once when two runs overlap on day 82', async () => {
    // Act
    const runs = await Promise.all([finder.runReadinessJob(at('2027-02-21T07:00:00Z')), finder.runReadinessJob(at('2027-02-21T07:00:05Z'))]);

    // Assess
    expect(runs.flatMap((run) => run.reminded).sort((a, b) => a.outletId.localeCompare(b.outletId))).toEqual([
      { outletId: 'RA001', reminder: 2 },
      { outletId: 'RA005', reminder: 2 },
    ]);
    expect(mailTo('ra001@example.org').map((message) => message.subject)).toEqual([
      'Check your naloxone listing: Pharmacy RA001',
      'Reminder: check your naloxone listing: Pharmacy RA001',
    ]);
    expect(runs.flatMap((run) => run.failed)).toEqual([]);
  });

  it('starts again from a new confirmation: a listing confirmed after its reminders is not escalated', async () => {
    // Prepare: RA005's staff set the stock in the portal on day 85.
    await data.listingStore.write(
      (await data.listingStore.read('RA005'))!,
      { ...(await data.getStoredOutlet('RA005'))!.outlet, assuredAt: '2027-02-24T12:00:00.000Z' },
      { id: 'entry-1', at: '2027-02-24T12:00:00.000Z', by: { subject: 'staff', label: 'Staff' }, action: 'confirm', changes: [] },
    );

    // Act
    const run = await finder.runReadinessJob(at('2027-02-28T07:00:00Z'));

    // Assess
    expect(run.escalated).toEqual([{ outletId: 'RA001', reason: 'unanswered' }]);
    expect(await data.dueReadinessOutletIds(at('2027-05-09T07:00:00Z'))).not.toContain('RA005');
    expect(await data.dueReadinessOutletIds(at('2027-05-10T07:00:00Z'))).toContain('RA005');
  });

  it('escalates after two unanswered reminders, lists the listing for its area, and then leaves it alone', async () => {
    // Act
    const list = await data.listAttention(manchester);
    const later = await finder.runReadinessJob(at('2027-04-01T07:00:00Z'));

    // Assess
    expect(list.map((record) => [record.outletId, record.reason, record.remindersSentAt.length])).toEqual([
      ['RA001', 'unanswered', 2],
      ['RA002', 'no_contact', 0],
    ]);
    expect(later).toMatchObject({ looked: 0, reminded: [], escalated: [] });
    expect(mailTo('ra001@example.org')).toHaveLength(2);
  });

  it('keeps a reminder that SES could not take, and sends it on the next run', async () => {
    // Prepare: a listing due now, and a run whose SES cannot be reached.
    await data.putOutlets([listing('RA006', { contactEmail: 'ra006@example.org', assuredAt: '2027-01-01T10:00:00.000Z' })]);
    const { readinessJobPorts } = await import('../../functions/data/readiness-ports.js');
    const { runReadinessJob } = await import('../../functions/core/readiness-job.js');
    const { sendEmailInput } = await import('../../functions/data/email.js');
    const unreachable = new SESv2Client({ region: 'eu-west-2', endpoint: 'http://127.0.0.1:9', maxAttempts: 1, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const ports = readinessJobPorts(finder.url, async (email) => {
      await unreachable.send(new SendEmailCommand(sendEmailInput(email)));
    });

    // Act
    const failed = await runReadinessJob(ports, at('2027-03-17T07:00:00Z'));
    const stateAfterFailure = await data.readReadinessState('RA006');
    const retried = await finder.runReadinessJob(at('2027-03-18T07:00:00Z'));

    // Assess
    expect(failed.failed.map((failure) => failure.outletId)).toEqual(['RA006']);
    expect(stateAfterFailure?.state.remindersSentAt).toEqual([]);
    expect(retried.reminded).toEqual([{ outletId: 'RA006', reminder: 1 }]);
    expect(mailTo('ra006@example.org')).toHaveLength(1);
  });
});
