/**
 * `npm run refresh:bank-holidays [-- --from FEED.json] [--data-dir DIR]`: downloads GOV.UK's bank
 * holiday feed (or reads a saved copy), checks it (`core/bank-holiday-feed.ts`) and rewrites the
 * three calendars in `data/`. Nothing is written unless the whole feed is valid. Review the diff and
 * `data/bank-holidays.SOURCE.md` before committing: a one-off holiday needs listing in the test.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { bankHolidayFileName, calendarFilesFromFeed, calendarFileText, govUkBankHolidaysUrl, lastYearOf } from '../functions/core/bank-holiday-feed.js';

const defaultDataDir = fileURLToPath(new URL('../data/', import.meta.url));

/** What was written: each division's file and the last year it covers. */
export interface RefreshResult {
  written: { path: string; events: number; lastYear: number }[];
}

/** Reads the feed's text, checks it and writes the three files into `dataDir`. */
export async function refreshBankHolidays(feedText: string, dataDir: string = defaultDataDir): Promise<RefreshResult> {
  const files = calendarFilesFromFeed(JSON.parse(feedText) as unknown);
  const written = [];
  for (const file of files) {
    const path = join(dataDir, bankHolidayFileName(file.division));
    await writeFile(path, calendarFileText(file));
    written.push({ path, events: file.events.length, lastYear: lastYearOf(file) });
  }
  return { written };
}

async function downloadFeed(): Promise<string> {
  const response = await fetch(govUkBankHolidaysUrl, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`GOV.UK answered ${response.status} for ${govUkBankHolidaysUrl}`);
  return response.text();
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { from: { type: 'string' }, 'data-dir': { type: 'string' } } });
  const feedText = values.from === undefined ? await downloadFeed() : await readFile(values.from, 'utf8');
  const { written } = await refreshBankHolidays(feedText, values['data-dir'] ?? defaultDataDir);
  for (const file of written) console.log(`${file.path}: ${file.events} bank holidays, up to ${file.lastYear}`);
  const coversUntil = Math.min(...written.map((file) => file.lastYear));
  if (coversUntil < new Date().getUTCFullYear() + 1) {
    console.log(`GOV.UK lists holidays only to ${coversUntil}: the calendar test will fail until it publishes the next year.`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
