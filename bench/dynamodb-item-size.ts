/**
 * DynamoDB's own arithmetic for an item's size, write units and billed storage, as the developer
 * guide states it ("Item sizes and formats", "Read/write capacity mode"), for the benchmarks'
 * cost estimates. The embedded engine bills nothing, so the sizes are computed, not read back.
 */

/** Bytes of a number: about one per two significant digits, plus one. */
function numberBytes(value: number): number {
  const digits = Math.abs(value).toString().replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

/** Bytes of one attribute value (strings, numbers, booleans, null, lists and maps of them). */
function valueBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') return numberBytes(value);
  if (typeof value === 'boolean' || value === null) return 1;
  // Lists and maps: 3 bytes of overhead plus one per element, plus their contents.
  if (Array.isArray(value)) return 3 + value.reduce<number>((sum, element) => sum + 1 + valueBytes(element), 0);
  if (typeof value === 'object') return 3 + itemBytes(value as Record<string, unknown>) + Object.keys(value as object).length;
  throw new Error(`No DynamoDB size for ${typeof value}`);
}

/** An item's size: the UTF-8 lengths of its attribute names plus the sizes of their values. */
export function itemBytes(item: Record<string, unknown>): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + valueBytes(value), 0);
}

/** The part of an item a global secondary index holds: the table's and the index's keys, and its projected attributes. */
export function projectedItem(item: Record<string, unknown>, keyNames: readonly string[], projected: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([name]) => keyNames.includes(name) || projected.includes(name)));
}

/** On-demand write request units of writing an item of this many bytes: one per 1 KB, rounded up. */
export const writeUnits = (bytes: number): number => Math.max(1, Math.ceil(bytes / 1024));

/** DynamoDB bills 100 bytes of overhead per item stored, in the table and in each index. */
export const storageOverheadBytes = 100;
