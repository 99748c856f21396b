/**
 * The portal's door to the API: every request carries the signed-in person's access token, every
 * answer is checked against the contract's zod schema (a body that does not match is treated as an
 * outage, never trusted by a cast), and every outcome a page must word differently has its own kind.
 *
 * An expired access token is refreshed first where the sign-in service issued a refresh token; a
 * 401 is refreshed and retried once. With no way to refresh, the answer is `signed_out` and the
 * page asks the person to sign in again, keeping what they typed.
 */
// First, before any schema is built: the portal's CSP forbids zod's eval probe.
import '../zod-without-eval.js';
import { batchesResponseSchema, batchSchema, type BatchesResponse, type NewBatch } from '@contract/batches.js';
import { errorBodySchema, type ErrorBody } from '@contract/error.js';
import { meResponseSchema, type MeResponse } from '@contract/me.js';
import { areaAttentionResponseSchema, type AreaAttentionResponse } from '@contract/readiness.js';
import {
  historyResponseSchema,
  portalOutletSchema,
  staleEditBodySchema,
  type CabinetUpdate,
  type HistoryResponse,
  type ListingPatch,
  type PortalOutlet,
  type StockUpdate,
} from '@contract/portal-outlet.js';
import {
  listRegistrationsResponseSchema,
  registrationDecisionResponseSchema,
  registrationSchema,
  type ListRegistrationsResponse,
  type Registration,
  type RegistrationDecision,
  type RegistrationDecisionResponse,
  type RegistrationQueue,
} from '@contract/registration-moderation.js';
import {
  outletReportsResponseSchema,
  problemReportSchema,
  type OutletReportsResponse,
  type ProblemReport,
  reportUpdateSchema,
} from '@contract/report.js';
import {
  recordSupplyResponseSchema,
  suppliesResponseSchema,
  type RecordSupplyResponse,
  type SuppliesResponse,
  type SupplyRecord,
} from '@contract/supplies.js';
import * as z from 'zod';
import { apiBaseUrl } from '../config.js';
import { currentSession, endSession, hasExpired } from './session.js';

export type PortalResult<T> =
  | { kind: 'ok'; data: T }
  /** 400, 409, 422 or 428 with the contract's error body: show its messages. */
  | { kind: 'rejected'; status: number; body: ErrorBody }
  /** 412: someone else changed the listing; `current` is the listing as it is now. */
  | { kind: 'stale'; current: PortalOutlet; message: string }
  /** Nobody is signed in in this tab, or the session ended and cannot be refreshed. */
  | { kind: 'signed_out' }
  /** 403: signed in, but not allowed this listing (or this action on it). */
  | { kind: 'forbidden'; message: string }
  | { kind: 'not_found'; message: string }
  /** Network error, time-out, 5xx, or an answer that breaks the contract. */
  | { kind: 'unavailable' };

/** A phone on a poor connection gets this long before we say the portal is not working. */
const timeoutMs = 15_000;

type TokenOutcome = { kind: 'token'; token: string } | { kind: 'signed_out' } | { kind: 'unavailable' };

let refreshing: Promise<TokenOutcome> | undefined;

/** A usable access token, refreshing it first if it has run out (or `force`d, after a 401). */
async function accessToken(force = false): Promise<TokenOutcome> {
  const session = currentSession();
  if (!session) return { kind: 'signed_out' };
  if (!force && !hasExpired(session)) return { kind: 'token', token: session.accessToken };
  if (!session.refreshToken) {
    endSession();
    return { kind: 'signed_out' };
  }
  // Pages ask for several things at once: one refresh serves them all.
  refreshing ??= import('./sign-in-flow.js')
    .then(({ refreshSession }) => refreshSession(session))
    .then((outcome): TokenOutcome => {
      if (outcome.kind === 'refreshed') return { kind: 'token', token: outcome.session.accessToken };
      if (outcome.kind === 'ended') endSession();
      return { kind: outcome.kind === 'ended' ? 'signed_out' : 'unavailable' };
    })
    .catch((): TokenOutcome => ({ kind: 'unavailable' }))
    .finally(() => {
      refreshing = undefined;
    });
  return refreshing;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH';
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * What a 412 carries: a listing as it is now (`stale`, the default), or, for anything else that
   * is not a listing, only the error body (`rejected` with status 412).
   */
  staleBody?: 'listing' | 'error';
}

