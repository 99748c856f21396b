/**
 * Answering a readiness reminder by its links, through the local server and the real Lambda: links
 * from a real reminder (the job, its clock set), what each kind of link previews, that previews
 * change nothing, single use under repeats and racing presses, expiry, tampering, and the
 * commissioner's list before and after an answer.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutletDetail } from '../../functions/contract/find-outlets.js';
import type { ListingAction, ListingActionPreview } from '../../functions/contract/listing-actions.js';
import type { HistoryResponse } from '../../functions/contract/portal-outlet.js';
import type { AreaAttentionResponse } from '../../functions/contract/readiness.js';
import { addDays, londonInstant, londonWallClock } from '../../functions/core/london-time.js';
import { type RunningFinder, startFinder } from '../../local/finder-server.js';
import { buildOutlet } from '../fixtures/outlets.js';
import { tampered, tokenFor } from '../support/tokens.js';

const siteDir = fileURLToPath(new URL('../fixtures/site/', import.meta.url));
const manchester = 'E08000003';
/** Long enough ago that the job, run now, reminds at once. */
const confirmedAt = new Date(Date.now() - 80 * 86_400_000).toISOString();

let finder: RunningFinder;
let chloe = '';
let dami = '';
let scanTable: () => Promise<unknown[]>;
let signLink: (outletId: string, action: ListingAction, now: Date) => Promise<string>;
/** The links of the reminder to LA001's contact, by action. */
let links: Record<ListingAction, string>;

