/**
 * Requests that succeed on the small finder (`small-finder.ts`) when nothing fails: a GET for every
 * read route (of something made for it, where it reads what a write makes), and for every write
 * route a fresh one each time (new values, keys and links, so it is never a repeat). For tests that
 * then make them fail.
 */
import { randomUUID } from 'node:crypto';
import { hsdsServiceId } from '../../functions/core/hsds-service-at-location.js';
import { type RouteDefinition, routes } from '../../functions/routes.js';
import { type SmallFinder, smallAreaCode, smallCabinetId, smallOutletId } from './small-finder.js';

const today = new Date().toISOString().slice(0, 10);

/** A GET of every read route that reads nothing a test must make first. */
export const readPaths: Record<string, string> = {
  findOutlets: '/api/outlets?lat=53.4808&lng=-2.2426&limit=5',
  getOutlet: `/api/outlets/${smallOutletId}`,
  getSignInSettings: '/api/sign-in',
  getMe: '/api/me',
  getPortalOutlet: `/api/portal/outlets/${smallOutletId}`,
  listSupplies: `/api/portal/outlets/${smallOutletId}/supplies`,
  listBatches: `/api/portal/outlets/${smallOutletId}/batches`,
  getHistory: `/api/portal/outlets/${smallOutletId}/history`,
  listOutletReports: `/api/portal/outlets/${smallOutletId}/reports`,
  getAreaOverview: `/api/portal/areas/${smallAreaCode}`,
  getAreaSupplies: `/api/portal/areas/${smallAreaCode}/supplies`,
  getAreaBatches: `/api/portal/areas/${smallAreaCode}/batches`,
  getAreaCoverage: `/api/portal/areas/${smallAreaCode}/coverage`,
  getAreaCoverageCsv: `/api/portal/areas/${smallAreaCode}/coverage.csv`,
  listRegistrations: '/api/portal/registrations',
  listAreaAttention: `/api/portal/areas/${smallAreaCode}/attention`,
  getHsdsRoot: '/api/hsds',
  listHsdsServices: '/api/hsds/services',
  getHsdsService: `/api/hsds/services/${hsdsServiceId(smallOutletId)}`,
  listHsdsServiceAtLocations: '/api/hsds/service_at_locations',
};

export interface RouteRequest {
  path: string;
  init: RequestInit;
  /** The access token to send, for signed-in routes. */
  token?: string;
}

