/**
 * An order-independent checksum of a table's items, for the restore drill: the same items give the
 * same checksum whatever order a Scan returns them in, and any changed, lost or doubled item changes it.
 *
 * Items are in DynamoDB's own JSON (`{ "S": "…" }`, `{ "N": "…" }`…, as a Scan or an export to S3
 * gives them), so no type is lost on the way: a number stays its exact digits, a set stays a set. Each
 * item is written canonically (map keys sorted, set members sorted, since neither has an order in
 * DynamoDB), hashed with SHA-256, and the hashes are added modulo 2^256: a sum does not care about
 * order, and a sum of uniform 256-bit hashes collides no more often than the hashes themselves.
 */
import { createHash } from 'node:crypto';

/** One attribute value in DynamoDB JSON, binary as base64 (as in an export file). */
export type AttributeJson = Readonly<Record<string, unknown>>;
/** One item in DynamoDB JSON. */
export type ItemJson = Readonly<Record<string, AttributeJson>>;

const modulus = 1n << 256n;
const setTypes = new Set(['SS', 'NS', 'BS']);

/** The item written canonically: the same text for the same item, however its keys were ordered. */
export function canonicalItem(item: ItemJson): string {
  return canonical(item);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, inner]) => {
        const member = setTypes.has(key) && Array.isArray(inner) ? [...(inner as string[])].sort() : inner;
        return `${JSON.stringify(key)}:${canonical(member)}`;
      });
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A running count and checksum: add items in any order, read the figures at the end. */
export class ItemChecksum {
  private sum = 0n;
  private items = 0;

  add(item: ItemJson): void {
    const digest = createHash('sha256').update(canonicalItem(item)).digest('hex');
    this.sum = (this.sum + BigInt(`0x${digest}`)) % modulus;
    this.items += 1;
  }

  /** `{ items, checksum }`, the checksum as 64 hex digits. */
  figures(): TableFigures {
    return { items: this.items, checksum: this.sum.toString(16).padStart(64, '0') };
  }
}

/** What the drill compares at each step. */
export interface TableFigures {
  readonly items: number;
  readonly checksum: string;
}
