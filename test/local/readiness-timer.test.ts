/**
 * The readiness job's local timer: when it runs, the moments `--now` takes, and that under a
 * finder started with it a reminder reaches the outbox without anyone asking.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startFinder } from '../../local/finder-server.js';
import { nextDailyRun, parseLondonMoment, startReadinessTimer } from '../../local/readiness-timer.js';
import { buildOutlet } from '../fixtures/outlets.js';

const siteDir = fileURLToPath(new URL('../fixtures/site/', import.meta.url));
const at = (iso: string) => new Date(iso);

describe('nextDailyRun', () => {
  it('is 07:00 London time today until then, and tomorrow from then on, through the clock changes', () => {
    // Act
    const runs = [
      nextDailyRun(at('2027-01-10T06:59:00Z')),
      nextDailyRun(at('2027-01-10T07:00:00Z')),
      nextDailyRun(at('2027-03-27T08:00:00Z')),
      nextDailyRun(at('2027-07-01T05:30:00Z')),
    ];

    // Assess: 07:00 GMT in winter, 06:00 UTC once the clocks go forward on 28 March 2027.
    expect(runs).toEqual([at('2027-01-10T07:00:00Z'), at('2027-01-11T07:00:00Z'), at('2027-03-28T06:00:00Z'), at('2027-07-01T06:00:00Z')]);
  });
});

describe('parseLondonMoment', () => {
  it('reads London wall-clock times, a date alone as its daily run, and ISO instants', () => {
    // Act
    const moments = ['2027-03-01T09:00', '2027-07-01T09:00', '2027-03-01', '2027-03-01T09:00:00Z', '2027-03-01T09:00+02:00'].map(parseLondonMoment);

    // Assess
    expect(moments).toEqual([at('2027-03-01T09:00:00Z'), at('2027-07-01T08:00:00Z'), at('2027-03-01T07:00:00Z'), at('2027-03-01T09:00:00Z'), at('2027-03-01T07:00:00Z')]);
  });

  it('refuses what is not a moment', () => {
    // Act
    const moments = ['2027-02-30', '2027-03-01T25:00', 'tomorrow', '', '2027-03-01T09:00:00'].map(parseLondonMoment);

    // Assess
    expect(moments.slice(0, 4)).toEqual([null, null, null, null]);
    expect(moments[4]).toEqual(at('2027-03-01T09:00:00Z'));
  });
});

describe('startReadinessTimer', () => {
  it('runs once soon after start, as of its clock, and not again before the next 07:00', async () => {
    // Prepare
    const runs: Date[] = [];
    const lines: string[] = [];

    // Act
    const timer = startReadinessTimer(
      async (now) => {
        runs.push(now);
        return 'looked at 0 listings';
      },
      { clock: () => at('2027-03-01T09:00:00Z'), firstRunAfterMs: 5, log: (line) => lines.push(line) },
    );
    await expect.poll(() => lines.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await timer.stop();

    // Assess
    expect(runs).toEqual([at('2027-03-01T09:00:00Z')]);
    expect(lines).toEqual(['Readiness job (as of 2027-03-01T09:00:00.000Z): looked at 0 listings']);
  });

  it('sends a reminder under a finder that runs it, with nobody asking', async () => {
    // Prepare: a listing confirmed 80 days before the finder's clock, in the table before the finder
    // starts (written after, a slow moment could let the timer's only run find nothing).
    const clock = at('2027-03-01T09:00:00Z');
    const { ensureTable } = await import('../../functions/data/create-table.js');
    const { putOutlet } = await import('../../functions/data/outlets.js');
    await ensureTable();
    await putOutlet(buildOutlet({ id: 'RT001', assuredAt: '2026-12-11T10:00:00.000Z', contactEmail: 'rt001@example.org' }));
    const finder = await startFinder({ port: 0, siteDir, seed: false, readinessTimer: { clock: () => clock, firstRunAfterMs: 50 } });
    try {
      // Act
      await expect.poll(() => finder.outbox.list().length, { timeout: 10_000 }).toBe(1);

      // Assess
      expect(finder.outbox.list()[0]).toMatchObject({ to: 'rt001@example.org', subject: 'Check your naloxone listing: Oxford Road Pharmacy' });
    } finally {
      await finder.close();
    }
  });
});
