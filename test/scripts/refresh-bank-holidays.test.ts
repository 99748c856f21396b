import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bankHolidayDivisions, bankHolidayFileSchema } from '../../functions/core/bank-holidays.js';
import { refreshBankHolidays } from '../../scripts/refresh-bank-holidays.js';

const dataDir = new URL('../../data/', import.meta.url);
const fixture = new URL('../fixtures/bank-holidays/gov-uk-feed-2026.json', import.meta.url);

let outDir: string;
beforeEach(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'bank-holidays-'));
});
afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('npm run refresh:bank-holidays', () => {
  it('writes the three calendars from a saved GOV.UK feed, in date order, without the feed’s extra fields', async () => {
    // Prepare: the fixture has GOV.UK's shape (bunting on each event), events newest first.
    const feedText = await readFile(fixture, 'utf8');

    // Act
    const { written } = await refreshBankHolidays(feedText, outDir);

    // Assess
    expect((await readdir(outDir)).sort()).toEqual([
      'bank-holidays-england-and-wales.json',
      'bank-holidays-northern-ireland.json',
      'bank-holidays-scotland.json',
    ]);
    expect(written.map(({ events, lastYear }) => ({ events, lastYear }))).toEqual([
      { events: 8, lastYear: 2026 },
      { events: 9, lastYear: 2026 },
      { events: 10, lastYear: 2026 },
    ]);
    const scotland = bankHolidayFileSchema.parse(JSON.parse(await readFile(join(outDir, 'bank-holidays-scotland.json'), 'utf8')));
    expect(scotland.source).toBe('https://www.gov.uk/bank-holidays.json');
    expect(scotland.events[0]).toEqual({ title: 'New Year’s Day', date: '2026-01-01', notes: '' });
    expect(scotland.events.map((event) => event.date)).toEqual(scotland.events.map((event) => event.date).sort());
    expect(scotland.events.map((event) => event.date)).toContain('2026-11-30');
  });

  it('writes back the shipped calendars byte for byte from a feed holding their events', async () => {
    // Prepare: the feed GOV.UK would publish for the shipped years.
    const shipped = Object.fromEntries(
      await Promise.all(bankHolidayDivisions.map(async (division) => [division, await readFile(new URL(`bank-holidays-${division}.json`, dataDir), 'utf8')] as const)),
    );
    const feed = Object.fromEntries(
      bankHolidayDivisions.map((division) => {
        const { events } = JSON.parse(shipped[division] ?? '') as { events: object[] };
        return [division, { division, events: events.map((event) => ({ ...event, bunting: true })) }];
      }),
    );

    // Act
    await refreshBankHolidays(JSON.stringify(feed), outDir);

    // Assess
    for (const division of bankHolidayDivisions) {
      expect(await readFile(join(outDir, `bank-holidays-${division}.json`), 'utf8')).toBe(shipped[division]);
    }
  });

  it.each([
    ['a division is missing', (feed: Record<string, unknown>) => ({ ...feed, scotland: undefined })],
    ['a division is filed under another name', (feed: Record<string, { division: string }>) => ({ ...feed, scotland: { ...feed['northern-ireland'] } })],
    ['a date is not a date', (feed: Record<string, { division: string; events: object[] }>) => ({
      ...feed,
      scotland: { ...feed.scotland, events: [{ title: 'St Andrew’s Day', date: '30/11/2026', notes: '' }] },
    })],
    ['a date is listed twice', (feed: Record<string, { division: string; events: object[] }>) => ({
      ...feed,
      scotland: { ...feed.scotland, events: [...(feed.scotland?.events ?? []), ...(feed.scotland?.events ?? []).slice(0, 1)] },
    })],
    ['a division lists nothing', (feed: Record<string, { division: string; events: object[] }>) => ({ ...feed, scotland: { division: 'scotland', events: [] } })],
  ])('refuses the feed and writes nothing when %s', async (_case, spoil) => {
    // Prepare
    const feed = JSON.parse(await readFile(fixture, 'utf8')) as Record<string, never>;

    // Act and assess
    await expect(refreshBankHolidays(JSON.stringify(spoil(feed)), outDir)).rejects.toThrow(/scotland/);
    expect(await readdir(outDir)).toEqual([]);
  });
});
