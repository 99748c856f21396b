/**
 * ISO 639-1 codes for language names, from the runtime's own CLDR data (Intl.DisplayNames) rather than
 * a shipped table. Only the English CLDR name matches: "Polish" gives "pl", but "Bengali" gives nothing
 * because CLDR calls it "Bangla", and languages with no two-letter code (British Sign Language) give nothing.
 */

let codesByName: Map<string, string> | undefined;

/** The ISO 639-1 code of a language named as CLDR names it in English ("Polish" → "pl"), if any. */
export function iso6391Code(name: string): string | undefined {
  codesByName ??= buildCodesByName();
  return codesByName.get(name.trim().toLowerCase());
}

function buildCodesByName(): Map<string, string> {
  const codes = new Map<string, string>();
  const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (const first of letters) {
    for (const second of letters) {
      const code = first + second;
      // Skip retired codes ("iw", "in"), which the runtime still names after their replacements.
      const label = Intl.getCanonicalLocales(code)[0] === code ? names.of(code) : undefined;
      if (label !== undefined && !codes.has(label.toLowerCase())) codes.set(label.toLowerCase(), code);
    }
  }
  return codes;
}
