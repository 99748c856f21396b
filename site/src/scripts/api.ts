/**
 * The site's only door to the API. Every response is checked against the contract's zod schema:
 * a body that does not match is treated like an outage, never trusted by a cast.
 */
import './zod-without-eval.js';
import { errorBodySchema, type ErrorBody } from '@contract/error.js';
import {
  findOutletsAnswerSchema,
  outletDetailSchema,
  type FindOutletsAnswer,
  type OutletDetail,
} from '@contract/find-outlets.js';
import * as z from 'zod/mini';
import { apiBaseUrl } from './config.js';

export type ApiResult<T> =
  | { kind: 'ok'; data: T }
  /** The API answered 4xx with the contract's error body: show its messages. */
  | { kind: 'rejected'; status: number; body: ErrorBody }
  /** Network error, time-out, 5xx, or a body that breaks the contract. */
  | { kind: 'unavailable' }
  /** Superseded by a newer request. */
  | { kind: 'aborted' };

/** A phone on a poor connection gets this long before we say the finder is not working. */
const timeoutMs = 15_000;

/**
 * One request to the API, its answer checked against `schema` (or the contract's error body).
 * Exported for the registration and report pages' own modules (`registration-api.ts`,
 * `report-api.ts`), so the find page and the embed never load those contracts.
 */
export async function requestJson<S extends z.core.$ZodType>(
  path: string,
  schema: S,
  { signal, body, method = body === undefined ? 'GET' : 'POST', headers = {} }: { signal?: AbortSignal | undefined; body?: unknown; method?: 'GET' | 'POST' | 'PUT'; headers?: Record<string, string> } = {},
): Promise<ApiResult<z.output<S>>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort);
  try {
    const response = await fetch(`${apiBaseUrl}${path}`, {
      signal: controller.signal,
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      credentials: 'omit',
      cache: 'no-store',
    });
    const answer: unknown = await response.json().catch(() => undefined);
    if (response.ok) {
      const parsed = z.safeParse(schema, answer);
      return parsed.success ? { kind: 'ok', data: parsed.data } : { kind: 'unavailable' };
    }
    if (response.status >= 400 && response.status < 500) {
      const parsed = errorBodySchema.safeParse(answer);
      if (parsed.success) return { kind: 'rejected', status: response.status, body: parsed.data };
    }
    return { kind: 'unavailable' };
  } catch {
    return signal?.aborted ? { kind: 'aborted' } : { kind: 'unavailable' };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** `GET /api/outlets?…` */
/** Outlets near a place, or, for a name several places have, the places to choose between. */
export function findOutlets(params: URLSearchParams, signal?: AbortSignal): Promise<ApiResult<FindOutletsAnswer>> {
  return requestJson(`/outlets?${params}`, findOutletsAnswerSchema, { signal });
}

/** `GET /api/outlets/{id}` */
export function getOutlet(id: string): Promise<ApiResult<OutletDetail>> {
  return requestJson(`/outlets/${encodeURIComponent(id)}`, outletDetailSchema);
}

