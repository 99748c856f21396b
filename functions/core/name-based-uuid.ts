/**
 * Name-based UUIDs (version 5, RFC 9562 section 5.5): the same namespace and name always give the same
 * UUID, so ids made from our own ids are stable from one export to the next.
 */
import { createHash } from 'node:crypto';

/** The version 5 UUID of `name` in `namespace` (a UUID): SHA-1 of the namespace's 16 bytes and the UTF-8 name. */
export function uuidV5(namespace: string, name: string): string {
  const bytes = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
