/**
 * Kits given out, counted against the embedded DynamoDB.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupplyRecord } from '../../../functions/contract/supplies.js';
import { ensureTable } from '../../../functions/data/create-table.js';
import { addSupply, listSupplyDays } from '../../../functions/data/supplies.js';

const record = (overrides: Partial<SupplyRecord> = {}): SupplyRecord => ({
  date: '2026-11-30',
  kitType: 'nasal',
  count: 1,
  supply: 'first',
  ...overrides,
});

describe('supplies', () => {
  beforeAll(async () => {
    await ensureTable();
  });

  it('sums 100 records sent at once with distinct keys exactly', async () => {
    // Act
    await Promise.all(Array.from({ length: 100 }, (_, n) => addSupply('busy', record({ count: (n % 3) + 1 }), `key-${n}`, 'E08000003')));

    // Assess
    const [day] = await listSupplyDays('busy', '2026-11-30', '2026-11-30');
    const expected = Array.from({ length: 100 }, (_, n) => (n % 3) + 1).reduce((sum, count) => sum + count, 0);
    expect(day).toEqual({ date: '2026-11-30', kitType: 'nasal', first: expected, resupply: 0, resupplyReasons: {} });
  });

  it('counts a record once however often the same key is sent', async () => {
    // Act
    const answers = [];
    for (let attempt = 0; attempt < 20; attempt += 1) answers.push(await addSupply('retried', record({ count: 2 }), 'same-key', 'E08000003'));

    // Assess
    expect(new Set(answers.map((answer) => answer.first))).toEqual(new Set([2]));
    expect(await listSupplyDays('retried', '2026-11-30', '2026-11-30')).toEqual([
      { date: '2026-11-30', kitType: 'nasal', first: 2, resupply: 0, resupplyReasons: {} },
    ]);
  });

  it('keeps first supplies, resupplies and their reasons apart, per day and kit type', async () => {
    // Act
    await addSupply('mixed', record({ supply: 'resupply', resupplyReason: 'used_on_someone', count: 2 }), 'k1', 'E08000003');
    await addSupply('mixed', record({ supply: 'resupply', resupplyReason: 'lost' }), 'k2', 'E08000003');
    await addSupply('mixed', record({ kitType: 'injectable' }), 'k3', 'E08000003');
    await addSupply('mixed', record({ date: '2026-11-29' }), 'k4', 'E08000003');
    await addSupply('mixed', record({ date: '2026-10-31' }), 'k5', 'E08000003');

    // Assess
    expect(await listSupplyDays('mixed', '2026-11-01', '2026-11-30')).toEqual([
      { date: '2026-11-29', kitType: 'nasal', first: 1, resupply: 0, resupplyReasons: {} },
      { date: '2026-11-30', kitType: 'injectable', first: 1, resupply: 0, resupplyReasons: {} },
      { date: '2026-11-30', kitType: 'nasal', first: 0, resupply: 3, resupplyReasons: { used_on_someone: 2, lost: 1 } },
    ]);
  });
});