/** `send` (a request and its answer as text) and `writeRequest` (a valid write for a route) on a small finder. */
export function routeRequests(small: SmallFinder) {
  async function send(path: string, init: RequestInit = {}, token?: string) {
    const headers = { ...(init.headers as Record<string, string>), ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const response = await fetch(`${small.finder.url}${path}`, { ...init, headers });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  }

  /** A write that succeeds when nothing fails: fresh values and keys each time, so it is never a repeat. */
  async function writeRequest(route: RouteDefinition): Promise<RouteRequest> {
    const json = (body: unknown, headers: Record<string, string> = {}) => ({
      method: route.method,
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...headers },
    });
    const key = { 'idempotency-key': randomUUID() };
    const unique = randomUUID().slice(0, 8);
    const outlet = `/api/portal/outlets/${smallOutletId}`;
    switch (route.handler) {
      case 'createReport':
        return { path: '/api/reports', init: json({ outletId: smallOutletId, problem: 'no_kits' }) };
      case 'editPortalOutlet': {
        const current = await send(outlet, {}, small.tokens.staff);
        return { path: outlet, init: json({ alert: `Fault test ${unique}` }, { 'if-match': current.headers.get('etag') ?? '' }), token: small.tokens.staff };
      }
      case 'setStock': {
        const current = JSON.parse((await send(outlet, {}, small.tokens.staff)).text) as { stock?: { status?: string } };
        return { path: `${outlet}/stock`, init: json({ status: current.stock?.status === 'out' ? 'in_stock' : 'out' }), token: small.tokens.staff };
      }
      case 'confirmListing':
        return { path: `${outlet}/confirmations`, init: { method: 'POST', headers: key }, token: small.tokens.staff };
      case 'recordSupply':
        return { path: `${outlet}/supplies`, init: json({ date: today, kitType: 'nasal', count: 2, supply: 'first' }, key), token: small.tokens.staff };
      case 'addBatch':
        return { path: `${outlet}/batches`, init: json({ batchNumber: `NX ${unique}`, kitType: 'nasal', quantity: 10, expiresOn: '2027-06-30' }, key), token: small.tokens.staff };
      case 'updateReport': {
        const reports = JSON.parse((await send(`${outlet}/reports`, {}, small.tokens.staff)).text) as { reports: { id: string; status: string }[] };
        const report = reports.reports.find((each) => each.id === small.reportId);
        return {
          path: `${outlet}/reports/${small.reportId}`,
          init: json({ status: report?.status === 'open' ? 'dealt_with' : 'open', note: `Fault test ${unique}` }),
          token: small.tokens.staff,
        };
      }
      case 'setAreaEstimate':
        return { path: `/api/portal/areas/${smallAreaCode}/estimate`, init: json({ peopleUsingOpiates: 4000 + Math.floor(Math.random() * 1000), source: `Fault test ${unique}`, year: 2024 }), token: small.tokens.commissioner };
      case 'setCabinetStatus': {
        const current = JSON.parse((await send(`/api/portal/outlets/${smallCabinetId}`, {}, small.tokens.staff)).text) as { cabinetStatus?: string };
        return {
          path: `/api/portal/outlets/${smallCabinetId}/cabinet`,
          init: json({ status: current.cabinetStatus === 'ready' ? 'used_awaiting_restock' : 'ready' }),
          token: small.tokens.staff,
        };
      }
      case 'createRegistration':
        return {
          path: '/api/registrations',
          init: json(
            {
              kind: 'cabinet',
              organisation: 'Fault Trust',
              name: `Fault cabinet ${unique}`,
              addressLine1: 'Albert Square',
              town: 'Manchester',
              postcode: 'M2 5DB',
              kitTypes: ['nasal'],
              locationDescription: 'By the door',
              contactName: 'Fault Guardian',
              contactEmail: `fault.${unique}@example.org`,
            },
            key,
          ),
        };
      case 'importAreaListings':
        return {
          path: `/api/portal/areas/${smallAreaCode}/imports`,
          init: json(
            {
              fileName: `fault-${unique}.csv`,
              content: [
                'external_id,name,address_1,town,postcode,latitude,longitude,local_authority',
                `FAULT-${unique},Fault Test Service ${unique},1 Test Street,Manchester,M1 1AE,53.4794,-2.2453,E08000003`,
              ].join('\n'),
              dryRun: false,
            },
            key,
          ),
          token: small.tokens.commissioner,
        };
      case 'decideRegistration': {
        const created = await send('/api/registrations', (await writeRequest(routes.find((each) => each.handler === 'createRegistration') ?? route)).init);
        const { id } = JSON.parse(created.text) as { id: string };
        const read = await send(`/api/portal/registrations/${id}`, {}, small.tokens.commissioner);
        return {
          path: `/api/portal/registrations/${id}/decisions`,
          init: json({ decision: 'ask_for_changes', message: `Say which door ${unique}` }, { 'if-match': read.headers.get('etag') ?? '' }),
          token: small.tokens.commissioner,
        };
      }
      case 'answerListingAction': {
        // A reminder's link, as the readiness job signs it: a new one each time, so never a repeat.
        const { signListingLink } = await import('../../functions/core/listing-links.js');
        const { signingLinkKey } = await import('../../functions/data/link-keys.js');
        const action = (['in_stock', 'running_low', 'out', 'confirm'] as const)[Math.floor(Math.random() * 4)] ?? 'confirm';
        const token = await signListingLink(await signingLinkKey(), { outletId: smallOutletId, action }, new Date());
        return { path: '/api/listing-actions', init: json({ token, outletId: smallOutletId, action }) };
      }
      case 'checkRegistration': {
        const create = await writeRequest(routes.find((each) => each.handler === 'createRegistration') ?? route);
        return { path: '/api/registrations/checks', init: { ...create.init, headers: { 'content-type': 'application/json' } } };
      }
      case 'resubmitRegistration': {
        // A registration the commissioner asked changes of: the emailed link's id and secret.
        const create = await writeRequest(routes.find((each) => each.handler === 'createRegistration') ?? route);
        const details = JSON.parse(String(create.init.body)) as Record<string, unknown>;
        const { id } = JSON.parse((await send(create.path, create.init)).text) as { id: string };
        const read = await send(`/api/portal/registrations/${id}`, {}, small.tokens.commissioner);
        const asked = await send(
          `/api/portal/registrations/${id}/decisions`,
          { method: 'POST', body: JSON.stringify({ decision: 'ask_for_changes', message: 'Say which door' }), headers: { 'content-type': 'application/json', 'if-match': read.headers.get('etag') ?? '' } },
          small.tokens.commissioner,
        );
        if (asked.status !== 200) throw new Error(`Asking for changes answered ${asked.status}`);
        const email = small.finder.outbox.list().find((message) => message.to === details.contactEmail);
        const link = new URL(/(http\S+\/register\/change\/\S+)/.exec(email?.text ?? '')?.[1] ?? 'http://invalid/');
        const token = new URLSearchParams(link.hash.slice(1)).get('token') ?? '';
        return { path: `/api/registrations/${id}`, init: json({ ...details, locationDescription: `By the blue door ${unique}` }, { 'x-registration-token': token }) };
      }
      default:
        throw new Error(`No write request for ${route.handler}`);
    }
  }

  /**
   * A read that succeeds when nothing fails: a fixed path (`readPaths`), or, for reads of something
   * a write makes (a registration, a reminder's link), a path to a fresh one.
   */
  async function readRequest(route: RouteDefinition): Promise<RouteRequest> {
    const fixed = readPaths[route.handler];
    if (fixed !== undefined) {
      const token = route.access === 'public' ? undefined : route.access.startsWith('area') ? small.tokens.commissioner : small.tokens.admin;
      return { path: fixed, init: {}, token };
    }
    const writeOf = (handler: string) => writeRequest(routes.find((each) => each.handler === handler) ?? route);
    switch (route.handler) {
      case 'getRegistration': {
        const create = await writeOf('createRegistration');
        const { id } = JSON.parse((await send(create.path, create.init)).text) as { id: string };
        return { path: `/api/portal/registrations/${id}`, init: {}, token: small.tokens.commissioner };
      }
      case 'getOwnRegistration': {
        // The registrant's own view, with the emailed link's secret.
        const resubmit = await writeOf('resubmitRegistration');
        const secret = (resubmit.init.headers as Record<string, string>)['x-registration-token'] ?? '';
        return { path: resubmit.path, init: { headers: { 'x-registration-token': secret } } };
      }
      case 'previewListingAction': {
        const answer = await writeOf('answerListingAction');
        const { token } = JSON.parse(String(answer.init.body)) as { token: string };
        return { path: `/api/listing-actions?${new URLSearchParams({ t: token })}`, init: {} };
      }
      default:
        throw new Error(`No read request for ${route.handler}`);
    }
  }

  return { send, writeRequest, readRequest };
}
