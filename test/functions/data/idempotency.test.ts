/**
 * Idempotency records (Powertools, DynamoDB persistence) against the embedded DynamoDB.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureTable } from '../../../functions/data/create-table.js';
import { once } from '../../../functions/data/idempotency.js';
import { DomainError } from '../../../functions/shared/errors.js';
import { localLambdaContext } from '../../../local/lambda-context.js';

const context = () => localLambdaContext('portal');

describe('once', () => {
  beforeAll(async () => {
    await ensureTable();
  });

  it('does the work once for 20 repeats of one request and answers each with the first answer', async () => {
    // Prepare
    let runs = 0;
    const request = { scope: 'FA1:supplies', key: 'repeat-key-1', body: { count: 2 } };

    // Act
    const answers = [];
    for (let attempt = 0; attempt < 20; attempt += 1) {
      answers.push(await once(request, context(), async () => ({ run: (runs += 1) })));
    }

    // Assess
    expect(runs).toBe(1);
    expect(answers).toEqual(Array.from({ length: 20 }, () => ({ run: 1 })));
  });

  it('does the work once when repeats arrive together, and tells the others to wait or replays', async () => {
    // Prepare
    let runs = 0;
    const request = { scope: 'FA1:supplies', key: 'together-key', body: { count: 1 } };
    const slowWork = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { ok: true };
    };

    // Act
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => once(request, context(), slowWork)));

    // Assess
    expect(runs).toBe(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'fulfilled') expect(outcome.value).toEqual({ ok: true });
      else expect(outcome.reason).toMatchObject({ code: 'conflict' });
    }
  });

  it('refuses the same key with a different body', async () => {
    // Prepare
    await once({ scope: 'FA1:supplies', key: 'reused-key', body: { count: 1 } }, context(), async () => ({ ok: true }));

    // Act
    const reused = once({ scope: 'FA1:supplies', key: 'reused-key', body: { count: 5 } }, context(), async () => ({ ok: true }));

    // Assess
    await expect(reused).rejects.toSatisfy((error) => error instanceof DomainError && error.code === 'idempotency_key_reused');
  });

  it('treats the same key for another outlet or route as another request', async () => {
    // Prepare
    let runs = 0;
    const work = async () => ({ run: (runs += 1) });

    // Act
    await once({ scope: 'FA1:supplies', key: 'shared-key', body: {} }, context(), work);
    await once({ scope: 'FA2:supplies', key: 'shared-key', body: {} }, context(), work);
    await once({ scope: 'FA1:batches', key: 'shared-key', body: {} }, context(), work);

    // Assess
    expect(runs).toBe(3);
  });

  it('stores nothing when the work fails, so a repeat does it again', async () => {
    // Prepare
    const request = { scope: 'FA1:supplies', key: 'failing-key', body: {} };
    const failing = once(request, context(), async () => {
      throw new DomainError('validation_failed', 'No');
    });
    await expect(failing).rejects.toMatchObject({ code: 'validation_failed' });

    // Act
    const retried = await once(request, context(), async () => ({ ok: 'second time' }));

    // Assess
    expect(retried).toEqual({ ok: 'second time' });
  });
});
