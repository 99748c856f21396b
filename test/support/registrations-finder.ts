/**
 * The running finder and the helpers the registration tests share (`test/local/registrations-api.test.ts`,
 * `test/local/registration-moderation-api.test.ts`): one local finder per test file, real tokens for
 * the demo's administrator (tariq) and commissioners (chloe, Trafford; dami), a pharmacy's and a
 * cabinet's registration details, and calls to the API as the site makes them.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import type { CreateRegistrationResponse } from '../../functions/contract/registration.js';
import type { ListRegistrationsResponse, Registration, RegistrationDecisionResponse } from '../../functions/contract/registration-moderation.js';
import { type RunningFinder, startFinder } from '../../local/finder-server.js';
import { tokenFor } from './tokens.js';

const siteDir = fileURLToPath(new URL('../fixtures/site/', import.meta.url));

/** A pharmacy in Old Trafford (M15 4AB is in the demo's Trafford postcode data). */
export const pharmacy = (changes: Record<string, unknown> = {}) => ({
  kind: 'outlet',
  organisation: 'Gorse Hill Health Ltd',
  name: `Gorse Hill Pharmacy ${randomUUID().slice(0, 8)}`,
  addressLine1: '12 Chester Road',
  addressLine2: '',
  town: 'Stretford',
  postcode: 'm15 4ab',
  phone: '0161 496 0123',
  website: '',
  basis: 'pharmacy',
  hours: { weekly: [{ byDay: 'monday', opensAt: '09:00', closesAt: '17:30' }], exceptions: [], bankHolidays: 'closed', unknownDays: ['tuesday'] },
  kitTypes: ['nasal'],
  noIdNeeded: true,
  walkIn: true,
  familyAndFriendsCanCollect: false,
  contactName: 'Priya Shah',
  contactEmail: `priya.${randomUUID().slice(0, 8)}@example.org`,
  ...changes,
});

/** An emergency cabinet in Sale (M33 7AA). */
export const cabinet = (changes: Record<string, unknown> = {}) => ({
  kind: 'cabinet',
  organisation: 'Sale Community Trust',
  name: `Sale Library cabinet ${randomUUID().slice(0, 8)}`,
  addressLine1: 'Sale Library, Tatton Road',
  town: 'Sale',
  postcode: 'M33 7AA',
  kitTypes: ['nasal'],
  locationDescription: 'On the wall to the left of the library’s main doors, next to the defibrillator',
  contactName: 'Sam Guardian',
  contactEmail: `sam.${randomUUID().slice(0, 8)}@example.org`,
  ...changes,
});

/**
 * Starts a finder for the test file (before its tests; closed after them) and returns the calls the
 * tests make to it. `finder` and `tokens` are filled in once the file's `beforeAll` has run.
 */
export function registrationsFinder() {
  let running: RunningFinder | undefined;
  const tokens: Record<'tariq' | 'chloe' | 'dami', string> = { tariq: '', chloe: '', dami: '' };
  const finder = (): RunningFinder => {
    if (!running) throw new Error('The finder starts in beforeAll');
    return running;
  };

  beforeAll(async () => {
    // Every request comes from this one machine: the per-client limits are tested on their own.
    running = await startFinder({ port: 0, siteDir, clientLimits: false });
    for (const who of ['tariq', 'chloe', 'dami'] as const) tokens[who] = await tokenFor(running.url, who);
  }, 120_000);

  afterAll(async () => {
    await running?.close();
  });

  async function call<T = Record<string, unknown>>(method: string, path: string, { body, headers = {}, as }: { body?: unknown; headers?: Record<string, string>; as?: string } = {}) {
    const response = await fetch(`${finder().url}/api${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(as ? { authorization: `Bearer ${as}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, etag: response.headers.get('etag') ?? '', body: (await response.json()) as T & { issues?: { path: string; message: string }[] } };
  }

  const register = (details: unknown, key = randomUUID()) => call<CreateRegistrationResponse>('POST', '/registrations', { body: details, headers: { 'idempotency-key': key } });
  const queue = async (who: keyof typeof tokens, name = 'open') =>
    (await call<ListRegistrationsResponse>('GET', `/portal/registrations?queue=${name}`, { as: tokens[who] })).body.registrations.map((summary) => summary.id);
  const read = (id: string, who: keyof typeof tokens = 'tariq') => call<Registration>('GET', `/portal/registrations/${id}`, { as: tokens[who] });
  async function decide(id: string, decision: Record<string, unknown>, who: keyof typeof tokens = 'tariq') {
    const { etag } = await read(id, who);
    return call<RegistrationDecisionResponse>('POST', `/portal/registrations/${id}/decisions`, { body: decision, headers: { 'if-match': etag }, as: tokens[who] });
  }
  const mailTo = (address: string) => finder().outbox.list().filter((message) => message.to === address);

  return { finder, tokens, call, register, queue, read, decide, mailTo };
}

/** The change link in a registrant's email: the registration's id and its token. */
export const linkIn = (text: string) => {
  const url = new URL(/(http\S+\/register\/change\/\S+)/.exec(text)?.[1] ?? 'http://invalid/');
  return { id: url.searchParams.get('id') ?? '', token: new URLSearchParams(url.hash.slice(1)).get('token') ?? '' };
};