async function send(path: string, token: string, { method = 'GET', body, headers = {} }: Omit<RequestOptions, 'staleBody'>): Promise<Response | null> {
  try {
    return await fetch(`${apiBaseUrl}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    return null;
  }
}

/** One request with the token, refreshed and sent again once after a 401; `unavailable` when no answer came. */
async function authorisedResponse(path: string, options: RequestOptions): Promise<Response | { kind: 'signed_out' } | { kind: 'unavailable' }> {
  let token = await accessToken();
  if (token.kind !== 'token') return token;
  let response = await send(path, token.token, options);
  if (response?.status === 401) {
    token = await accessToken(true);
    if (token.kind !== 'token') return token;
    response = await send(path, token.token, options);
  }
  if (!response) return { kind: 'unavailable' };
  if (response.status === 401) {
    endSession();
    return { kind: 'signed_out' };
  }
  return response;
}

/** A refused answer in its kind: the contract's error body, or an outage when it has none. */
function refusal(status: number, answer: unknown, staleBody: RequestOptions['staleBody']): PortalResult<never> {
  if (status === 412 && staleBody !== 'error') {
    const stale = staleEditBodySchema.safeParse(answer);
    return stale.success ? { kind: 'stale', current: stale.data.current, message: stale.data.message } : { kind: 'unavailable' };
  }
  const error = errorBodySchema.safeParse(answer);
  if (!error.success || status >= 500) return { kind: 'unavailable' };
  if (status === 403) return { kind: 'forbidden', message: error.data.message };
  if (status === 404) return { kind: 'not_found', message: error.data.message };
  return { kind: 'rejected', status, body: error.data };
}

/** One request, with the token, checked against `schema` (or the contract's error bodies). */
export async function portalRequest<S extends z.core.$ZodType>(path: string, schema: S, options: RequestOptions = {}): Promise<PortalResult<z.output<S>>> {
  const response = await authorisedResponse(path, options);
  if (!(response instanceof Response)) return response;
  const answer: unknown = await response.json().catch(() => undefined);
  if (!response.ok) return refusal(response.status, answer, options.staleBody);
  const parsed = z.safeParse(schema, answer);
  return parsed.success ? { kind: 'ok', data: parsed.data } : { kind: 'unavailable' };
}

/** A request whose answer is a file (a CSV), not JSON: its text, or the refusal in its kind. */
export async function portalText(path: string, accept: string): Promise<PortalResult<string>> {
  const response = await authorisedResponse(path, { headers: { accept } });
  if (!(response instanceof Response)) return response;
  if (!response.ok) return refusal(response.status, await response.json().catch(() => undefined), 'listing');
  const text = await response.text().catch(() => null);
  return text === null ? { kind: 'unavailable' } : { kind: 'ok', data: text };
}

const outletPath = (id: string, rest = ''): string => `/portal/outlets/${encodeURIComponent(id)}${rest}`;

/** `GET /api/me`: who is signed in, their listings and areas. */
export const getMe = (): Promise<PortalResult<MeResponse>> => portalRequest('/me', meResponseSchema);

/** `GET /api/portal/outlets/{id}`: the listing to read and edit, with its ETag. */
export const getListing = (id: string): Promise<PortalResult<PortalOutlet>> => portalRequest(outletPath(id), portalOutletSchema);

/** `PATCH` the changed fields, only if the listing is still the version `etag` names. */
export const editListing = (id: string, etag: string, patch: ListingPatch): Promise<PortalResult<PortalOutlet>> =>
  portalRequest(outletPath(id), portalOutletSchema, { method: 'PATCH', body: patch, headers: { 'if-match': etag } });

/** `PUT …/stock`: one tap, which also confirms the listing. Safe to repeat. */
export const setStock = (id: string, update: StockUpdate): Promise<PortalResult<PortalOutlet>> =>
  portalRequest(outletPath(id, '/stock'), portalOutletSchema, { method: 'PUT', body: update });

/** `POST …/confirmations`: "everything here is still correct", recorded once per key. */
export const confirmListing = (id: string, idempotencyKey: string): Promise<PortalResult<PortalOutlet>> =>
  portalRequest(outletPath(id, '/confirmations'), portalOutletSchema, { method: 'POST', body: {}, headers: { 'idempotency-key': idempotencyKey } });

/** `POST …/supplies`: kits given out, recorded once per key. */
export const recordSupply = (id: string, idempotencyKey: string, record: SupplyRecord): Promise<PortalResult<RecordSupplyResponse>> =>
  portalRequest(outletPath(id, '/supplies'), recordSupplyResponseSchema, { method: 'POST', body: record, headers: { 'idempotency-key': idempotencyKey } });

/** `GET …/supplies`: the last 12 months by day and by month. */
export const listSupplies = (id: string): Promise<PortalResult<SuppliesResponse>> => portalRequest(outletPath(id, '/supplies'), suppliesResponseSchema);

/** `POST …/batches`: a batch received, recorded once per key. */
export const addBatch = (id: string, idempotencyKey: string, batch: NewBatch): Promise<PortalResult<z.output<typeof batchSchema>>> =>
  portalRequest(outletPath(id, '/batches'), batchSchema, { method: 'POST', body: batch, headers: { 'idempotency-key': idempotencyKey } });

/** `GET …/batches`, or only those with a (recalled) batch number. */
export const listBatches = (id: string, batchNumber?: string): Promise<PortalResult<BatchesResponse>> =>
  portalRequest(outletPath(id, batchNumber ? `/batches?${new URLSearchParams({ number: batchNumber })}` : '/batches'), batchesResponseSchema);

/** `GET …/history`: newest first; `before` for the next page. */
export const getHistory = (id: string, before?: string): Promise<PortalResult<HistoryResponse>> =>
  portalRequest(outletPath(id, before ? `/history?${new URLSearchParams({ before })}` : '/history'), historyResponseSchema);

/** `GET …/reports`: the public's reports, newest first. */
export const listReports = (id: string): Promise<PortalResult<OutletReportsResponse>> => portalRequest(outletPath(id, '/reports'), outletReportsResponseSchema);

/** `PATCH …/reports/{reportId}`: dealt with (with a note) or open again. */
export const updateReport = (id: string, reportId: string, update: z.input<typeof reportUpdateSchema>): Promise<PortalResult<ProblemReport>> =>
  portalRequest(outletPath(id, `/reports/${encodeURIComponent(reportId)}`), problemReportSchema, { method: 'PATCH', body: update });

/** `PUT …/cabinet`: an emergency cabinet's guardian says, in one tap, whether it is ready. Safe to repeat. */
export const setCabinet = (id: string, update: CabinetUpdate): Promise<PortalResult<PortalOutlet>> =>
  portalRequest(outletPath(id, '/cabinet'), portalOutletSchema, { method: 'PUT', body: update });

/** `GET /api/portal/registrations`: the caller's areas' (all, for an administrator), or one `area`'s, newest first. */
export const listRegistrations = (
  queue: RegistrationQueue,
  { before, area }: { before?: string; area?: string } = {},
): Promise<PortalResult<ListRegistrationsResponse>> =>
  portalRequest(`/portal/registrations?${new URLSearchParams({ queue, ...(area ? { area } : {}), ...(before ? { before } : {}) })}`, listRegistrationsResponseSchema);

/** `GET /api/portal/registrations/{id}`: one registration; its `version` is what a decision sends back. */
export const getRegistration = (id: string): Promise<PortalResult<Registration>> =>
  portalRequest(`/portal/registrations/${encodeURIComponent(id)}`, registrationSchema);

/** `POST …/decisions`, only if the registration is still at `version` (a 412 says someone else got there first). */
export const decideRegistration = (id: string, version: number, decision: RegistrationDecision): Promise<PortalResult<RegistrationDecisionResponse>> =>
  portalRequest(`/portal/registrations/${encodeURIComponent(id)}/decisions`, registrationDecisionResponseSchema, {
    method: 'POST',
    body: decision,
    headers: { 'if-match': `"${version}"` },
    staleBody: 'error',
  });

/** `GET /api/portal/areas/{code}/attention`: the area's listings nobody confirmed in time. */
export const getAreaAttention = (code: string): Promise<PortalResult<AreaAttentionResponse>> =>
  portalRequest(`/portal/areas/${encodeURIComponent(code)}/attention`, areaAttentionResponseSchema);
