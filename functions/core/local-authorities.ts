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
