/**
 * Local authorities by ONS (GSS) code, for people to read: "Trafford", not E08000009. Names are
 * mySociety's (`data/uk-local-authorities-mysociety.csv`, CC BY 4.0), current authorities only,
 * copied into `local-authority-names.json` so a function needs no file at run time; a test checks
 * the copy against the CSV.
 */
import names from './local-authority-names.json' with { type: 'json' };

const byCode: Readonly<Record<string, string>> = names;

/** The name of a local authority, or null when the code is not a current one the finder knows. */
export const localAuthorityName = (code: string): string | null => byCode[code] ?? null;

/** Names folded for comparison: case, accents and punctuation ignored ("St. Helens" = "st helens"). */
const folded = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const byName: ReadonlyMap<string, string> = new Map(Object.entries(byCode).map(([code, name]) => [folded(name), code]));

/** The code of the current local authority with this name ("Trafford", "st helens"), or null. Names are unique in the list. */
export const localAuthorityCodeNamed = (name: string): string | null => byName.get(folded(name)) ?? null;
