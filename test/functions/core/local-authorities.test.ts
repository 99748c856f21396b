/**
 * The local authority names the functions carry are the mySociety list's, current authorities only.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import names from '../../../functions/core/local-authority-names.json' with { type: 'json' };
import { localAuthorityName } from '../../../functions/core/local-authorities.js';

/** The CSV's rows, read with quoted fields (names hold commas). */
function csvRows(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const split = (line: string) => [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)].map((match) => (match[1] ?? '').replace(/^"|"$/g, '').replace(/""/g, '"')).slice(0, -1);
  const columns = split(header ?? '');
  return lines.map((line) => Object.fromEntries(split(line).map((value, index) => [columns[index], value])));
}

describe('local authority names', () => {
  it('are exactly the current authorities of data/uk-local-authorities-mysociety.csv, by GSS code', () => {
    // Prepare
    const rows = csvRows(new URL('../../../data/uk-local-authorities-mysociety.csv', import.meta.url).pathname);

    // Act
    const expected = Object.fromEntries(rows.filter((row) => row['current-authority'] === 'True' && row['gss-code']).map((row) => [row['gss-code'], row['nice-name']]));

    // Assess
    expect(names).toEqual(expected);
    expect([localAuthorityName('E08000009'), localAuthorityName('E08000003'), localAuthorityName('E99999999')]).toEqual(['Trafford', 'Manchester', null]);
  });
});
