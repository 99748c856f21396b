/**
 * Addresses as source lists write them: split into lines and a town, and words in capitals made
 * readable. Pure.
 */

/** Counties that end some addresses; the town is the part before them. */
const counties = new Set(
  ['Lancashire', 'Cheshire', 'Greater Manchester', 'Merseyside', 'Derbyshire', 'West Yorkshire', 'South Yorkshire', 'West Midlands'].map((county) =>
    county.toLowerCase(),
  ),
);

/** Splits address parts ("491 Radcliffe Road", "Darcy Lever", "Bolton") into up to 4 lines and a town. */
export function splitAddressParts(parts: readonly string[], fallbackTown: string): { lines: string[]; town: string } {
  const kept = parts.map((part) => part.trim()).filter(Boolean);
  while (kept.length > 1 && counties.has((kept[kept.length - 1] ?? '').toLowerCase())) kept.pop();
  const town = kept.length > 1 ? (kept.pop() ?? fallbackTown) : fallbackTown;
  return { lines: kept.slice(0, 4), town };
}

/** Splits "491 Radcliffe Road, Darcy Lever, Bolton" into lines and a town. */
export const splitAddress = (address: string, fallbackTown: string): { lines: string[]; town: string } =>
  splitAddressParts(address.split(','), fallbackTown);

/** "BOOTS UK LIMITED" → "Boots Uk Limited"; text already in mixed case is left as it is. */
export function readableCase(text: string): string {
  if (text !== text.toUpperCase()) return text;
  return text.toLowerCase().replace(/(^|[\s\-'(/&])([a-z])/g, (_, before: string, letter: string) => `${before}${letter.toUpperCase()}`);
}
