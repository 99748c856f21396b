/**
 * The idempotency records' lifetimes against the embedded DynamoDB, beyond what
 * `idempotency.test.ts` covers: a record is forgotten after `idempotencyWindowSeconds`; an "in
 * progress" record whose Lambda's time is up is taken over (and one whose time is unknown is not);
 * the body is compared by its content, not its key order, and a different one is refused even
 * while the first request is still running.
 */
import type { Context } from 'aws-lambda';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureTable } from '../../../functions/data/create-table.js';
import { idempotencyWindowSeconds, once } from '../../../functions/data/idempotency.js';
import { DomainError } from '../../../functions/shared/errors.js';
import { localLambdaContext } from '../../../local/lambda-context.js';

const context = (remainingMs?: number): Context => {
  const base = localLambdaContext('portal');
  return remainingMs === undefined ? base : { ...base, getRemainingTimeInMillis: () => remainingMs };
};

/** Work that runs until `finish` is called, counting its runs. */
function heldWork<T>(answer: T) {
  let runs = 0;
  let finish = () => {};
  const work = () => {
    runs += 1;
    return new Promise<T>((resolve) => {
      finish = () => resolve(answer);
    });
  };
  return { work, runs: () => runs, finish: () => finish() };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('once', () => {
  beforeAll(async () => {
    await ensureTable();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('forgets a request after the window: the same key then runs again, with any body', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = new Date('2026-12-01T06:00:00Z');
    vi.setSystemTime(start);
    let runs = 0;
    const work = async () => ({ run: (runs += 1) });
    const request = { scope: 'FA1:supplies', key: 'expiring-key', body: { count: 1 } };
    await once(request, context(), work);

    // Act
    vi.setSystemTime(start.getTime() + (idempotencyWindowSeconds - 5) * 1000);
    const withinWindow = await once(request, context(), work);
    vi.setSystemTime(start.getTime() + (idempotencyWindowSeconds + 5) * 1000);
    const afterWindow = await once({ ...request, body: { count: 7 } }, context(), work);

    // Assess
    expect(withinWindow).toEqual({ run: 1 });
    expect(afterWindow).toEqual({ run: 2 });
    expect(runs).toBe(2);
  });

  it("takes over an in-progress record once its Lambda's time is up, and answers the first with its own result", async () => {
    // Prepare
    const request = { scope: 'FA1:supplies', key: 'stale-key', body: { count: 1 } };
    const first = heldWork({ by: 'first' });
    const firstAnswer = once(request, context(20), first.work);
    await sleep(60);

    // Act
    const second = await once(request, context(), async () => ({ by: 'second' }));
    first.finish();
    const firstResult = await firstAnswer;
    const later = await once(request, context(), async () => ({ by: 'third' }));

    // Assess
    expect(second).toEqual({ by: 'second' });
    expect(firstResult).toEqual({ by: 'first' });
    // Both completed the record; the last to complete is what repeats get.
    expect(later).toEqual({ by: 'first' });
    expect(first.runs()).toBe(1);
  });

  it('does not take over an in-progress record whose remaining time was not known', async () => {
    // Prepare
    const request = { scope: 'FA1:supplies', key: 'unknown-time-key', body: {} };
    const first = heldWork({ ok: true });
    const firstAnswer = once(request, context(0), first.work);
    await sleep(60);

    // Act
    const repeat = once(request, context(), async () => ({ ok: 'again' }));

    // Assess
    await expect(repeat).rejects.toMatchObject({ code: 'conflict' });
    first.finish();
    expect(await firstAnswer).toEqual({ ok: true });
  });

  it('refuses a different body under the same key even while the first request is running', async () => {
    // Prepare
    const request = { scope: 'FA1:batches', key: 'running-key', body: { lot: 'A1' } };
    const first = heldWork({ ok: true });
    const firstAnswer = once(request, context(), first.work);
    await sleep(30);

    // Act
    const different = once({ ...request, body: { lot: 'B2' } }, context(), async () => ({ ok: false }));
    const same = once(request, context(), async () => ({ ok: false }));

    // Assess
    await expect(different).rejects.toSatisfy((error) => error instanceof DomainError && error.code === 'idempotency_key_reused');
    await expect(same).rejects.toMatchObject({ code: 'conflict' });
    first.finish();
    await firstAnswer;
  });

  it("compares bodies by content: the same fields in another order replay the first answer", async () => {
    // Prepare
    let runs = 0;
    const work = async () => ({ run: (runs += 1), nested: { b: [1, { d: 2, c: 3 }], a: null } });
    const first = await once({ scope: 'FA1:supplies', key: 'order-key', body: { count: 2, note: { x: 1, y: [1, 2] } } }, context(), work);

    // Act
    const reordered = await once({ scope: 'FA1:supplies', key: 'order-key', body: { note: { y: [1, 2], x: 1 }, count: 2 } }, context(), work);
    const reorderedArray = once({ scope: 'FA1:supplies', key: 'order-key', body: { note: { y: [2, 1], x: 1 }, count: 2 } }, context(), work);

    // Assess
    expect(reordered).toEqual(first);
    expect(runs).toBe(1);
    await expect(reorderedArray).rejects.toSatisfy((error) => error instanceof DomainError && error.code === 'idempotency_key_reused');
  });
});