const tokenOf = (link: string) => new URL(link).searchParams.get('t') ?? '';
const preview = async (token: string) => {
  const response = await fetch(`${finder.url}/api/listing-actions?t=${encodeURIComponent(token)}`);
  return { status: response.status, body: (await response.json()) as ListingActionPreview & Record<string, unknown> };
};
const press = async (body: Record<string, unknown>) => {
  const response = await fetch(`${finder.url}/api/listing-actions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const pressLink = (link: string, action: ListingAction, outletId = 'LA001') => press({ token: tokenOf(link), outletId, action });
const asAdmin = async <T>(path: string) => (await (await fetch(`${finder.url}${path}`, { headers: { authorization: `Bearer ${dami}` } })).json()) as T;
const attentionFor = async (token: string) =>
  (await (await fetch(`${finder.url}/api/portal/areas/${manchester}/attention`, { headers: { authorization: `Bearer ${token}` } })).json()) as AreaAttentionResponse;

beforeAll(async () => {
  finder = await startFinder({ port: 0, siteDir, seed: false });
  const { putOutlets } = await import('../../functions/data/outlets.js');
  const { documents, tableName } = await import('../../functions/data/client.js');
  const { ScanCommand } = await import('../../functions/data/dynamodb-documents.js');
  const { signListingLink } = await import('../../functions/core/listing-links.js');
  const { signingLinkKey } = await import('../../functions/data/link-keys.js');
  const { grantMembership, putUserProfile } = await import('../../functions/data/memberships.js');
  const { demoUsers, subjectOf } = await import('../../local/demo-users.js');
  signLink = async (outletId, action, now) => signListingLink(await signingLinkKey(), { outletId, action }, now);
  scanTable = async () => {
    const items: unknown[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documents.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey, ConsistentRead: true }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  };
  // Chloe commissions for Manchester; Dami administers. The demo's memberships, without its outlets.
  for (const user of demoUsers.filter((demo) => demo.user === 'chloe' || demo.user === 'dami')) {
    await putUserProfile({ subject: subjectOf(user.email), email: user.email, name: user.name });
    for (const area of user.areas) await grantMembership(subjectOf(user.email), 'area', area.code, { targetName: area.name });
  }
  const listing = (id: string, contactEmail: string | null) =>
    buildOutlet({ id, odsCode: null, name: `Pharmacy ${id}`, assuredAt: confirmedAt, contactEmail, localAuthorityCode: manchester, stock: { status: 'in_stock', updatedAt: confirmedAt } });
  await putOutlets([listing('LA001', 'la001@example.org'), listing('LA002', 'la002@example.org'), listing('LA003', null)]);

  // A real reminder: the job as of now sends LA001 and LA002 their first reminders and escalates LA003.
  await finder.runReadinessJob(new Date());
  const reminder = finder.outbox.list().find((message) => message.to === 'la001@example.org');
  const urls = reminder?.text.match(/http:\/\/\S+\/confirm\/\?t=\S+/g) ?? [];
  links = { in_stock: urls[0] ?? '', running_low: urls[1] ?? '', out: urls[2] ?? '', confirm: urls[3] ?? '' };
  [chloe, dami] = await Promise.all([tokenFor(finder.url, 'chloe'), tokenFor(finder.url, 'dami')]);
}, 120_000);

afterAll(async () => {
  await finder?.close();
});

describe('a reminder link', () => {
  it('previews what it will do, and no preview changes the table', async () => {
    // Prepare
    const before = await scanTable();
    const expired = await signLink('LA001', 'out', new Date(Date.now() - 15 * 86_400_000));
    const changed = tampered(tokenOf(links.out));

    // Act
    const previews = await Promise.all([...Object.values(links).map(tokenOf), expired, changed].map(preview));

    // Assess
    expect(previews.map(({ body }) => (body.state === 'ready' ? body.action : body.state))).toEqual(['in_stock', 'running_low', 'out', 'confirm', 'expired', 'invalid']);
    expect(previews[1]?.body).toMatchObject({ state: 'ready', listing: { id: 'LA001', name: 'Pharmacy LA001', stock: { status: 'in_stock' }, assuredAt: confirmedAt } });
    expect(JSON.stringify(previews)).not.toContain('la001@example.org');
    expect(Object.values(links).every((link) => link.startsWith(`${finder.url}/confirm/?t=`))).toBe(true);
    expect(await scanTable()).toEqual(before);
  });

  it('lists the listing without a contact for its area’s commissioner and administrators (who else may see it is the authorization matrix’s)', async () => {
    // Act
    const forChloe = await attentionFor(chloe);
    const forAdmin = await attentionFor(dami);

    // Assess
    expect(forChloe.area).toEqual({ code: manchester, name: 'Manchester' });
    expect(forChloe.listings.map((listing) => [listing.id, listing.reason, listing.freshness, listing.remindersSentAt])).toEqual([['LA003', 'no_contact', 'current', []]]);
    expect(forAdmin.listings).toEqual(forChloe.listings);
  });

  it('does what it says when the button is pressed, in history by the reminder email, and the public sees it', async () => {
    // Act
    const answer = await pressLink(links.running_low, 'running_low');

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ outcome: 'done', action: 'running_low', listing: { id: 'LA001', stock: { status: 'running_low' } } });
    const detail = (await (await fetch(`${finder.url}/api/outlets/LA001`)).json()) as OutletDetail;
    expect([detail.stock.status, detail.stockAgeDays, detail.assuredAgeDays]).toEqual(['running_low', 0, 0]);
    const history = await asAdmin<HistoryResponse>('/api/portal/outlets/LA001/history');
    expect(history.entries[0]).toMatchObject({ action: 'stock', by: { label: 'Reply to reminder email (la001@example.org)' } });
  });

  it('works once: pressed again it says it was already done, and the other links of the email still work', async () => {
    // Act
    const again = await pressLink(links.running_low, 'running_low');
    const reopened = await preview(tokenOf(links.running_low));
    const another = await pressLink(links.confirm, 'confirm');

    // Assess
    expect(again).toMatchObject({ status: 200, body: { outcome: 'already_done', action: 'running_low' } });
    expect(reopened.body).toMatchObject({ state: 'used', action: 'running_low' });
    expect(another).toMatchObject({ status: 200, body: { outcome: 'done', action: 'confirm' } });
    const history = await asAdmin<HistoryResponse>('/api/portal/outlets/LA001/history');
    expect(history.entries.filter((entry) => entry.by.label.startsWith('Reply to reminder email')).map((entry) => entry.action)).toEqual(['confirm', 'stock']);
  });

  it('changes the listing once when the same link is pressed five times at once', async () => {
    // Act
    const answers = await Promise.all(Array.from({ length: 5 }, () => pressLink(links.out, 'out')));

    // Assess
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.map((answer) => answer.body.outcome).sort()).toEqual(['already_done', 'already_done', 'already_done', 'already_done', 'done']);
    const history = await asAdmin<HistoryResponse>('/api/portal/outlets/LA001/history');
    expect(history.entries.filter((entry) => entry.action === 'stock' && entry.changes.some((change) => change.field === 'stock.status' && change.to === 'out'))).toHaveLength(1);
  });

  it('answers the reminders: the state starts afresh and the next reminder waits 75 days from now', async () => {
    // Prepare
    const { readReadinessState } = await import('../../functions/data/readiness-state.js');
    const { dueReadinessOutletIds } = await import('../../functions/data/readiness-state.js');

    // The start of the 75th London day from today: counted in London days, not 24-hour steps, which
    // a clock change between now and then would move by an hour.
    const day75 = londonInstant(addDays(londonWallClock(new Date()).date, 75), 0);

    // Act
    const state = await readReadinessState('LA001');
    const dueTheMomentBefore = await dueReadinessOutletIds(new Date(day75.getTime() - 1));
    const dueOnDay75 = await dueReadinessOutletIds(day75);

    // Assess
    expect(state?.state).toMatchObject({ remindersSentAt: [], escalatedAt: null, answeredAt: expect.any(String) });
    expect(dueTheMomentBefore).not.toContain('LA001');
    expect(dueOnDay75).toContain('LA001');
  });

  it('refuses a link that expired, was changed, or is sent back for another answer or listing, and changes nothing', async () => {
    // Prepare
    const before = await scanTable();
    const expired = await signLink('LA002', 'in_stock', new Date(Date.now() - 14 * 86_400_000 - 1000));
    const valid = await signLink('LA002', 'in_stock', new Date());
    const [header, payload, signature] = valid.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const otherListing = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 'LA001' })).toString('base64url')}.${signature}`;

    // Act
    const answers = await Promise.all([
      press({ token: expired, outletId: 'LA002', action: 'in_stock' }),
      press({ token: otherListing, outletId: 'LA001', action: 'in_stock' }),
      press({ token: valid, outletId: 'LA002', action: 'out' }),
      press({ token: valid, outletId: 'LA001', action: 'in_stock' }),
      press({ token: 'not a token', outletId: 'LA002', action: 'in_stock' }),
    ]);

    // Assess
    expect(answers.map((answer) => [answer.status, answer.body.error])).toEqual([
      [410, 'link_expired'],
      [403, 'link_invalid'],
      [403, 'link_invalid'],
      [403, 'link_invalid'],
      [422, 'validation_failed'],
    ]);
    expect(answers[0]?.body.message).toBe('This link has expired. Sign in to the outlet portal to update your listing.');
    expect(answers[2]?.body.message).toBe('This link is for another listing or another answer. Open the link from the email again.');
    expect(await scanTable()).toEqual(before);
  });

  it('takes the listing off its commissioner’s list when its contact answers', async () => {
    // Prepare: LA003 gets a contact after it was escalated, and a link (as a later reminder would give).
    const { listingStore } = await import('../../functions/data/outlets.js');
    const stored = await listingStore.read('LA003');
    await listingStore.write(stored!, { ...stored!.outlet, contactEmail: 'la003@example.org' }, {
      id: 'contact-added',
      at: new Date().toISOString(),
      by: { subject: 'admin', label: 'Admin' },
      action: 'edit',
      changes: [],
    });
    const link = await signLink('LA003', 'confirm', new Date());

    // Act
    const answer = await press({ token: link, outletId: 'LA003', action: 'confirm' });

    // Assess
    expect(answer.status).toBe(200);
    expect((await attentionFor(chloe)).listings).toEqual([]);
    const { listAttention } = await import('../../functions/data/attention.js');
    expect(await listAttention(manchester)).toEqual([]);
  });

  it('asks for the token, and refuses a link for a withdrawn listing', async () => {
    // Prepare
    const { listingStore } = await import('../../functions/data/outlets.js');
    const stored = await listingStore.read('LA002');
    await listingStore.write(stored!, { ...stored!.outlet, status: 'inactive' }, {
      id: 'withdrawn',
      at: new Date().toISOString(),
      by: { subject: 'admin', label: 'Admin' },
      action: 'edit',
      changes: [],
    });
    const link = await signLink('LA002', 'confirm', new Date());

    // Act
    const noToken = await fetch(`${finder.url}/api/listing-actions`);
    const withdrawnPreview = await preview(link);
    const withdrawnPress = await press({ token: link, outletId: 'LA002', action: 'confirm' });

    // Assess
    expect(noToken.status).toBe(400);
    expect(withdrawnPreview.body).toEqual({ state: 'invalid' });
    expect([withdrawnPress.status, withdrawnPress.body.error]).toEqual([403, 'link_invalid']);
  });
});
