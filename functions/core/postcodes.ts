/**
 * UK postcodes as people type them: validated and normalised with the `postcode` library, so the
 * search accepts any case, spacing and common punctuation (GOV.UK postcode pattern), and tells
 * "not a postcode" apart from "a postcode we do not know".
 */
import { fix, isValid, parse, validOutcode } from 'postcode';

export { INVALID_POSTCODE_MESSAGE, UNKNOWN_POSTCODE_MESSAGE } from '../contract/find-outlets.js';

/** What a person typed in the postcode field, once read. */
export type ParsedPostcode =
  | { kind: 'full'; postcode: string; outward: string }
  | { kind: 'outward'; outward: string }
  | { kind: 'invalid' };

/** GOV.UK asks services to accept postcodes with stray hyphens, brackets and full stops. */
const PUNCTUATION = /[.\-()]/g;
const WHITESPACE = /\s+/g;
/** A postcode sector ("M1 5"): narrower than a district, so it is searched as its outward code. */
const SECTOR = /^([a-z]{1,2}\d[a-z\d]?)\s+\d$/i;

/**
 * Reads a postcode field: a full postcode (`m154ab`, ` M15  4AB `, `sw1a-1aa`), an outward code
 * (`M15`, `m15`) or a sector (`M1 5`, searched as `M1`). Anything else is `invalid`.
 *
 * Letters and digits in positions where only one of them can stand (`SW1A OAA`) are corrected by the
 * library's `fix`, but only when the input is not already valid, so a valid postcode is never changed.
 */
export function parsePostcodeInput(input: string): ParsedPostcode {
  const cleaned = input.replace(PUNCTUATION, ' ').trim();
  // Outward codes and sectors are told apart by their inner space, so check them before removing it.
  const sector = SECTOR.exec(cleaned);
  if (sector?.[1] && validOutcode(sector[1])) return { kind: 'outward', outward: sector[1].toUpperCase() };

  const compact = cleaned.replace(WHITESPACE, '');
  if (compact.length === 0) return { kind: 'invalid' };
  if (validOutcode(compact)) return { kind: 'outward', outward: compact.toUpperCase() };

  const full = parse(isValid(compact) ? compact : fix(compact));
  if (!full.valid) return { kind: 'invalid' };
  return { kind: 'full', postcode: full.postcode, outward: full.outcode };
}

/**
 * Strictly normalises a full postcode from a data file (`M15 4AB`), or returns null.
 * Unlike {@link parsePostcodeInput} it never guesses: imported data must be right as it stands.
 */
export function normalisePostcode(value: string): string | null {
  const full = parse(value.trim());
  return full.valid ? full.postcode : null;
}

/** Strictly normalises an outward code from a data file (`M15`), or returns null. */
export function normaliseOutwardCode(value: string): string | null {
  const trimmed = value.trim();
  return validOutcode(trimmed) ? trimmed.toUpperCase() : null;
}

